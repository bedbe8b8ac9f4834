using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shuzhi.Domain.Scoring;
using Shuzhi.Web.Data;
using Shuzhi.Web.Tests.Infrastructure;
using Shuzhi.Web.Tests.Reports;

namespace Shuzhi.Web.Tests.Inspection;

/// <summary>Field inspection (实地考核): the track's sheet template, inspector assignment, filling on a phone, locking and reopening.</summary>
public abstract class InspectionTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    private Task<string> InspectorAsync(int orgId, string userName) => f.WithDbAsync(async (db, sp) =>
        (await TestData.AccountAsync(sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>(), userName, Shuzhi.Web.Infrastructure.Roles.Inspector, orgId)).Id);

    private Task SeedSheetAsync(int trackId) => f.WithDbAsync(async db =>
    {
        db.TrackSheets.Add(new TrackSheet { TrackId = trackId, Template = SheetTemplate.Seed000 });
        await db.SaveChangesAsync();
    });

    private Task AssignAsync(int campaignId, int reporterId, string userId) => f.WithDbAsync(async db =>
    {
        db.InspectorAssignments.Add(new InspectorAssignment { CampaignId = campaignId, ReporterId = reporterId, InspectorUserId = userId });
        await db.SaveChangesAsync();
    });

    private Task<InspectionSheet?> SheetAsync(int reporterId) =>
        f.WithDbAsync(async (db, _) => await db.InspectionSheets.AsNoTracking().SingleOrDefaultAsync(s => s.ReporterId == reporterId));

    private static Dictionary<string, string> Seed000Points(decimal fraction = 1m) =>
        SheetTemplate.Seed000.Items.ToDictionary(i => $"Points[{i.Key}]", i => (i.MaxPoints * fraction).ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task The_organizers_staff_set_the_tracks_sheet_with_validation_in_chinese()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2055);
        var url = $"/Campaigns/Tracks/Sheet/{s.CampaignId}/{s.TrackId}";
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var page = await staff.GetHtmlAsync(url);
        Assert.Equal(12, page.QuerySelectorAll("[data-item]:not([data-item=new])").Length); // seed 000 prefilled
        Assert.Contains("尚未设置", page.Body!.TextContent);

        // Items that do not add up to the total are refused, saying what to do; nothing is stored.
        var bad = await staff.PostFormAsync(url, new()
        {
            ["Use"] = "keep", ["Title"] = "村党组织书记检查考核表", ["Total"] = "100",
            ["Items[0].Title"] = "三会一课", ["Items[0].Max"] = "60", ["Items[0].Criteria"] = "查阅会议记录",
            ["Items[1].Title"] = "主题党日", ["Items[1].Max"] = "35",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("各项目分值合计 95 分，与总分 100 分不一致", (await bad.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        var notNumber = await staff.PostFormAsync(url, new()
        {
            ["Use"] = "keep", ["Title"] = "村党组织书记检查考核表", ["Total"] = "100",
            ["Items[0].Title"] = "三会一课", ["Items[0].Max"] = "六十",
        });
        Assert.Contains("“三会一课”的分值请填写数字", (await notNumber.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        Assert.False(await f.WithDbAsync((db, _) => db.TrackSheets.AnyAsync(x => x.TrackId == s.TrackId)));

        // Edited items adding up: stored with their criteria.
        var ok = await staff.PostFormAsync(url, new()
        {
            ["Use"] = "keep", ["Title"] = "村党组织书记检查考核表", ["Total"] = "100",
            ["Items[0].Title"] = "三会一课", ["Items[0].Max"] = "60", ["Items[0].Criteria"] = "查阅会议记录",
            ["Items[1].Title"] = "主题党日", ["Items[1].Max"] = "40",
        });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var stored = await f.WithDbAsync((db, _) => db.TrackSheets.AsNoTracking().SingleAsync(x => x.TrackId == s.TrackId));
        Assert.Equal([("三会一课", 60m, "查阅会议记录"), ("主题党日", 40m, "")], stored.Template.Items.Select(i => (i.Title, i.MaxPoints, i.Criteria)).ToList());
        Assert.Equal("村党组织书记检查考核表", stored.Template.Title);

        // Back to seed 000's sheet.
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(url, new() { ["Use"] = "000" })).StatusCode);
        var seed = await f.WithDbAsync((db, _) => db.TrackSheets.AsNoTracking().SingleAsync(x => x.TrackId == s.TrackId));
        Assert.Equal(SheetTemplate.Seed000.Items, seed.Template.Items);

        // The county's staff are not the organizer's own; another county does not see the campaign.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await f.PagesAsync(D.A.StaffUser)).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await f.PagesAsync(D.B.StaffUser)).GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Bonus_deduction_and_veto_items_are_set_by_staff_and_scored_on_the_inspectors_sheet()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2058);
        var url = $"/Campaigns/Tracks/Sheet/{s.CampaignId}/{s.TrackId}";
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var template = new Dictionary<string, string>
        {
            ["Use"] = "keep", ["Title"] = "村党组织书记检查考核表", ["Total"] = "100",
            ["Items[0].Title"] = "三会一课", ["Items[0].Max"] = "60", ["Items[1].Title"] = "主题党日", ["Items[1].Max"] = "40",
            ["Bonuses[0].Title"] = "获市级以上表彰", ["Bonuses[0].Max"] = "3", ["Bonuses[1].Title"] = "经验被推广", ["Bonuses[1].Max"] = "3", ["BonusCap"] = "5",
            ["Deductions[0].Title"] = "台账不全", ["Deductions[0].Max"] = "10", ["DeductionCap"] = "8",
            ["Vetoes[0].Title"] = "发生严重违纪案件", ["Vetoes[0].Grade"] = "Poor",
        };
        // A cap that is not a number is refused in Chinese; nothing is stored.
        var bad = await staff.PostFormAsync(url, new(template) { ["BonusCap"] = "五" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("“加分上限”的分值请填写数字", (await bad.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(url, template)).StatusCode);
        var stored = await f.WithDbAsync((db, _) => db.TrackSheets.AsNoTracking().SingleAsync(x => x.TrackId == s.TrackId));
        Assert.Equal([("b1", "获市级以上表彰", 3m), ("b2", "经验被推广", 3m)], stored.Template.Bonuses.Select(b => (b.Key, b.Title, b.MaxPoints)).ToList());
        Assert.Equal((5m, 8m), (stored.Template.BonusCap, stored.Template.DeductionCap));
        Assert.Equal(("d1", 10m), (stored.Template.Deductions.Single().Key, stored.Template.Deductions.Single().MaxPoints));
        Assert.Equal(("v1", Grade.Poor), (stored.Template.Vetoes.Single().Key, stored.Template.Vetoes.Single().ForcedGrade));
        // The editor shows them again, with a removal box each; removing the second bonus keeps the first.
        var page = await staff.GetHtmlAsync(url);
        Assert.Equal(2, page.QuerySelectorAll("[data-extra=Bonuses]:not([data-key=new])").Length);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(url, new(template)
        {
            ["Bonuses[0].Key"] = "b1", ["Bonuses[1].Key"] = "b2", ["Bonuses[1].Remove"] = "true", ["Deductions[0].Key"] = "d1", ["Vetoes[0].Key"] = "v1",
        })).StatusCode);
        stored = await f.WithDbAsync((db, _) => db.TrackSheets.AsNoTracking().SingleAsync(x => x.TrackId == s.TrackId));
        Assert.Equal(["b1"], stored.Template.Bonuses.Select(b => b.Key));

        // The inspector: items 50 + 30, bonus 3 (cap 5), deduction 10 → capped 8, veto ticked: 80 + 3 − 8 = 75, at best 差.
        var inspectorId = await InspectorAsync(D.A.Town.Id, "a_inspector_2058");
        await AssignAsync(s.CampaignId, s.Reporter1, inspectorId);
        var inspector = await f.PagesAsync("a_inspector_2058");
        var sheetUrl = $"/Inspection/Sheet/{s.Reporter1}";
        var form = await inspector.GetHtmlAsync(sheetUrl);
        Assert.NotNull(form.QuerySelector("input[name='Bonus[b1]']"));
        Assert.NotNull(form.QuerySelector("input[name=Veto][value=v1]"));
        var saved = await inspector.PostFormAsync(sheetUrl, new()
        {
            ["Points[1]"] = "50", ["Points[2]"] = "30", ["Bonus[b1]"] = "3", ["Deduction[d1]"] = "10", ["Veto"] = "v1", ["Notes"] = "查阅了台账。",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var result = (await SheetAsync(s.Reporter1))!.Result()!;
        Assert.Equal((80m, 3m, 8m, 75m, (Grade?)Grade.Poor), (result.ItemSum, result.Bonus, result.Deduction, result.Total, result.ForcedGrade));
        // Photo evidence on the field sheet: a JPEG with a script in its EXIF and comment is stored without them; the
        // photo is served to the inspector, not to another inspector of the town (403), nor after the sheet is submitted can one be added.
        Assert.Equal(HttpStatusCode.Redirect, (await inspector.PostFileAsync($"{sheetUrl}?handler=Photo", Sheets.ImageEvidenceTests.Jpeg(), "现场.jpg", sheetUrl)).StatusCode);
        var photo = await f.WithDbAsync((db, _) => db.SheetPhotos.AsNoTracking().SingleAsync(p => p.SheetId == db.InspectionSheets.Where(x => x.ReporterId == s.Reporter1).Select(x => x.Id).First()));
        Assert.DoesNotContain("script", System.Text.Encoding.ASCII.GetString(photo.Content));
        Assert.NotNull((await inspector.GetHtmlAsync(sheetUrl)).QuerySelector($"[data-photo='{photo.Id}']"));
        Assert.Equal(HttpStatusCode.OK, (await inspector.GetAsync($"{sheetUrl}?handler=Photo&photoId={photo.Id}")).StatusCode);
        await InspectorAsync(D.A.Town.Id, "a_other_inspector_2058");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await f.PagesAsync("a_other_inspector_2058")).GetAsync($"{sheetUrl}?handler=Photo&photoId={photo.Id}")).StatusCode);
        var renamed = await inspector.PostFileAsync($"{sheetUrl}?handler=Photo", System.Text.Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "照片.jpg", sheetUrl);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, renamed.StatusCode);

        // A bonus above its maximum is refused by the domain, in Chinese, and the sheet keeps what it had.
        var over = await inspector.PostFormAsync(sheetUrl, new() { ["Points[1]"] = "50", ["Points[2]"] = "30", ["Bonus[b1]"] = "4" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, over.StatusCode);
        Assert.Equal(75m, (await SheetAsync(s.Reporter1))!.Result()!.Total);
        Assert.Equal(HttpStatusCode.Redirect, (await inspector.PostFormAsync(sheetUrl + "?handler=Submit", new()
        {
            ["Points[1]"] = "50", ["Points[2]"] = "30", ["Bonus[b1]"] = "3", ["Deduction[d1]"] = "10", ["Veto"] = "v1", ["Notes"] = "查阅了台账。",
        }, formPage: sheetUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await inspector.PostFileAsync($"{sheetUrl}?handler=Photo", Sheets.ImageEvidenceTests.Png(), "晚.png", sheetUrl)).StatusCode);
    }

    [Fact]
    public async Task The_organizers_staff_assign_an_inspector_of_their_subtree_with_an_audit_entry()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2056);
        var mine = await InspectorAsync(D.A.Town.Id, "a_inspector_2056");
        var theirs = await InspectorAsync(D.B.Town.Id, "b_inspector_2056");
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var url = $"/Campaigns/Inspection/{s.CampaignId}";
        var page = await staff.GetHtmlAsync(url);
        var options = page.QuerySelectorAll("select[name=inspectorUserId] option").Select(o => o.TextContent).Distinct().ToList();
        Assert.Contains("a_inspector_2056", options);
        Assert.DoesNotContain("b_inspector_2056", options);
        Assert.DoesNotContain(D.A.LeaderUser, options); // not an inspector

        var res = await staff.PostFormAsync($"{url}?handler=Assign&reporterId={s.Reporter1}", new() { ["inspectorUserId"] = mine });
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.Equal(mine, await f.WithDbAsync((db, _) => db.InspectorAssignments.Where(a => a.ReporterId == s.Reporter1).Select(a => a.InspectorUserId).SingleAsync()));
        Assert.Contains("a_inspector_2056", (await staff.GetHtmlAsync(url)).QuerySelector($"[data-inspector='{s.Reporter1}']")!.TextContent);
        Assert.True(await f.WithDbAsync((db, _) => db.AuditEntries.AnyAsync(a => a.Action == "assign-inspector" && a.EntityId == s.Reporter1.ToString())));

        var bad = await staff.PostFormAsync($"{url}?handler=Assign&reporterId={s.Reporter1}", new() { ["inspectorUserId"] = theirs });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("请选择组织单位范围内的检查人员账号", (await bad.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        Assert.Equal(mine, await f.WithDbAsync((db, _) => db.InspectorAssignments.Where(a => a.ReporterId == s.Reporter1).Select(a => a.InspectorUserId).SingleAsync()));

        // The county's staff read but do not assign; another county gets 404.
        var county = await f.PagesAsync(D.A.StaffUser);
        Assert.Empty((await county.GetHtmlAsync(url)).QuerySelectorAll("select[name=inspectorUserId]"));
        Assert.Equal(HttpStatusCode.Forbidden, (await county.PostFormAsync($"{url}?handler=Assign&reporterId={s.Reporter1}", new() { ["inspectorUserId"] = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await f.PagesAsync(D.B.StaffUser)).GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task The_inspector_fills_and_submits_staff_reopen_with_a_reason_and_others_are_kept_out()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2057);
        await SeedSheetAsync(s.TrackId);
        var inspectorId = await InspectorAsync(D.A.Town.Id, "a_inspector_2057");
        await InspectorAsync(D.A.Town.Id, "a_other_inspector_2057");
        await InspectorAsync(D.B.Root.Id, "b_inspector_2057");
        await AssignAsync(s.CampaignId, s.Reporter1, inspectorId);
        var url = $"/Inspection/Sheet/{s.Reporter1}";

        var inspector = await f.PagesAsync("a_inspector_2057");
        var list = await inspector.GetHtmlAsync("/Inspection");
        Assert.NotNull(list.QuerySelector($"a[href='{url}']"));
        Assert.Null(list.QuerySelector($"a[href='/Inspection/Sheet/{s.Reporter2}']"));
        var page = await inspector.GetHtmlAsync(url);
        var inputs = page.QuerySelectorAll("input[data-points]");
        Assert.Equal(12, inputs.Length);
        Assert.Equal("15", page.QuerySelector("input[name='Points[2]']")!.GetAttribute("max"));
        Assert.Equal("0.5", inputs[0].GetAttribute("step"));

        // Above the maximum: refused in Chinese, nothing stored.
        var above = await inspector.PostFormAsync(url, new() { ["Points[2]"] = "16", ["Notes"] = "x" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, above.StatusCode);
        Assert.Contains("““三会一课”制度落实情况”的得分不能超过该项分值 15 分", (await above.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        Assert.Null(await SheetAsync(s.Reporter1));

        // A partial draft is kept; submitting it asks for the missing items.
        const string notes = "查阅了“三会一课”记录本，走访党员群众5户，群众反映村务公开及时。";
        Assert.Equal(HttpStatusCode.Redirect, (await inspector.PostFormAsync(url, new() { ["Points[1]"] = "4.5", ["Notes"] = notes })).StatusCode);
        var draft = await SheetAsync(s.Reporter1);
        Assert.Equal(SheetState.Draft, draft!.State);
        Assert.Equal(4.5m, draft.Scores.Items["1"]);
        Assert.Equal(notes, draft.Notes);
        var incomplete = await inspector.PostFormAsync($"{url}?handler=Submit", new() { ["Points[1]"] = "4.5", ["Notes"] = notes });
        Assert.Contains("还没有评分，请为每一项评分后再提交", (await incomplete.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);

        // Every item scored (90 %): submitted and locked.
        var full = Seed000Points(0.9m);
        full["Notes"] = notes;
        Assert.Equal(HttpStatusCode.Redirect, (await inspector.PostFormAsync($"{url}?handler=Submit", full)).StatusCode);
        var submitted = await SheetAsync(s.Reporter1);
        Assert.Equal(SheetState.Submitted, submitted!.State);
        Assert.Equal(90m, submitted.Result()!.Total);
        Assert.NotNull((await inspector.GetHtmlAsync(url)).QuerySelector("[data-locked]"));
        var edit = await inspector.PostFormAsync(url, Seed000Points(0.5m), formPage: "/Inspection");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, edit.StatusCode);
        Assert.Contains("评分表已提交并锁定，不能修改", (await edit.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        Assert.Equal(90m, (await SheetAsync(s.Reporter1))!.Result()!.Total);

        // Staff see the state and reopen with a reason (required), audited.
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var staffUrl = $"/Campaigns/Inspection/{s.CampaignId}";
        Assert.Contains("90", (await staff.GetHtmlAsync(staffUrl)).QuerySelector($"[data-state='{s.Reporter1}']")!.TextContent);
        var reopen = $"{staffUrl}?handler=Reopen&reporterId={s.Reporter1}&sheetId={submitted.Id}";
        var noReason = await staff.PostFormAsync(reopen, new() { ["Reason"] = " " });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("请填写原因", (await noReason.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(reopen, new() { ["Reason"] = "第8项评分依据有误，请核实后重新评分。" })).StatusCode);
        var reopened = await SheetAsync(s.Reporter1);
        Assert.Equal(SheetState.Draft, reopened!.State);
        Assert.Equal("第8项评分依据有误，请核实后重新评分。", Assert.Single(reopened.Reopenings).Reason);
        Assert.True(await f.WithDbAsync((db, _) => db.AuditEntries.AnyAsync(a => a.Action == "reopen-sheet" && a.Details.Contains("第8项评分依据有误"))));
        Assert.Contains("第8项评分依据有误", (await inspector.GetHtmlAsync(url)).QuerySelector("[data-reopened]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await inspector.PostFormAsync(url, Seed000Points(0.8m))).StatusCode);
        Assert.Equal(80m, (await SheetAsync(s.Reporter1))!.Scores.Items.Values.Sum());

        // Another inspector of the town: 403; an inspector of county B: 404; staff fill nothing: 403.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await f.PagesAsync("a_other_inspector_2057")).GetAsync(url)).StatusCode);
        var other = await f.PagesAsync("a_other_inspector_2057");
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostFormAsync(url, Seed000Points(), formPage: "/Inspection")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await f.PagesAsync("b_inspector_2057")).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync(url)).StatusCode);
        Assert.Equal(80m, (await SheetAsync(s.Reporter1))!.Scores.Items.Values.Sum());
    }
}

public sealed class InspectionTests_Sqlite(SqliteFactory f) : InspectionTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class InspectionTests_Postgres(PostgresFactory f) : InspectionTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
