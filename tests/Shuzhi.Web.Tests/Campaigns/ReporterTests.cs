using System.Net;
using Microsoft.EntityFrameworkCore;
using Shuzhi.Domain.Campaigns;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Campaigns;

/// <summary>The reporters page and the term coverage page.</summary>
public abstract class ReporterTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    [Fact]
    public async Task Reporters_are_added_by_kind_with_acting_and_short_tenure_marks()
    {
        // Campaign of 2021: the page starts 2021-12-01, two months after the posts began (任职时间较短);
        // village 2 has only a deputy (代理).
        var id = await CampaignTestKit.CampaignAsync(f, D.A.Town.Id, 2021);
        var track = await CampaignTestKit.TrackAsync(f, id, "村（社区）党组织书记");
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var url = $"/Campaigns/Reporters/{id}";
        var res = await staff.PostFormAsync($"{url}?handler=AddByKind", new() { ["trackId"] = track.ToString(), ["kind"] = "Branch" }, formPage: url);
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var page = await staff.GetHtmlAsync(url);
        Assert.Contains("已向层面“村（社区）党组织书记”添加2个述职单位", page.Text());
        var rows = page.QuerySelectorAll("table.reporter-table tbody tr").Where(r => r.QuerySelector("td") is not null).ToList();
        Assert.Equal(2, rows.Count);
        var v1 = rows.Single(r => r.TextContent.Contains(D.A.Village1.Name));
        var v2 = rows.Single(r => r.TextContent.Contains(D.A.Village2.Name));
        Assert.Contains("甲县书记", v1.TextContent);
        Assert.Contains("任职时间较短", v1.TextContent);
        Assert.DoesNotContain("代理", v1.TextContent);
        Assert.Contains("甲县副书记", v2.TextContent);
        Assert.Contains("代理", v2.TextContent);

        // Adding again adds nobody twice; search narrows the list.
        await staff.PostFormAsync($"{url}?handler=AddByKind", new() { ["trackId"] = track.ToString(), ["kind"] = "" }, formPage: url);
        Assert.Equal(2, await f.WithDbAsync((db, _) => db.CampaignReporters.CountAsync(r => r.CampaignId == id)));
        var found = await staff.GetHtmlAsync($"{url}?q=副书记");
        Assert.Single(found.QuerySelectorAll("table.reporter-table tbody tr"), r => r.QuerySelector("td") is not null);

        // Readers see the list, not the forms.
        var viewer = await f.PagesAsync(D.A.ViewerUser);
        var ro = await viewer.GetHtmlAsync(url);
        Assert.Contains(D.A.Village2.Name, ro.Text());
        Assert.Null(ro.QuerySelector($"a[href='/Campaigns/Tracks/{id}']")); // the track pages are for staff
        Assert.DoesNotContain(ro.QuerySelectorAll("form[method=post]"), x => x.GetAttribute("action")?.Contains("handler=") == true);
        var forbidden = await viewer.PostFormAsync($"{url}?handler=AddByKind", new() { ["trackId"] = track.ToString(), ["kind"] = "Branch" }, formPage: "/Account/TwoFactor");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task Picked_organizations_are_added_moved_and_removed_with_audit_entries()
    {
        var id = await CampaignTestKit.CampaignAsync(f, D.A.Town.Id, 2026);
        var onSite = await CampaignTestKit.TrackAsync(f, id, "现场层面");
        var written = await CampaignTestKit.TrackAsync(f, id, "书面层面", DebriefMode.Written);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var url = $"/Campaigns/Reporters/{id}";
        var page = await staff.GetHtmlAsync(url);
        Assert.NotNull(page.QuerySelector($"input[name=organizationIds][value='{D.A.Village1.Id}']"));
        var res = await staff.PostPairsAsync($"{url}?handler=AddPicked",
            [new("trackId", onSite.ToString()), new("organizationIds", D.A.Village1.Id.ToString()), new("organizationIds", D.A.Village2.Id.ToString())], url);
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        page = await staff.GetHtmlAsync(url);
        Assert.Null(page.QuerySelector($"input[name=organizationIds][value='{D.A.Village1.Id}']")); // no longer offered

        var (r1, r2) = await f.WithDbAsync(async (db, _) =>
        {
            var rs = await db.CampaignReporters.Where(r => r.CampaignId == id).OrderBy(r => r.SortOrder).ToListAsync();
            return (rs.Single(r => r.OrganizationId == D.A.Village1.Id).Id, rs.Single(r => r.OrganizationId == D.A.Village2.Id).Id);
        });
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"{url}?handler=Move&reporterId={r1}", new() { ["trackId"] = written.ToString() }, formPage: url)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"{url}?handler=Remove&reporterId={r2}", [], formPage: url)).StatusCode);
        // A track of another campaign is refused with a message.
        var otherCampaign = await CampaignTestKit.CampaignAsync(f, D.A.Town.Id, 2027);
        var foreign = await CampaignTestKit.TrackAsync(f, otherCampaign, "别的方案的层面");
        var refused = await staff.PostFormAsync($"{url}?handler=Move&reporterId={r1}", new() { ["trackId"] = foreign.ToString() }, formPage: url);
        Assert.Contains("目标层面不属于本次述职评议", (await refused.HtmlAsync()).Text());
        // A reporter who has started writing keeps the report: removing is refused, moving is not.
        await f.WithDbAsync(async db =>
        {
            db.Reports.Add(Shuzhi.Domain.Reports.Report.Start(r1));
            await db.SaveChangesAsync();
        });
        var kept = await staff.PostFormAsync($"{url}?handler=Remove&reporterId={r1}", [], formPage: url);
        Assert.Contains("已开始撰写述职报告，不能移除", (await kept.HtmlAsync()).Text());

        await f.WithDbAsync(async db =>
        {
            Assert.Equal(written, (await db.CampaignReporters.SingleAsync(r => r.Id == r1)).TrackId);
            Assert.False(await db.CampaignReporters.AnyAsync(r => r.Id == r2));
            var move = await db.AuditEntries.SingleAsync(a => a.Action == "reporter-move" && a.EntityId == r1.ToString());
            Assert.Contains(D.A.Village1.Name, move.Details);
            Assert.Contains("现场层面", move.Details);
            Assert.Contains("书面层面", move.Details);
            Assert.Equal(D.A.TownStaffUser, move.Actor);
            var remove = await db.AuditEntries.SingleAsync(a => a.Action == "reporter-remove" && a.EntityId == r2.ToString());
            Assert.Contains(D.A.Village2.Name, remove.Details);
        });
    }

    [Fact]
    public async Task Reporters_are_frozen_once_the_meeting_stage_opens_and_the_page_says_why()
    {
        var id = await CampaignTestKit.CampaignAsync(f, D.A.Town.Id, 2028);
        var track = await CampaignTestKit.TrackAsync(f, id, "村（社区）党组织书记");
        await CampaignTestKit.ReportersAsync(f, id, track, D.A.Village1.Id);
        var reporter = await f.WithDbAsync((db, _) => db.CampaignReporters.Where(r => r.CampaignId == id).Select(r => r.Id).SingleAsync());
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var url = $"/Campaigns/Reporters/{id}";
        var formPage = await staff.GetHtmlAsync(url); // anti-forgery token taken before the stage changes
        var token = formPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await CampaignTestKit.ToMeetingStageAsync(f, id);

        var page = await staff.GetHtmlAsync(url);
        Assert.Contains("已进入“述职评议”阶段", page.Text());
        Assert.Null(page.QuerySelector("form[data-confirm]"));
        var res = await staff.PostAsync($"{url}?handler=Remove&reporterId={reporter}",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Contains("已进入述职评议阶段，层面和述职人不能再调整。", (await res.HtmlAsync()).Text());
        Assert.True(await f.WithDbAsync((db, _) => db.CampaignReporters.AnyAsync(r => r.Id == reporter)));
    }

    [Fact]
    public async Task Another_county_gets_404_for_pages_and_changes()
    {
        var id = await CampaignTestKit.CampaignAsync(f, D.A.Town.Id, 2029);
        var track = await CampaignTestKit.TrackAsync(f, id, "村（社区）党组织书记");
        await CampaignTestKit.ReportersAsync(f, id, track, D.A.Village1.Id);
        var reporter = await f.WithDbAsync((db, _) => db.CampaignReporters.Where(r => r.CampaignId == id).Select(r => r.Id).SingleAsync());
        var other = await f.PagesAsync(D.B.StaffUser);
        foreach (var url in new[] { $"/Campaigns/Reporters/{id}", $"/Campaigns/Reporters/{id}?handler=Export", $"/Campaigns/Coverage/{id}", $"/Campaigns/Coverage/{id}?handler=Export" })
            Assert.True((await other.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, url);
        var res = await other.PostFormAsync($"/Campaigns/Reporters/{id}?handler=Remove&reporterId={reporter}", [], formPage: "/Account/TwoFactor");
        Assert.Equal(HttpStatusCode.NotFound, res.StatusCode);
        Assert.True(await f.WithDbAsync((db, _) => db.CampaignReporters.AnyAsync(r => r.Id == reporter)));
    }

    [Fact]
    public async Task Reporters_and_coverage_download_as_xlsx()
    {
        var id = await CampaignTestKit.CampaignAsync(f, D.A.Town.Id, 2035);
        var track = await CampaignTestKit.TrackAsync(f, id, "村（社区）党组织书记");
        await CampaignTestKit.ReportersAsync(f, id, track, D.A.Village1.Id, D.A.Village2.Id);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var res = await staff.GetAsync($"/Campaigns/Reporters/{id}?handler=Export");
        Assert.Equal(Documents.Xlsx.ContentType, res.Content.Headers.ContentType!.MediaType);
        var sheet = Documents.Xlsx.Read(await res.Content.ReadAsStreamAsync()).Single();
        Assert.Equal(["层面", "组织代码", "组织", "组织类型", "述职人", "代理述职", "任职时间较短"], sheet.Headers);
        Assert.Equal(2, sheet.Rows.Count);
        Assert.Contains(sheet.Rows, r => r.Cells[2] == D.A.Village2.Name && r.Cells[5] == "是");

        var cov = await staff.GetAsync($"/Campaigns/Coverage/{id}?handler=Export");
        var covSheet = Documents.Xlsx.Read(await cov.Content.ReadAsStreamAsync()).Single();
        Assert.Contains("2035年度", covSheet.Headers);
        Assert.Contains(covSheet.Rows, r => r.Cells[1] == D.A.Village1.Name && r.Cells.Contains("现场"));
    }

    [Fact]
    public async Task Coverage_shows_the_years_on_site_and_flags_units_the_term_would_miss()
    {
        // County B's town: on-site in 2023 for village 1; in 2025, the last year of the term 2021–2025,
        // village 2 only debriefs in writing, so it would go through the term without an on-site debrief.
        var earlier = await CampaignTestKit.CampaignAsync(f, D.B.Town.Id, 2023);
        await CampaignTestKit.ReportersAsync(f, earlier, await CampaignTestKit.TrackAsync(f, earlier, "现场"), D.B.Village1.Id);
        var id = await CampaignTestKit.CampaignAsync(f, D.B.Town.Id, 2025);
        await f.WithDbAsync(async db =>
        {
            foreach (var c in await db.Campaigns.Where(c => c.Id == earlier || c.Id == id).ToListAsync()) c.SetTerm(2021, 5, 12);
            await db.SaveChangesAsync();
        });
        await CampaignTestKit.ReportersAsync(f, id, await CampaignTestKit.TrackAsync(f, id, "书面层面", DebriefMode.Written), D.B.Village2.Id);

        var staff = await f.PagesAsync(D.B.StaffUser);
        var page = await staff.GetHtmlAsync($"/Campaigns/Coverage/{id}");
        Assert.Contains("本届期：2021年至2025年（5年一届）", page.Text());
        var v1 = page.QuerySelector($"tr[data-org='{D.B.Village1.Code}']")!;
        Assert.Equal(["2021", "2022", "2023 ✓", "2024", "2025"], v1.QuerySelectorAll(".year-cell").Select(c => c.TextContent.Trim()));
        Assert.Contains("本年未列入述职", v1.TextContent);
        Assert.Contains("已覆盖", v1.TextContent);
        var v2 = page.QuerySelector($"tr[data-org='{D.B.Village2.Code}']")!;
        Assert.Contains("书面层面（书面述职）", v2.TextContent);
        Assert.NotNull(v2.QuerySelector(".will-miss"));
        Assert.Contains("有1个单位在本届期内将无法现场述职", page.Text());
    }
}

public sealed class ReporterTests_Sqlite(SqliteFactory f) : ReporterTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class ReporterTests_Postgres(PostgresFactory f) : ReporterTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
