using System.Net;
using Shuzhi.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Shuzhi.Domain.Scoring;
using Shuzhi.Web.Data;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Tests.Infrastructure;
using Shuzhi.Web.Tests.Reports;

namespace Shuzhi.Web.Tests.Sheets;

/// <summary>
/// Cross-inspection (交叉检查互评, seed 004): the organizer's staff generate, edit and export the assignment table; each
/// inspecting unit's account fills a sheet per assigned unit, reaching the sibling only through its row (decision 0012).
/// </summary>
public abstract class CrossInspectionTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    private async Task<(int C, int T, Dictionary<int, int> R, Organization V3, string Sec2, string Sec3)> SetupAsync(int year)
    {
        var v3 = await SheetTestKit.VillageAsync(f, D.A.Town, $"CA-T-X{year}", $"甲县{year}三村党支部", $"a_sec3_{year}");
        var sec2 = $"a_sec2_{year}";
        await SheetTestKit.AccountAsync(f, D.A.Village2.Id, sec2, Shuzhi.Web.Infrastructure.Roles.Secretary);
        var (c, t, r) = await SheetTestKit.CampaignAsync(f, D.A.Town.Id, year, D.A.Village1.Id, D.A.Village2.Id, v3.Org.Id);
        return (c, t, r, v3.Org, sec2, v3.User);
    }

    private Task<List<CrossInspectionPair>> PairsAsync(int trackId) =>
        f.WithDbAsync(async (db, _) => await db.CrossInspectionPairs.AsNoTracking().Where(p => p.TrackId == trackId).ToListAsync());

    private static Dictionary<string, string> Generate(int k, int seed, int trim = 0, bool replace = false) =>
        new() { ["K"] = k.ToString(), ["Seed"] = seed.ToString(), ["TrimK"] = trim.ToString(), ["Replace"] = replace ? "true" : "false" };

    [Fact]
    public async Task Staff_generate_the_table_reproducibly_edit_it_by_hand_and_export_it_like_attachment_2()
    {
        var s = await SetupAsync(2070);
        var url = $"/Campaigns/Tracks/Cross/{s.C}/{s.T}";
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        Assert.NotNull((await staff.GetHtmlAsync(url)).QuerySelector("[data-empty]"));

        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"{url}?handler=Generate", Generate(1, 7))).StatusCode);
        var pairs = await PairsAsync(s.T);
        var units = new[] { D.A.Village1, D.A.Village2, s.V3 }.Select(o => new CrossUnit(s.R[o.Id], o.ParentId)).ToList();
        var expected = CrossAssignment.Generate(units, 1, 7, false);
        Assert.Equal(expected.OrderBy(p => p.Inspector).ToList(), pairs.Select(p => new CrossPair(p.InspectorReporterId, p.InspectedReporterId)).OrderBy(p => p.Inspector).ToList());
        Assert.All(pairs, p => Assert.Equal(s.R.Single(x => x.Value == p.InspectorReporterId).Key, p.InspectingOrganizationId));
        var plan = await f.WithDbAsync((db, _) => db.CrossPlans.AsNoTracking().SingleAsync(p => p.TrackId == s.T));
        Assert.Equal((1, 7, false, 0), (plan.K, plan.Seed, plan.AcrossGroupsOnly, plan.TrimK));
        Assert.True(await f.WithDbAsync((db, _) => db.AuditEntries.AnyAsync(a => a.Action == "generate-cross" && a.EntityId == s.T.ToString())));

        // Regenerating needs the confirmation; a k out of range and a trim leaving nothing are refused in Chinese.
        var again = await staff.PostFormAsync($"{url}?handler=Generate", Generate(1, 8));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("重新生成前请确认替换", (await again.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        var zero = await staff.PostFormAsync($"{url}?handler=Generate", Generate(0, 8, replace: true));
        Assert.Contains("每个单位检查的单位数应在 1 到 20 之间", (await zero.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        var trim = await staff.PostFormAsync($"{url}?handler=Trim", new() { ["TrimK"] = "1" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, trim.StatusCode);
        Assert.Contains("两端合计少于每个单位被检查的次数 1", (await trim.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"{url}?handler=Generate", Generate(2, 8, 0, replace: true))).StatusCode);
        Assert.Equal(6, (await PairsAsync(s.T)).Count);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"{url}?handler=Generate", Generate(1, 7, 0, replace: true))).StatusCode);
        Assert.Equal(3, (await PairsAsync(s.T)).Count);

        // By hand: self and duplicate rows are refused; a new row is added with a warning about the degrees, then removed.
        var r1 = s.R[D.A.Village1.Id];
        var self = await staff.PostFormAsync($"{url}?handler=Add&inspector={r1}&inspected={r1}", new());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, self.StatusCode);
        Assert.Contains($"单位 {D.A.Village1.Name} 被安排检查自己", (await self.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        var existing = (await PairsAsync(s.T)).Single(p => p.InspectorReporterId == r1);
        var dup = await staff.PostFormAsync($"{url}?handler=Add&inspector={r1}&inspected={existing.InspectedReporterId}", new());
        Assert.Contains("出现了多次", (await dup.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        var other = s.R.Values.Single(v => v != r1 && v != existing.InspectedReporterId);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"{url}?handler=Add&inspector={r1}&inspected={other}", new())).StatusCode);
        var page = await staff.GetHtmlAsync(url);
        Assert.Equal(4, page.QuerySelectorAll("[data-pair]").Length);
        var warnings = page.QuerySelectorAll("[data-issue=Warning]").Select(e => e.TextContent).ToList();
        Assert.True(warnings.Any(w => w.Contains($"单位 {D.A.Village1.Name} 检查了 2 个单位，应为 1 个")), string.Join("\n", warnings));
        var added = (await PairsAsync(s.T)).Single(p => p.InspectorReporterId == r1 && p.InspectedReporterId == other);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"{url}?handler=Remove&pairId={added.Id}", new())).StatusCode);
        Assert.Equal(3, (await PairsAsync(s.T)).Count);

        // Export: 序号, 检查单位, 被检查单位, one row per inspecting unit.
        var export = await staff.GetAsync($"{url}?handler=Export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var table = Xlsx.Read(new MemoryStream(await export.Content.ReadAsByteArrayAsync())).Single();
        Assert.Equal(["序号", "检查单位", "被检查单位"], table.Headers);
        Assert.Equal(3, table.Rows.Count);
        Assert.Contains(table.Rows, row => row.Cells[1] == D.A.Village1.Name);

        // The county's staff read but do not change it; another county does not see it.
        var county = await f.PagesAsync(D.A.StaffUser);
        Assert.Empty((await county.GetHtmlAsync(url)).QuerySelectorAll("form[action*=Generate]"));
        Assert.Equal(HttpStatusCode.Forbidden, (await county.PostFormAsync($"{url}?handler=Generate", Generate(1, 9, 0, true), url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await f.PagesAsync(D.B.StaffUser)).GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task An_inspecting_units_account_fills_its_assigned_units_sheet_only_and_staff_reopen_it()
    {
        var s = await SetupAsync(2071);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var crossUrl = $"/Campaigns/Tracks/Cross/{s.C}/{s.T}";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"{crossUrl}?handler=Generate", Generate(1, 11))).StatusCode);
        var pairs = await PairsAsync(s.T);
        var mine = pairs.Single(p => p.InspectingOrganizationId == D.A.Village1.Id);
        var notMine = pairs.First(p => p.InspectingOrganizationId != D.A.Village1.Id);
        var url = $"/Sheets/Fill/CrossInspection/{mine.Id}";

        // The unit's list shows its assigned unit, by name, and nothing else.
        var sec = await f.PagesAsync(D.A.SecretaryUser);
        var list = await sec.GetHtmlAsync("/Sheets");
        Assert.NotNull(list.QuerySelector($"a[href='{url}']"));
        Assert.All(pairs.Where(p => p.Id != mine.Id), p => Assert.Null(list.QuerySelector($"[data-cross-pair='{p.Id}']")));
        var inspectedOrg = s.R.Single(x => x.Value == mine.InspectedReporterId).Key;
        var inspectedName = await f.WithDbAsync((db, _) => db.Organizations.Where(o => o.Id == inspectedOrg).Select(o => o.Name).SingleAsync());
        Assert.Contains(inspectedName, list.Body!.TextContent);

        // The sibling's reporter row stays hidden by the filters; only the row of the table leads to it.
        Assert.False(await ReportTestKit.AsOrgAsync(f, D.A.Village1, db => db.CampaignReporters.AnyAsync(r => r.Id == mine.InspectedReporterId)));
        Assert.Equal([mine.Id], await ReportTestKit.AsOrgAsync(f, D.A.Village1, db => db.CrossInspectionPairs.Where(p => p.TrackId == s.T).Select(p => p.Id).ToListAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await sec.GetAsync($"/Sheets/Fill/CrossInspection/{notMine.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sec.GetAsync($"/Sheets/Fill/UpperReview/{mine.InspectedReporterId}")).StatusCode);

        var page = await sec.GetHtmlAsync(url);
        Assert.Equal(inspectedName, page.QuerySelector("[data-reporter-name]")!.ChildNodes[0].TextContent.Trim());
        Assert.Equal(12, page.QuerySelectorAll("input[data-points]").Length);
        Assert.Equal("4", page.QuerySelector("input[data-bonus]")!.GetAttribute("max"));
        Assert.NotNull(page.QuerySelector("input[data-veto][data-grade=一般]"));

        // Above an item's maximum: refused, nothing stored. A partial draft is kept; submitting it asks for the rest.
        var above = await sec.PostFormAsync(url, new() { ["Mode"] = "template", ["Bonus[b1]"] = "5" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, above.StatusCode);
        Assert.Contains("“创新做法”的得分不能超过该项分值 4 分", (await above.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        Assert.False(await f.WithDbAsync((db, _) => db.InspectionSheets.AnyAsync(x => x.ReporterId == mine.InspectedReporterId)));
        Assert.Equal(HttpStatusCode.Redirect, (await sec.PostFormAsync(url, new() { ["Mode"] = "template", ["Points[1]"] = "4", ["Notes"] = "查阅台账" })).StatusCode);
        var incomplete = await sec.PostFormAsync($"{url}?handler=Submit", new() { ["Mode"] = "template", ["Points[1]"] = "4" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, incomplete.StatusCode);

        // Complete with bonus 4 (cap 3), deduction 2 and the veto: 90 + 3 − 2 = 91, grade at best 一般.
        var form = SheetTestKit.Points(0.9m);
        form["Mode"] = "template"; form["Bonus[b1]"] = "4"; form["Deduction[d1]"] = "2"; form["Veto"] = "v1"; form["Notes"] = "查阅制度文件、工作台账、宣传报道";
        Assert.Equal(HttpStatusCode.Redirect, (await sec.PostFormAsync($"{url}?handler=Submit", form)).StatusCode);
        var sheet = await f.WithDbAsync((db, _) => db.InspectionSheets.AsNoTracking().SingleAsync(x => x.ReporterId == mine.InspectedReporterId));
        Assert.Equal((SheetKind.CrossInspection, s.T, D.A.Village1.Id, SheetState.Submitted), (sheet.Kind, sheet.TrackId, sheet.InspectingOrganizationId, sheet.State));
        var result = sheet.Result()!;
        Assert.Equal((91m, Grade.Average), (result.Total, result.ForcedGrade));
        Assert.Contains("91", (await sec.GetHtmlAsync(url)).QuerySelector("[data-final-total]")!.TextContent);

        // Locked: changes are refused.
        var locked = await sec.PostFormAsync(url, new() { ["Mode"] = "template", ["Points[1]"] = "1" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, locked.StatusCode);
        Assert.Contains("评分表已提交并锁定", (await locked.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);

        // Not entitled: the town's leader sees the row (organizer's subtree) but is neither the unit nor its staff; staff do not fill.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await f.PagesAsync(D.A.LeaderUser)).GetAsync(url)).StatusCode);
        Assert.NotNull((await staff.GetHtmlAsync(url)).QuerySelector("[data-read-only]"));
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostFormAsync(url, new() { ["Mode"] = "template" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sec.PostFormAsync($"{url}?handler=Reopen", new() { ["Reason"] = "x" })).StatusCode);

        // The table cannot be regenerated nor the row removed once a sheet exists.
        var regen = await staff.PostFormAsync($"{crossUrl}?handler=Generate", Generate(1, 12, 0, true));
        Assert.Contains("已有单位开始填写互评表", (await regen.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        var remove = await staff.PostFormAsync($"{crossUrl}?handler=Remove&pairId={mine.Id}", new());
        Assert.Contains("不能删除", (await remove.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);

        // Staff reopen with a reason (required), kept and audited; the unit changes it again.
        var noReason = await staff.PostFormAsync($"{url}?handler=Reopen", new() { ["Reason"] = " " });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("请填写原因", (await noReason.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"{url}?handler=Reopen", new() { ["Reason"] = "加分依据不足，请核实" })).StatusCode);
        var reopened = await f.WithDbAsync((db, _) => db.InspectionSheets.AsNoTracking().SingleAsync(x => x.Id == sheet.Id));
        Assert.Equal(SheetState.Draft, reopened.State);
        Assert.Equal("加分依据不足，请核实", reopened.Reopenings.Single().Reason);
        Assert.True(await f.WithDbAsync((db, _) => db.AuditEntries.AnyAsync(a => a.Action == "reopen-sheet" && a.EntityId == sheet.Id.ToString())));
        Assert.Contains("加分依据不足", (await sec.GetHtmlAsync(url)).QuerySelector("[data-reopened]")!.TextContent);
        form["Bonus[b1]"] = "0";
        Assert.Equal(HttpStatusCode.Redirect, (await sec.PostFormAsync($"{url}?handler=Submit", form)).StatusCode);
        Assert.Equal(88m, (await f.WithDbAsync((db, _) => db.InspectionSheets.AsNoTracking().SingleAsync(x => x.Id == sheet.Id))).Result()!.Total);

        // The other county sees nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await (await f.PagesAsync(D.B.SecretaryUser)).GetAsync(url)).StatusCode);
    }
}

public sealed class CrossInspectionTests_Sqlite(SqliteFactory f) : CrossInspectionTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class CrossInspectionTests_Postgres(PostgresFactory f) : CrossInspectionTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
