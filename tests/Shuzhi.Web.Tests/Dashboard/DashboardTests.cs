using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Meetings;
using Shuzhi.Domain.Organizations;
using Shuzhi.Domain.Scoring;
using Shuzhi.Web.Tests.Infrastructure;
using Shuzhi.Web.Tests.Meetings;
using Shuzhi.Web.Tests.Reports;

namespace Shuzhi.Web.Tests.Dashboard;

/// <summary>
/// The dashboard's figures against a small hand-made campaign set, the scope of a county's view, the history pages,
/// the search and the .xlsx of the charts.
/// </summary>
public abstract class DashboardTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    private static readonly DateOnly DecidedOn = new(2024, 1, 10);

    /// <summary>Locks the party committee's decision on the campaign's grades (as the grading pages store it).</summary>
    private Task LockAsync(int campaignId, params (int Reporter, Grade Grade, string Achievements)[] grades) => f.WithDbAsync(async db =>
    {
        var d = Deliberation.Start(campaignId);
        d.Lock(DecidedOn, "党委会纪要〔2024〕1号",
            grades.Select(g => new DecidedGrade(g.Reporter, g.Grade, g.Grade, null, new Opinion(g.Achievements, "问题" + g.Reporter, "方向" + g.Reporter))).ToList(),
            Quota.Default, "测试：比例另行说明", "test", f.Clock.GetUtcNow());
        db.Deliberations.Add(d);
        await db.SaveChangesAsync();
    });

    private sealed record Arranged(TallyTestKit.Arranged This, ReportTestKit.Setup Previous, TallyTestKit.Arranged Other, int Village3);

    /// <summary>
    /// County A: a town campaign in <paramref name="year"/> debriefed on-site at a meeting (village 1 好, village 2 一般), one the
    /// year before in writing (village 1 较好, village 2 好), a third village that never reported, one open overdue step.
    /// County B: a campaign in the same year (both 差), two open overdue steps, ballots of its own.
    /// </summary>
    private async Task<Arranged> ArrangeAsync(int year)
    {
        var a = await TallyTestKit.MeetingAsync(f, D.A, year);
        var prev = await ReportTestKit.TownCampaignAsync(f, D.A, year - 1);
        var b = await TallyTestKit.MeetingAsync(f, D.B, year);
        var v3 = await f.WithDbAsync(async (db, _) =>
        {
            // One third village for the whole class (every test adds campaigns, the tree stays the same).
            var town = await db.Organizations.SingleAsync(o => o.Id == D.A.Town.Id);
            var v = await db.Organizations.SingleOrDefaultAsync(o => o.Code == "CA-T-9");
            if (v is null) db.Organizations.Add(v = Organization.Create("CA-T-9", "甲县新村党支部", OrganizationKind.Branch, UnitType.Village, town, 9));
            foreach (var c in await db.VoterCategories.Where(c => c.MeetingId == a.MeetingId || c.MeetingId == b.MeetingId).ToListAsync())
                c.SetIssued(c.Id == a.Cat1 ? 10 : c.Id == a.Cat2 ? 5 : c.Id == b.Cat1 ? 7 : 0);
            var today = DateOnly.FromDateTime(f.Clock.GetUtcNow().Date);
            db.OverdueItems.Add(OverdueItem.Open(a.CampaignId, OverdueKind.ReportNotSubmitted, D.A.Village1.Id, today.AddDays(-3), today));
            db.OverdueItems.Add(OverdueItem.Open(b.CampaignId, OverdueKind.ReportNotSubmitted, D.B.Village1.Id, today.AddDays(-3), today));
            db.OverdueItems.Add(OverdueItem.Open(b.CampaignId, OverdueKind.ReviewNotDone, D.B.Village2.Id, today.AddDays(-3), today));
            await db.SaveChangesAsync();
            return v.Id;
        });
        Mark[] both = [Mark.ForGrade(a.Reporter1, "好"), Mark.ForGrade(a.Reporter2, "较好")];
        await TallyTestKit.PhoneAsync(f, a.MeetingId, a.Cat1, both, both, both);
        await TallyTestKit.PhoneAsync(f, a.MeetingId, a.Cat2, both);
        Mark[] bMarks = [Mark.ForGrade(b.Reporter1, "差"), Mark.ForGrade(b.Reporter2, "差")];
        await TallyTestKit.PhoneAsync(f, b.MeetingId, b.Cat1, bMarks, bMarks, bMarks, bMarks, bMarks, bMarks);
        await LockAsync(a.CampaignId, (a.Reporter1, Grade.Good, "成绩甲一"), (a.Reporter2, Grade.Average, "成绩甲二"));
        await LockAsync(prev.CampaignId, (prev.Reporter1, Grade.FairlyGood, "往年成绩"), (prev.Reporter2, Grade.Good, "往年成绩二"));
        await LockAsync(b.CampaignId, (b.Reporter1, Grade.Poor, "成绩乙一"), (b.Reporter2, Grade.Poor, "成绩乙二"));
        return new Arranged(a, prev, b, v3);
    }

    /// <summary>A chart's table as label → values, read from the page.</summary>
    private static Dictionary<string, int[]> Table(IHtmlDocument page, string chart) =>
        page.QuerySelectorAll($"[data-table='{chart}'] tbody tr").ToDictionary(
            tr => tr.Children[0].TextContent.Trim(),
            tr => tr.Children.Skip(1).Select(td => int.Parse(td.TextContent.Trim())).ToArray());

    private static string[] Headers(IHtmlDocument page, string chart) =>
        page.QuerySelectorAll($"[data-table='{chart}'] thead th").Select(th => th.TextContent.Trim()).ToArray();

    [Fact]
    public async Task A_countys_viewer_sees_its_own_figures_as_the_records_give_them()
    {
        const int year = 2030;
        await ArrangeAsync(year);
        var viewer = await f.PagesAsync(D.A.ViewerUser);
        var page = await viewer.GetHtmlAsync($"/Dashboard?year={year}");

        // One campaign of the year, in 撰写述职报告 (TallyTestKit leaves it there); none elsewhere.
        var stages = Table(page, "stages");
        Assert.Equal([1], stages["撰写述职报告"]);
        Assert.Equal(1, stages.Values.Sum(v => v[0]));
        // County A's one open overdue step; county B's two are not counted.
        var overdue = Table(page, "overdue");
        Assert.Equal([1], overdue["述职报告未提交"]);
        Assert.Equal(1, overdue.Values.Sum(v => v[0]));

        // Grades by year (好, 较好, 一般, 差): the year before 较好 + 好, this year 好 + 一般; 差 only in county B.
        Assert.Equal(["年度", "好", "较好", "一般", "差"], Headers(page, "grades-year"));
        var byYear = Table(page, "grades-year");
        Assert.Equal([1, 1, 0, 0], byYear[$"{year - 1}年度"]);
        Assert.Equal([1, 0, 1, 0], byYear[$"{year}年度"]);
        Assert.Equal([0, 0, 0, 0], byYear[$"{year - 2}年度"]);
        Assert.Equal([1, 0, 1, 0], Table(page, "grades-kind")["党支部"]);
        Assert.Equal([1, 0, 1, 0], Table(page, "grades-unit")["村"]);
        Assert.Equal([1, 0, 1, 0], Table(page, "grades-track")["村（社区）党组织书记"]);

        // Turnout: issued 10 + 5 (the other categories 0), received 3 + 1 phone ballots.
        var meeting = Table(page, "turnout-meeting");
        Assert.Equal([15, 4], Assert.Single(meeting).Value);
        var cats = Table(page, "turnout-category");
        Assert.Equal(15, cats.Values.Sum(v => v[0]));
        Assert.Equal(4, cats.Values.Sum(v => v[1]));
        Assert.Contains(cats.Values, v => v.SequenceEqual([10, 3]));
        Assert.Contains(cats.Values, v => v.SequenceEqual([5, 1]));

        // Coverage: the town's three villages; two debriefed on-site this year; the term (5 years from this year) has years left.
        var coverage = Table(page, "coverage");
        Assert.Equal([2, 1, 0], coverage["甲县城关镇党委"]);
        Assert.DoesNotContain(coverage.Keys, k => k.Contains("乙县"));

        // The charts' numbers embedded for the script are those of the tables.
        var json = page.QuerySelector("script#dashboard-data")!.TextContent;
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var gradesYear = doc.RootElement.EnumerateArray().Single(c => c.GetProperty("id").GetString() == "grades-year");
        Assert.Equal([0, 1], gradesYear.GetProperty("series")[2].GetProperty("values").EnumerateArray().TakeLast(2).Select(v => v.GetInt32()).ToArray());
    }

    [Fact]
    public async Task The_figures_equal_those_counted_from_the_records_and_the_coverage_page()
    {
        const int year = 2040;
        var s = await ArrangeAsync(year);
        var page = await (await f.PagesAsync(D.A.StaffUser)).GetHtmlAsync($"/Dashboard?year={year}");
        // The turnout as the meeting's own count gives it.
        var turnout = await f.WithDbAsync((db, sp) => sp.GetRequiredService<Shuzhi.Web.Features.MeetingCommands>().TurnoutAsync(s.This.MeetingId, default));
        Assert.Equal([turnout.Sum(t => t.Issued), turnout.Sum(t => t.Received)], Assert.Single(Table(page, "turnout-meeting")).Value);
        // The coverage as /Campaigns/Coverage decides it for the campaign.
        var lines = await f.WithDbAsync(async (db, sp) =>
        {
            var c = await db.Campaigns.SingleAsync(x => x.Id == s.This.CampaignId);
            return await sp.GetRequiredService<Shuzhi.Web.Features.CampaignCommands>().CoverageAsync(c, default);
        });
        Assert.Equal([lines.Count(l => l.Coverage.Covered), lines.Count(l => !l.Coverage.Covered && !l.Coverage.WillMissTerm), lines.Count(l => l.Coverage.WillMissTerm)],
            Table(page, "coverage")["甲县城关镇党委"]);
        Assert.Equal(3, lines.Count);
    }

    [Fact]
    public async Task Filters_by_kind_unit_and_track_narrow_the_figures()
    {
        const int year = 2050;
        await ArrangeAsync(year);
        var viewer = await f.PagesAsync(D.A.ViewerUser);
        // Party committees (the town) have no grades; branches have them all.
        var committees = await viewer.GetHtmlAsync($"/Dashboard?year={year}&kind=PartyCommittee");
        Assert.Empty(Table(committees, "grades-kind"));
        Assert.Equal([0, 0, 0, 0], Table(committees, "grades-year")[$"{year}年度"]);
        // The stage chart filters on the organizer: the town is a party committee.
        Assert.Equal([1], Table(committees, "stages")["撰写述职报告"]);
        var branches = await viewer.GetHtmlAsync($"/Dashboard?year={year}&kind=Branch&unit=Village");
        Assert.Equal([1, 0, 1, 0], Table(branches, "grades-year")[$"{year}年度"]);
        Assert.Equal([0], Table(branches, "stages")["撰写述职报告"]);
        Assert.Equal([2, 1, 0], Table(branches, "coverage")["甲县城关镇党委"]);
        var community = await viewer.GetHtmlAsync($"/Dashboard?year={year}&unit=Community");
        Assert.Equal([0, 0, 0], Table(community, "coverage")["甲县城关镇党委"]);
        var otherTrack = await viewer.GetHtmlAsync($"/Dashboard?year={year}&track=" + Uri.EscapeDataString("乡镇党委书记"));
        Assert.Equal([0, 0, 0, 0], Table(otherTrack, "grades-year")[$"{year}年度"]);
        Assert.NotNull(otherTrack.QuerySelector("[data-section='grades-track'] [data-empty]"));
    }

    [Fact]
    public async Task County_b_sees_only_its_own_numbers()
    {
        const int year = 2060;
        await ArrangeAsync(year);
        var page = await (await f.PagesAsync(D.B.ViewerUser)).GetHtmlAsync($"/Dashboard?year={year}");
        Assert.Equal([0, 0, 0, 2], Table(page, "grades-year")[$"{year}年度"]);
        Assert.Equal([0, 0, 0, 0], Table(page, "grades-year")[$"{year - 1}年度"]);
        Assert.Equal(2, Table(page, "overdue").Values.Sum(v => v[0]));
        Assert.Equal([7, 6], Assert.Single(Table(page, "turnout-meeting")).Value);
        Assert.Equal(["乙县城关镇党委"], Table(page, "coverage").Keys.ToArray());
        Assert.DoesNotContain("甲县", page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task The_xlsx_holds_the_numbers_of_the_chart()
    {
        const int year = 2070;
        await ArrangeAsync(year);
        var viewer = await f.PagesAsync(D.A.ViewerUser);
        var res = await viewer.GetAsync($"/Dashboard?year={year}&handler=Export&chart=grades-year");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var table = Assert.Single(Shuzhi.Web.Documents.Xlsx.Read(await res.Content.ReadAsStreamAsync()));
        Assert.Equal(["年度", "好", "较好", "一般", "差"], table.Headers);
        var rows = table.Rows.ToDictionary(r => r.Cells[0], r => r.Cells.Skip(1).ToArray());
        Assert.Equal(["1", "1", "0", "0"], rows[$"{year - 1}年度"]);
        Assert.Equal(["1", "0", "1", "0"], rows[$"{year}年度"]);
        Assert.Equal(5, rows.Count);
        // All charts: one sheet each; the export is audited.
        var all = Shuzhi.Web.Documents.Xlsx.Read(await (await viewer.GetAsync($"/Dashboard?year={year}&handler=Export")).Content.ReadAsStreamAsync());
        Assert.Equal(12, all.Count);
        Assert.Equal("2", all.Single(t => t.SheetName == "届期内现场述职覆盖情况").Rows.Single(r => r.Cells[0] == "甲县城关镇党委").Cells[1]);
        Assert.True(await f.WithDbAsync((db, _) => db.AuditEntries.IgnoreQueryFilters().AnyAsync(e => e.Action == "export" && e.EntityType == "Dashboard")));
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync($"/Dashboard?year={year}&handler=Export&chart=nothing")).StatusCode);
    }

    /// <summary>Stores the figures of every marked campaign (the job's work) and checks that no mark is left.</summary>
    private Task StoreFiguresAsync() => f.WithDbAsync(async (db, sp) =>
    {
        var figures = sp.GetRequiredService<Shuzhi.Web.Features.CampaignFigures>();
        while (await figures.RefreshAsync(1000, default) > 0) { }
        Assert.False(await db.CampaignFigureStale.AnyAsync());
        return 0;
    });

    /// <summary>Every table of the page as its text, chart by chart.</summary>
    private static Dictionary<string, string> Tables(IHtmlDocument page) =>
        page.QuerySelectorAll("[data-table]").ToDictionary(t => t.GetAttribute("data-table")!, t => string.Join("|", t.QuerySelectorAll("tr").Select(tr => tr.TextContent.Trim())));

    [Fact]
    public async Task The_stored_figures_give_the_dashboard_the_records_give()
    {
        const int year = 2085;
        var s = await ArrangeAsync(year);
        await TallyTestKit.CloseAsync(f, s.This.MeetingId);
        var viewer = await f.PagesAsync(D.A.ViewerUser);
        var fromRecords = await viewer.GetHtmlAsync($"/Dashboard?year={year}");
        await StoreFiguresAsync();
        // Nothing of county A's campaigns is computed now: their figures are read from the stored rows.
        var live = await f.WithDbAsync((db, sp) => sp.GetRequiredService<Shuzhi.Web.Features.CampaignFigures>().LiveAsync(year - 4, year, default));
        Assert.DoesNotContain(s.This.CampaignId, live);
        Assert.DoesNotContain(s.Previous.CampaignId, live);
        Assert.True(await f.WithDbAsync((db, _) => db.CampaignFigures.IgnoreQueryFilters().AnyAsync(x => x.CampaignId == s.This.CampaignId && x.Measure == Shuzhi.Web.Data.FigureMeasure.Grade)));
        var stored = await viewer.GetHtmlAsync($"/Dashboard?year={year}");
        Assert.Equal(Tables(fromRecords), Tables(stored));
        Assert.Equal([1, 0, 1, 0], Table(stored, "grades-year")[$"{year}年度"]);
        Assert.Equal([15, 4], Assert.Single(Table(stored, "turnout-meeting")).Value);
        Assert.Equal([2, 1, 0], Table(stored, "coverage")["甲县城关镇党委"]);
        var filtered = await viewer.GetHtmlAsync($"/Dashboard?year={year}&kind=Branch&unit=Village");
        Assert.Equal([1, 0, 1, 0], Table(filtered, "grades-year")[$"{year}年度"]);
        Assert.Equal([0], Table(filtered, "stages")["撰写述职报告"]);
        // County B's viewer sees its own stored figures only.
        var b = await (await f.PagesAsync(D.B.ViewerUser)).GetHtmlAsync($"/Dashboard?year={year}");
        Assert.Equal([0, 0, 0, 2], Table(b, "grades-year")[$"{year}年度"]);
        Assert.DoesNotContain("甲县", b.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task A_change_to_the_records_shows_at_once_and_in_the_stored_figures_after_the_job()
    {
        const int year = 2095;
        var s = await ArrangeAsync(year);
        await TallyTestKit.CloseAsync(f, s.This.MeetingId);
        await StoreFiguresAsync();
        var viewer = await f.PagesAsync(D.A.ViewerUser);
        var url = $"/Dashboard?year={year}";
        var before = await viewer.GetHtmlAsync(url);
        Assert.Equal([1], Table(before, "overdue")["述职报告未提交"]);
        try
        {
            // Each change marks the campaign (a trigger in the same transaction); the dashboard computes it from the records.
            await f.WithDbAsync(async (db, _) =>
            {
                var today = DateOnly.FromDateTime(f.Clock.GetUtcNow().Date);
                foreach (var o in await db.OverdueItems.Where(o => o.CampaignId == s.This.CampaignId && o.ResolvedOn == null).ToListAsync()) o.Resolve(today);
                (await db.VoterCategories.SingleAsync(c => c.Id == s.This.Cat1)).SetIssued(20);
                (await db.Organizations.SingleAsync(o => o.Id == s.Village3)).Deactivate();
                var v1 = await db.Organizations.SingleAsync(o => o.Id == D.A.Village1.Id);
                v1.Reclassify(v1.Kind, UnitType.Community, v1.SortOrder);
                await db.SaveChangesAsync();
                return 0;
            });
            Assert.True(await f.WithDbAsync((db, _) => db.CampaignFigureStale.AnyAsync(m => m.CampaignId == s.This.CampaignId)));
            foreach (var stored in (bool[])[false, true])
            {
                if (stored) await StoreFiguresAsync();
                var page = await viewer.GetHtmlAsync(url);
                Assert.Equal(0, Table(page, "overdue").Values.Sum(v => v[0]));
                Assert.Equal([25, 4], Assert.Single(Table(page, "turnout-meeting")).Value);
                Assert.Equal([2, 0, 0], Table(page, "coverage")["甲县城关镇党委"]);
                // Village 1 (好) is a community now, in this year's grades and the year before's (较好).
                Assert.Equal([1, 0, 0, 0], Table(page, "grades-unit")["社区"]);
                Assert.Equal([0, 0, 1, 0], Table(page, "grades-unit")["村"]);
                var community = await viewer.GetHtmlAsync(url + "&unit=Community");
                Assert.Equal([0, 1, 0, 0], Table(community, "grades-year")[$"{year - 1}年度"]);
            }
        }
        finally
        {
            await f.WithDbAsync(async (db, _) =>
            {
                var town = await db.Organizations.SingleAsync(o => o.Id == D.A.Town.Id);
                (await db.Organizations.SingleAsync(o => o.Id == s.Village3)).Activate(town);
                var v1 = await db.Organizations.SingleAsync(o => o.Id == D.A.Village1.Id);
                v1.Reclassify(v1.Kind, UnitType.Village, v1.SortOrder);
                await db.SaveChangesAsync();
                return 0;
            });
        }
    }

    [Fact]
    public async Task The_history_of_a_unit_and_a_person_lists_every_year_with_grade_opinion_and_consequences()
    {
        const int year = 2080;
        var s = await ArrangeAsync(year);
        var viewer = await f.PagesAsync(D.A.ViewerUser);
        var org = await viewer.GetHtmlAsync($"/Organizations/History/{D.A.Village2.Id}");
        var sections = org.QuerySelectorAll("[data-history]").Where(e => e.GetAttribute("data-history") == $"{year}" || e.GetAttribute("data-history") == $"{year - 1}").ToList();
        Assert.Equal([$"{year}", $"{year - 1}"], sections.Select(e => e.GetAttribute("data-history")!).ToArray());
        Assert.Equal("Average", sections[0].QuerySelector("[data-grade]")!.GetAttribute("data-grade"));
        Assert.Equal("一般", sections[0].QuerySelector("[data-grade]")!.TextContent.Trim());
        Assert.Equal("成绩甲二", sections[0].QuerySelector("[data-opinion]")!.TextContent.Trim());
        // 一般: no 优秀, a reminder interview, rectification within 30 days of the decision (2024-01-10 + 30).
        var consequences = sections[0].QuerySelector("[data-consequences]")!.TextContent;
        Assert.Contains("约谈提醒", consequences);
        Assert.Contains("限期整改：2024年2月9日前", consequences);
        Assert.Equal("Good", sections[1].QuerySelector("[data-grade]")!.GetAttribute("data-grade"));
        Assert.Null(sections[1].QuerySelector("[data-consequences]"));

        // The secretary of village 1 reported in both years.
        var person = await viewer.GetHtmlAsync($"/People/History/{D.A.Secretary.Id}");
        var mine = person.QuerySelectorAll("[data-history]").Where(e => e.GetAttribute("data-history") == $"{year}" || e.GetAttribute("data-history") == $"{year - 1}")
            .Select(e => (e.GetAttribute("data-history"), e.QuerySelector("[data-grade]")!.GetAttribute("data-grade"))).ToList();
        Assert.Equal([($"{year}", "Good"), ($"{year - 1}", "FairlyGood")], mine);

        // Linked from the unit's and the person's pages.
        Assert.NotNull((await viewer.GetHtmlAsync($"/Organizations/Details/{D.A.Village2.Id}")).QuerySelector($"a[href='/Organizations/History/{D.A.Village2.Id}']"));
        Assert.NotNull((await viewer.GetHtmlAsync($"/People/Details/{D.A.Secretary.Id}")).QuerySelector($"a[href='/People/History/{D.A.Secretary.Id}']"));
    }

    [Fact]
    public async Task County_bs_history_pages_are_not_found_for_county_a()
    {
        const int year = 2090;
        var s = await ArrangeAsync(year);
        var viewer = await f.PagesAsync(D.A.ViewerUser);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync($"/Organizations/History/{D.B.Village1.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync($"/People/History/{D.B.Secretary.Id}")).StatusCode);
        // A village secretary is not a dashboard reader.
        var secretary = await f.PagesAsync(D.A.SecretaryUser);
        Assert.NotEqual(HttpStatusCode.OK, (await secretary.GetAsync("/Dashboard")).StatusCode);
    }

    [Fact]
    public async Task Search_finds_units_by_name_and_code_and_people_by_name_within_the_subtree()
    {
        var viewer = await f.PagesAsync(D.A.ViewerUser);
        var byName = await viewer.GetHtmlAsync("/Search?q=" + Uri.EscapeDataString("一村"));
        Assert.Equal([D.A.Village1.Id.ToString()], byName.QuerySelectorAll("[data-org]").Select(e => e.GetAttribute("data-org")!).ToArray());
        var byCode = await viewer.GetHtmlAsync("/Search?q=CA-T-");
        Assert.Contains(D.A.Village2.Id.ToString(), byCode.QuerySelectorAll("[data-org]").Select(e => e.GetAttribute("data-org")));
        Assert.DoesNotContain(byCode.QuerySelectorAll("[data-org]"), e => e.TextContent.Contains("乙县"));
        Assert.Empty((await viewer.GetHtmlAsync("/Search?q=CB")).QuerySelectorAll("[data-org]"));
        var people = await viewer.GetHtmlAsync("/Search?type=person&q=" + Uri.EscapeDataString("书记"));
        var names = people.QuerySelectorAll("[data-person] td:first-child").Select(e => e.TextContent.Trim()).ToList();
        Assert.Contains("甲县书记", names);
        Assert.DoesNotContain(names, n => n.StartsWith("乙县"));
        // Paged: 10 a page at least; the pager shows the total.
        var all = await viewer.GetHtmlAsync("/Search?q=" + Uri.EscapeDataString("甲县") + "&size=10");
        Assert.InRange(all.QuerySelectorAll("[data-org]").Length, 1, 10);
    }
}

public sealed class DashboardTests_Sqlite(SqliteFactory f) : DashboardTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class DashboardTests_Postgres(PostgresFactory f) : DashboardTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
