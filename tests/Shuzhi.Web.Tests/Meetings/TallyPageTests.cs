using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shuzhi.Domain.Meetings;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Features;
using Shuzhi.Web.Tests.Infrastructure;
using static Shuzhi.Web.Tests.Meetings.TallyTestKit;

namespace Shuzhi.Web.Tests.Meetings;

/// <summary>
/// The tally page and its exports: the organizer's staff only, only after the close, with the figures of a small
/// example computed by hand, and the two workbooks read back cell by cell.
/// </summary>
public abstract class TallyPageTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    private static Mark G(int reporter, string grade) => Mark.ForGrade(reporter, grade);

    /// <summary>
    /// Two reporters (grade form 好100 较好90 一般75 差60), categories 1 (weight 2) and 2 (weight 1), the other defaults
    /// without ballots:
    ///   category 1 (5 phone ballots): r1 好 好 较好 好 一般;  r2 较好 好 一般 差 较好
    ///   category 2 (2 phone ballots): r1 差 较好;            r2 好 —
    ///   plus one blank paper ballot in category 1 (invalid, counts for nobody).
    /// Reporter 1: n = 7; 好 3, 较好 2, 一般 1, 差 1; 好票率 3/7 = 42.857…% → 42.86%; 较好及以上 5/7 = 71.428…% → 71.43%;
    ///   m1 = (100+100+90+100+75)/5 = 465/5 = 93; m2 = (60+90)/2 = 75 (2 marks: not shown);
    ///   S = (2×93 + 1×75)/3 = 261/3 = 87.00.
    /// Reporter 2: n = 6; 好 2, 较好 2, 一般 1, 差 1; 好票率 2/6 → 33.33%; 较好及以上 4/6 → 66.67%;
    ///   m1 = (90+100+75+60+90)/5 = 415/5 = 83; m2 = 100/1 (not shown); S = (2×83 + 100)/3 = 266/3 = 88.666… → 88.67.
    /// Ranks: reporter 2 first, reporter 1 second.
    /// </summary>
    private async Task<Arranged> ExampleAsync(int year)
    {
        var a = await MeetingAsync(f, D.A, year);
        await f.WithDbAsync(async db =>
        {
            var cats = await db.VoterCategories.Where(c => c.MeetingId == a.MeetingId).ToListAsync();
            var c1 = cats.Single(c => c.Id == a.Cat1);
            var c2 = cats.Single(c => c.Id == a.Cat2);
            c1.Update(c1.Name, 2m, 0, c1.SortOrder);
            c2.Update(c2.Name, 1m, 0, c2.SortOrder);
            await db.SaveChangesAsync();
        });
        var (r1, r2) = (a.Reporter1, a.Reporter2);
        await PhoneAsync(f, a.MeetingId, a.Cat1,
            [G(r1, "好"), G(r2, "较好")], [G(r1, "好"), G(r2, "好")], [G(r1, "较好"), G(r2, "一般")], [G(r1, "好"), G(r2, "差")], [G(r1, "一般"), G(r2, "较好")]);
        await PhoneAsync(f, a.MeetingId, a.Cat2, [G(r1, "差"), G(r2, "好")], [G(r1, "较好")]);
        await f.WithDbAsync(async (db, sp) =>
        {
            var m = await db.Meetings.SingleAsync(x => x.Id == a.MeetingId);
            var forms = (await sp.GetRequiredService<MeetingCommands>().SpeakersAsync(m, default)).Select(s => s.ReporterForm).ToList();
            db.MeetingBallots.Add(MeetingBallot.FromPaper(m.Id, a.Cat1, forms, [], m.Rules));
            await db.SaveChangesAsync();
            return 0;
        });
        return a;
    }

    private Task<IReadOnlyList<MeetingSpeaker>> SpeakersAsync(int meetingId) => f.WithDbAsync(async (db, sp) =>
        await sp.GetRequiredService<MeetingCommands>().SpeakersAsync(await db.Meetings.SingleAsync(m => m.Id == meetingId), default));

    [Fact]
    public async Task The_tally_is_for_the_organizers_staff_only()
    {
        var a = await MeetingAsync(f, D.A, 2091);
        await CloseAsync(f, a.MeetingId);
        var url = $"/Meetings/Tally/{a.MeetingId}";
        Assert.Equal(HttpStatusCode.Forbidden, (await (await f.PagesAsync(D.A.StaffUser)).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await f.PagesAsync(D.A.StaffUser)).GetAsync(url + "?handler=Export")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await f.PagesAsync(D.B.StaffUser)).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await f.PagesAsync(D.B.StaffUser)).GetAsync(url + "?handler=Form")).StatusCode);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/Meetings/Tally/987654")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(url)).StatusCode);
        // A viewer of the county has no staff rights at all.
        Assert.NotEqual(HttpStatusCode.OK, (await (await f.PagesAsync(D.A.ViewerUser)).GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Before_the_close_the_page_shows_no_results_and_exports_nothing()
    {
        var a = await ExampleAsync(2092);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var url = $"/Meetings/Tally/{a.MeetingId}";
        var page = await staff.GetHtmlAsync(url);
        Assert.Contains("投票结束后才能查看", page.QuerySelector("[data-before-close]")!.TextContent);
        Assert.Null(page.QuerySelector("table[data-track]"));
        Assert.DoesNotContain("93.00", page.Body!.TextContent);
        foreach (var handler in new[] { "Export", "Form" })
        {
            var res = await staff.GetAsync($"{url}?handler={handler}");
            Assert.Equal(HttpStatusCode.OK, res.StatusCode);
            Assert.StartsWith("text/html", res.Content.Headers.ContentType!.ToString());
        }
        Assert.False(await f.WithDbAsync((db, _) => db.AuditEntries.IgnoreQueryFilters().AnyAsync(x => x.Action == "export" && x.EntityId == a.MeetingId.ToString())));
    }

    [Fact]
    public async Task After_the_close_the_page_shows_the_hand_computed_figures_by_rank()
    {
        var a = await ExampleAsync(2093);
        await CloseAsync(f, a.MeetingId);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var page = await staff.GetHtmlAsync($"/Meetings/Tally/{a.MeetingId}");
        var table = page.QuerySelector($"table[data-track='{a.TrackId}']")!;
        var rows = table.QuerySelectorAll("tbody tr").ToList();
        Assert.Equal([a.Reporter2.ToString(), a.Reporter1.ToString()], rows.Select(r => r.GetAttribute("data-reporter")));
        string Col(int reporter, string col) => table.QuerySelector($"tr[data-reporter='{reporter}'] [data-col='{col}']")!.TextContent.Trim();

        Assert.Equal(["1", "6", "2", "2", "1", "1", "33.33%", "66.67%", "83.00", "（不足5票，不单列）", "88.67"],
            new[] { "rank", "marks", "grade-好", "grade-较好", "grade-一般", "grade-差", "top", "toptwo", $"cat-{a.Cat1}", $"cat-{a.Cat2}", "score" }.Select(c => Col(a.Reporter2, c)));
        Assert.Equal(["2", "7", "3", "2", "1", "1", "42.86%", "71.43%", "93.00", "（不足5票，不单列）", "87.00"],
            new[] { "rank", "marks", "grade-好", "grade-较好", "grade-一般", "grade-差", "top", "toptwo", $"cat-{a.Cat1}", $"cat-{a.Cat2}", "score" }.Select(c => Col(a.Reporter1, c)));
        // Categories without ballots.
        var third = await f.WithDbAsync((db, _) => db.VoterCategories.Where(c => c.MeetingId == a.MeetingId && c.Id != a.Cat1 && c.Id != a.Cat2).Select(c => c.Id).FirstAsync());
        Assert.Equal("—", Col(a.Reporter1, $"cat-{third}"));
    }

    /// <summary>
    /// Dimension form (德20 能15 勤15 绩20 廉15 学15), one category: reporter 1 gets 18+14+13+19+15+14 = 93 and 20+15+15+20+15+15 = 100
    /// → 193/2 = 96.50; reporter 2 gets 16+12+12+17+13+12.5 = 82.5 and 15+10+10+15+10+10 = 70 → 152.5/2 = 76.25. A paper ballot
    /// with 德 21 is invalid and counts for nobody. No grade counts or rates for this form.
    /// </summary>
    [Fact]
    public async Task A_dimension_form_track_shows_marks_means_and_scores_without_grade_columns()
    {
        var a = await MeetingAsync(f, D.A, 2095, form: Domain.Campaigns.BallotForm.DefaultDimension());
        var (r1, r2) = (a.Reporter1, a.Reporter2);
        await PhoneAsync(f, a.MeetingId, a.Cat1,
            [Mark.ForPoints(r1, 18, 14, 13, 19, 15, 14), Mark.ForPoints(r2, 16, 12, 12, 17, 13, 12.5m)],
            [Mark.ForPoints(r1, 20, 15, 15, 20, 15, 15), Mark.ForPoints(r2, 15, 10, 10, 15, 10, 10)]);
        await f.WithDbAsync(async (db, sp) =>
        {
            var m = await db.Meetings.SingleAsync(x => x.Id == a.MeetingId);
            var forms = (await sp.GetRequiredService<MeetingCommands>().SpeakersAsync(m, default)).Select(s => s.ReporterForm).ToList();
            db.MeetingBallots.Add(MeetingBallot.FromPaper(m.Id, a.Cat1, forms, [Mark.ForPoints(r1, 21, 15, 15, 20, 15, 15), Mark.ForPoints(r2, 20, 15, 15, 20, 15, 15)], m.Rules));
            await db.SaveChangesAsync();
            return 0;
        });
        await CloseAsync(f, a.MeetingId);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var table = (await staff.GetHtmlAsync($"/Meetings/Tally/{a.MeetingId}")).QuerySelector($"table[data-track='{a.TrackId}']")!;
        Assert.DoesNotContain("好票率", table.QuerySelector("thead")!.TextContent);
        Assert.Null(table.QuerySelector("[data-col=top]"));
        string Col(int reporter, string col) => table.QuerySelector($"tr[data-reporter='{reporter}'] [data-col='{col}']")!.TextContent.Trim();
        Assert.Equal(["1", "2", "（不足5票，不单列）", "96.50"], new[] { "rank", "marks", $"cat-{a.Cat1}", "score" }.Select(c => Col(r1, c)));
        Assert.Equal(["2", "2", "（不足5票，不单列）", "76.25"], new[] { "rank", "marks", $"cat-{a.Cat1}", "score" }.Select(c => Col(r2, c)));

        var form = Xlsx.Read(new MemoryStream(await staff.GetByteArrayAsync($"/Meetings/Tally/{a.MeetingId}?handler=Form")));
        var sheet = Assert.Single(form);
        Assert.Equal(["序号", "述职人", "单位及职务", "有效评价数", "测评得分"], sheet.Rows[0].Cells.Take(5));
        Assert.Equal([("1", "2"), ("2", "2")], sheet.Rows.Skip(1).Select(r => (r.Cells[0], r.Cells[3])));
        Assert.Equal([96.5m, 76.25m], sheet.Rows.Skip(1).Select(r => decimal.Parse(r.Cells[4])));
    }

    [Fact]
    public async Task The_exports_hold_the_tally_per_track_and_category_and_the_seed_003_form_and_are_audited()
    {
        var a = await ExampleAsync(2094);
        await CloseAsync(f, a.MeetingId);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var speakers = await SpeakersAsync(a.MeetingId);
        var s1 = speakers.Single(s => s.ReporterId == a.Reporter1);
        var s2 = speakers.Single(s => s.ReporterId == a.Reporter2);
        var names = await f.WithDbAsync((db, _) => db.VoterCategories.Where(c => c.MeetingId == a.MeetingId).OrderBy(c => c.SortOrder).Select(c => c.Name).ToListAsync());

        var res = await staff.GetAsync($"/Meetings/Tally/{a.MeetingId}?handler=Export");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal(Xlsx.ContentType, res.Content.Headers.ContentType!.MediaType);
        var book = Xlsx.Read(new MemoryStream(await res.Content.ReadAsByteArrayAsync()));
        Assert.Equal(1 + names.Count, book.Count);
        var track = book[0];
        Assert.Equal(s1.TrackName, track.SheetName);
        Assert.Equal(["名次", "单位", "姓名", "有效评价数", "好", "较好", "一般", "差", "好票率", "较好及以上率", .. names.Select(n => n + "均分"), "测评得分"], track.Headers);
        Assert.Equal(2, track.Rows.Count);
        Assert.Equal(["1", s2.OrganizationName, s2.PersonName ?? "", "6", "2", "2", "1", "1", "33.33%", "66.67%"], track.Rows[0].Cells.Take(10));
        Assert.Equal(83m, decimal.Parse(track.Rows[0].Cells[10]));
        Assert.Equal("—", track.Rows[0].Cells[11]);                         // the second default category: no ballots
        Assert.Equal("（不足5票，不单列）", track.Rows[0].Cells[12]);       // category 2 is the third default
        Assert.Equal(88.67m, decimal.Parse(track.Rows[0].Cells[^1]));
        Assert.Equal(["2", s1.OrganizationName, s1.PersonName ?? "", "7", "3", "2", "1", "1", "42.86%", "71.43%"], track.Rows[1].Cells.Take(10));
        Assert.Equal(93m, decimal.Parse(track.Rows[1].Cells[10]));
        Assert.Equal(87m, decimal.Parse(track.Rows[1].Cells[^1]));

        // Category sheets: category 1 shows both means with their marks; category 2 only says it is not shown separately.
        var c1 = book[1];
        Assert.Equal(["层面", "单位", "姓名", "评价数", "均分"], c1.Headers);
        Assert.Equal([[s2.TrackName, s2.OrganizationName, s2.PersonName ?? "", "5", "83"], [s1.TrackName, s1.OrganizationName, s1.PersonName ?? "", "5", "93"]],
            c1.Rows.Select(r => r.Cells.ToArray()));
        var c2 = book[3];
        Assert.Equal([[s2.TrackName, s2.OrganizationName, s2.PersonName ?? "", "", "（不足5票，不单列）"], [s1.TrackName, s1.OrganizationName, s1.PersonName ?? "", "", "（不足5票，不单列）"]],
            c2.Rows.Select(r => r.Cells.ToArray()));
        Assert.Empty(book[2].Rows);

        // Seed 003 附件2: the title row, the columns, the counts in speaking order.
        res = await staff.GetAsync($"/Meetings/Tally/{a.MeetingId}?handler=Form");
        var form = Xlsx.Read(new MemoryStream(await res.Content.ReadAsByteArrayAsync()));
        var sheet = Assert.Single(form);
        Assert.Equal($"2094年度{s1.TrackName}述职评议表", sheet.Headers[0]);
        Assert.Equal(["序号", "述职人", "单位及职务", "好（100分）", "较好（90分）", "一般（75分）", "差（60分）"], sheet.Rows[0].Cells.Take(7));
        Assert.Equal(["1", s1.PersonName ?? "", s1.OrganizationName, "3", "2", "1", "1"], sheet.Rows[1].Cells.Take(7));
        Assert.Equal(["2", s2.PersonName ?? "", s2.OrganizationName, "2", "2", "1", "1"], sheet.Rows[2].Cells.Take(7));

        var audits = await f.WithDbAsync((db, _) => db.AuditEntries.IgnoreQueryFilters()
            .Where(x => x.Action == "export" && x.EntityType == "Meeting" && x.EntityId == a.MeetingId.ToString()).OrderBy(x => x.Id).Select(x => x.Details).ToListAsync());
        Assert.Equal(2, audits.Count);
        Assert.Contains("tally", audits[0]);
        Assert.Contains("evaluation-form", audits[1]);
    }
}

public sealed class TallyPageTests_Sqlite(SqliteFactory f) : TallyPageTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class TallyPageTests_Postgres(PostgresFactory f) : TallyPageTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
