using System.Net;
using Microsoft.EntityFrameworkCore;
using Shuzhi.Domain.Scoring;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Sheets;

/// <summary>
/// 党总支考评 (by the parent unit when it is below the organizer, else the organizer's staff), 组织部日常考评 and 述职报告评价
/// (the organizer's staff): a direct score 0–100 with a required note, or the track's template; submit locks, staff reopen.
/// </summary>
public abstract class DirectReviewTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    private Task<InspectionSheet?> SheetAsync(int reporterId, SheetKind kind) =>
        f.WithDbAsync(async (db, _) => await db.InspectionSheets.AsNoTracking().SingleOrDefaultAsync(s => s.ReporterId == reporterId && s.Kind == kind));

    [Fact]
    public async Task The_parent_unit_reviews_its_branches_and_the_organizers_staff_the_rest()
    {
        // County campaign: the town (parent = the county, the organizer) and village 1 (parent = the town, below the organizer).
        var (c, t, r) = await SheetTestKit.CampaignAsync(f, D.A.Root.Id, 2072, D.A.Town.Id, D.A.Village1.Id);
        var town = r[D.A.Town.Id];
        var village = r[D.A.Village1.Id];
        var townStaff = await f.PagesAsync(D.A.TownStaffUser);
        var countyStaff = await f.PagesAsync(D.A.StaffUser);

        // The town's account lists the village for 党总支考评, not the town itself.
        var list = await townStaff.GetHtmlAsync("/Sheets");
        Assert.NotNull(list.QuerySelector($"a[href='/Sheets/Fill/UpperReview/{village}']"));
        Assert.Null(list.QuerySelector($"a[href='/Sheets/Fill/UpperReview/{town}']"));
        Assert.Equal(HttpStatusCode.Forbidden, (await townStaff.GetAsync($"/Sheets/Fill/UpperReview/{town}")).StatusCode);

        // A direct score needs a note; above 100 is refused; then it is submitted and locked.
        var url = $"/Sheets/Fill/UpperReview/{village}";
        var page = await townStaff.GetHtmlAsync(url);
        Assert.NotNull(page.QuerySelector("input[name=Direct]"));
        var above = await townStaff.PostFormAsync(url, new() { ["Mode"] = "direct", ["Direct"] = "100.5", ["Notes"] = "x" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, above.StatusCode);
        Assert.Contains("不能超过", (await above.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        var noNote = await townStaff.PostFormAsync($"{url}?handler=Submit", new() { ["Mode"] = "direct", ["Direct"] = "88.5" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noNote.StatusCode);
        Assert.Contains("请填写评分说明", (await noNote.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await townStaff.PostFormAsync($"{url}?handler=Submit",
            new() { ["Mode"] = "direct", ["Direct"] = "88.5", ["Notes"] = "组织生活规范，台账齐全" })).StatusCode);
        var sheet = await SheetAsync(village, SheetKind.UpperReview);
        Assert.Equal((true, 88.5m, D.A.Town.Id, SheetState.Submitted, t), (sheet!.IsDirect, sheet.DirectScore, sheet.InspectingOrganizationId, sheet.State, sheet.TrackId));
        var locked = await townStaff.PostFormAsync(url, new() { ["Mode"] = "direct", ["Direct"] = "60", ["Notes"] = "改" });
        Assert.Contains("评分表已提交并锁定", (await locked.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        Assert.Equal(88.5m, (await SheetAsync(village, SheetKind.UpperReview))!.DirectScore);

        // The county's staff review the town (its parent is the organizer) with the template, and read the village's sheet.
        var form = SheetTestKit.Points(0.8m);
        form["Mode"] = "template"; form["Deduction[d1]"] = "7"; form["Notes"] = "查阅资料";
        Assert.Equal(HttpStatusCode.Redirect, (await countyStaff.PostFormAsync($"/Sheets/Fill/UpperReview/{town}?handler=Submit", form)).StatusCode);
        var townSheet = await SheetAsync(town, SheetKind.UpperReview);
        Assert.Equal((false, 75m, D.A.Root.Id), (townSheet!.IsDirect, townSheet.Result()!.Total, townSheet.InspectingOrganizationId)); // 80 − min(7, 5)
        Assert.NotNull((await countyStaff.GetHtmlAsync(url)).QuerySelector("[data-read-only]"));
        Assert.Equal(HttpStatusCode.Forbidden, (await countyStaff.PostFormAsync(url, new() { ["Mode"] = "direct", ["Direct"] = "1", ["Notes"] = "x" })).StatusCode);

        // 组织部日常考评 and 述职报告评价: the organizer's staff only.
        Assert.Equal(HttpStatusCode.Forbidden, (await townStaff.GetAsync($"/Sheets/Fill/DailyReview/{village}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await f.PagesAsync(D.A.SecretaryUser)).GetAsync($"/Sheets/Fill/ReportEvaluation/{village}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await countyStaff.PostFormAsync($"/Sheets/Fill/DailyReview/{village}?handler=Submit",
            new() { ["Mode"] = "direct", ["Direct"] = "92", ["Notes"] = "日常工作扎实" })).StatusCode);
        Assert.Equal(92m, (await SheetAsync(village, SheetKind.DailyReview))!.DirectScore);
        Assert.Equal(HttpStatusCode.Redirect, (await countyStaff.PostFormAsync($"/Sheets/Fill/ReportEvaluation/{village}",
            new() { ["Mode"] = "direct", ["Direct"] = "85", ["Notes"] = "报告问题查摆具体" })).StatusCode);
        Assert.Equal(SheetState.Draft, (await SheetAsync(village, SheetKind.ReportEvaluation))!.State);

        // The staff's list per kind shows who reviews and the totals; the reviewing unit's account sees its own rows; others 403/404.
        var reviews = await countyStaff.GetHtmlAsync($"/Sheets/Reviews/{c}/{t}/UpperReview");
        Assert.Equal(D.A.Town.Name, reviews.QuerySelector($"[data-row='{village}'] [data-reviewer]")!.TextContent.Trim());
        Assert.Equal(D.A.Root.Name, reviews.QuerySelector($"[data-row='{town}'] [data-reviewer]")!.TextContent.Trim());
        Assert.Equal("88.5 / 100", reviews.QuerySelector($"[data-row='{village}'] [data-total]")!.TextContent.Trim());
        var townView = await townStaff.GetHtmlAsync($"/Sheets/Reviews/{c}/{t}/UpperReview");
        Assert.Null(townView.QuerySelector($"[data-row='{town}']"));
        Assert.Equal(HttpStatusCode.Forbidden, (await townStaff.GetAsync($"/Sheets/Reviews/{c}/{t}/DailyReview")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await countyStaff.GetAsync($"/Sheets/Reviews/{c}/{t}/FieldInspection")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await countyStaff.GetAsync($"/Sheets/Fill/3/{village}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await f.PagesAsync(D.B.StaffUser)).GetAsync(url)).StatusCode);

        // Reopen with a reason by the organizer's staff; the parent unit changes it.
        Assert.Equal(HttpStatusCode.Forbidden, (await townStaff.PostFormAsync($"{url}?handler=Reopen", new() { ["Reason"] = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await countyStaff.PostFormAsync($"{url}?handler=Reopen", new() { ["Reason"] = "分数与说明不符" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await townStaff.PostFormAsync($"{url}?handler=Submit",
            new() { ["Mode"] = "direct", ["Direct"] = "86", ["Notes"] = "组织生活规范，台账齐全，个别记录不全" })).StatusCode);
        var again = await SheetAsync(village, SheetKind.UpperReview);
        Assert.Equal((86m, "分数与说明不符"), (again!.DirectScore, again.Reopenings.Single().Reason));
    }
}

public sealed class DirectReviewTests_Sqlite(SqliteFactory f) : DirectReviewTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class DirectReviewTests_Postgres(PostgresFactory f) : DirectReviewTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
