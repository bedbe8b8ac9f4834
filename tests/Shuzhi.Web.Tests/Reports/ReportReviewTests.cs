using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shuzhi.Web.Features;
using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Reports;
using Shuzhi.Web.Tests.Campaigns;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Reports;

/// <summary>Reviewer assignment by the organizer's staff, and the review flow: return with a reason, resubmit, compare, approve, lateness.</summary>
public abstract class ReportReviewTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    private static CampaignTimeline Due(int month, int day) =>
        CampaignTimeline.From(new(2023, 12, 1), new(2024, month, day), new(2024, 1, 25), new(2024, 1, 26), new(2024, 1, 31), new(2024, 2, 10));

    private async Task<string> UserIdAsync(string userName) =>
        await f.WithDbAsync((db, _) => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task The_organizers_staff_assign_a_leader_of_the_subtree_as_reviewer_with_an_audit_entry()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2051);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var url = $"/Campaigns/Reporters/{s.CampaignId}";
        var page = await staff.GetHtmlAsync(url);
        var options = page.QuerySelectorAll("select[name=reviewerUserId] option").Select(o => o.TextContent).Distinct().ToList();
        Assert.Contains(D.A.LeaderUser, options);
        Assert.DoesNotContain(D.A.StaffUser, options); // staff are not reviewers
        Assert.DoesNotContain(D.B.LeaderUser, options);

        var leaderId = await UserIdAsync(D.A.LeaderUser);
        var res = await staff.PostFormAsync($"{url}?handler=Reviewer&reporterId={s.Reporter1}", new() { ["reviewerUserId"] = leaderId });
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.Equal(leaderId, await f.WithDbAsync((db, _) => db.CampaignReporters.Where(r => r.Id == s.Reporter1).Select(r => r.ReviewerUserId).SingleAsync()));
        Assert.Contains($"{D.A.LeaderUser}", (await staff.GetHtmlAsync(url)).QuerySelector($"[data-reviewer='{s.Reporter1}']")!.TextContent);
        Assert.True(await f.WithDbAsync((db, _) => db.AuditEntries.AnyAsync(a => a.Action == "assign-reviewer" && a.EntityId == s.Reporter1.ToString())));

        // Another county's leader is refused; the assignment is unchanged.
        var bad = await staff.PostFormAsync($"{url}?handler=Reviewer&reporterId={s.Reporter1}", new() { ["reviewerUserId"] = await UserIdAsync(D.B.LeaderUser) });
        Assert.Contains("请选择组织单位范围内的包片领导或领导账号", (await bad.HtmlAsync()).Body!.TextContent);
        Assert.Equal(leaderId, await f.WithDbAsync((db, _) => db.CampaignReporters.Where(r => r.Id == s.Reporter1).Select(r => r.ReviewerUserId).SingleAsync()));

        // A supervisor bound to village 2 cannot see village 1's report: refused for it, accepted for village 2.
        var v2Supervisor = await ReportTestKit.ReviewerAsync(f, D.A.Village2.Id, "a_v2_supervisor_2051", null);
        var outOfReach = await staff.PostFormAsync($"{url}?handler=Reviewer&reporterId={s.Reporter1}", new() { ["reviewerUserId"] = v2Supervisor });
        Assert.Contains("该账号的范围不包含这个述职单位", (await outOfReach.HtmlAsync()).Body!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"{url}?handler=Reviewer&reporterId={s.Reporter2}", new() { ["reviewerUserId"] = v2Supervisor })).StatusCode);
        Assert.Equal(v2Supervisor, await f.WithDbAsync((db, _) => db.CampaignReporters.Where(r => r.Id == s.Reporter2).Select(r => r.ReviewerUserId).SingleAsync()));

        // The county's staff read the page but do not assign (not the organizer's own).
        var county = await f.PagesAsync(D.A.StaffUser);
        Assert.Empty((await county.GetHtmlAsync(url)).QuerySelectorAll("select[name=reviewerUserId]"));
        var forbidden = await county.PostFormAsync($"{url}?handler=Reviewer&reporterId={s.Reporter1}", new() { ["reviewerUserId"] = "" }, formPage: "/Account/TwoFactor");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task The_reviewer_returns_with_a_reason_the_secretary_resubmits_and_the_reviewer_compares_and_approves()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2052, Due(1, 20));
        await ReportTestKit.ReviewerAsync(f, D.A.Town.Id, "a_supervisor_2052", s.Reporter1);
        await ReportTestKit.ReviewerAsync(f, D.A.Town.Id, "a_other_supervisor_2052", null);
        var secretary = await f.PagesAsync(D.A.SecretaryUser);
        var edit = $"/Reports/Edit/{s.Reporter1}";
        var review = $"/Reports/Review/{s.Reporter1}";
        Assert.Equal(HttpStatusCode.Redirect, (await secretary.PostPairsAsync($"{edit}?handler=Submit", ReportTestKit.Fields(ReportTestKit.Good), edit)).StatusCode);

        var leaderId = await UserIdAsync("a_supervisor_2052");
        var secretaryId = await UserIdAsync(D.A.SecretaryUser);
        async Task<List<string>> NotesAsync(string userId) =>
            await f.WithDbAsync((db, _) => db.Notifications.Where(n => n.UserId == userId && n.Link!.EndsWith($"/{s.Reporter1}")).OrderBy(n => n.Id).Select(n => n.Text).ToListAsync());
        Assert.Equal([$"{D.A.Village1.Name}的述职报告（第1版）已提交，请审核。"], await NotesAsync(leaderId));
        var leader = await f.PagesAsync("a_supervisor_2052");
        var list = await leader.GetHtmlAsync("/Reports");
        Assert.NotNull(list.QuerySelector($"a[href='{review}']"));
        Assert.Equal(HttpStatusCode.Redirect, (await leader.GetAsync(edit)).StatusCode); // the reviewer is sent to the review page
        var page = await leader.GetHtmlAsync(review);
        Assert.NotNull(page.QuerySelector("[data-decide]"));
        Assert.Contains("一是理论学习不够深入", page.QuerySelector("[data-section=problems]")!.TextContent);

        // Not the assigned reviewer: no access; the secretary reads but cannot decide.
        var other = await f.PagesAsync("a_other_supervisor_2052");
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(review)).StatusCode);
        var secPage = await secretary.GetHtmlAsync(review);
        Assert.Null(secPage.QuerySelector("[data-decide]"));
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.PostFormAsync($"{review}?handler=Approve", new())).StatusCode);
        Assert.Equal(ReportStatus.Submitted, (await ReportTestKit.ReportAsync(f, s.Reporter1))!.Status);

        // A return needs a reason.
        var noReason = await leader.PostFormAsync($"{review}?handler=Return", new() { ["Reason"] = " " });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("请填写退回理由", (await noReason.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await leader.PostFormAsync($"{review}?handler=Return", new() { ["Reason"] = "问题剖析不够具体，请补充典型事例。" })).StatusCode);
        Assert.Equal(ReportStatus.Returned, (await ReportTestKit.ReportAsync(f, s.Reporter1))!.Status);

        Assert.Equal(["您单位的述职报告被退回修改：问题剖析不够具体，请补充典型事例。"], await NotesAsync(secretaryId));
        // The secretary sees the reason, edits and resubmits: version 2.
        var returned = await secretary.GetHtmlAsync(edit);
        Assert.Contains("问题剖析不够具体，请补充典型事例。", returned.QuerySelector("[data-return-reason]")!.TextContent);
        var texts = ReportTestKit.Good;
        texts[5] = texts[5].Replace("三是党员管理不够严格。", "三是党员管理不够严格，去年有2名党员未按期交纳党费。");
        texts[6] = ReportTestKit.Part("一是加强学习。二是规范组织生活。", 60);
        Assert.Equal(HttpStatusCode.Redirect, (await secretary.PostPairsAsync($"{edit}?handler=Submit", ReportTestKit.Fields(texts), edit)).StatusCode);
        Assert.Equal(2, await f.WithDbAsync((db, _) => db.ReportVersions.CountAsync(v => v.CampaignReporterId == s.Reporter1)));

        var compare = await leader.GetHtmlAsync($"{review}?a=1&b=2");
        Assert.Equal(2, compare.QuerySelectorAll("[data-versions] li").Length);
        var diff = compare.QuerySelector("[data-diff]")!;
        Assert.Contains(diff.QuerySelectorAll("[data-diff-kind=removed]"), l => l.TextContent.Contains("三是党员管理不够严格。以上问题"));
        Assert.Contains(diff.QuerySelectorAll("[data-diff-kind=added]"), l => l.TextContent.Contains("2名党员未按期交纳党费"));
        Assert.Contains(diff.QuerySelectorAll("[data-diff-kind=added]"), l => l.TextContent.Contains("二是规范组织生活"));
        Assert.Contains(diff.QuerySelectorAll("[data-diff-kind=same]"), l => l.TextContent.Contains("我带头讲党课12次"));

        Assert.Equal(HttpStatusCode.Redirect, (await leader.PostFormAsync($"{review}?handler=Approve", new())).StatusCode);
        var approved = await ReportTestKit.ReportAsync(f, s.Reporter1);
        Assert.Equal(ReportStatus.Approved, approved!.Status);
        Assert.Equal(f.Clock.GetUtcNow(), approved.ApprovedAt);
        Assert.Equal(2, (await NotesAsync(leaderId)).Count);
        Assert.Equal("您单位的述职报告已审核通过。", (await NotesAsync(secretaryId)).Last());
        var done = await secretary.GetHtmlAsync(edit);
        Assert.Equal("Approved", done.QuerySelector("[data-status]")!.GetAttribute("data-status"));
        Assert.Null(done.QuerySelector("[data-late]")); // submitted 15 January, due 20 January
        // Deciding twice is refused with the reason.
        var twice = await leader.PostFormAsync($"{review}?handler=Approve", new(), formPage: edit.Replace("Edit", "Review"));
        Assert.Contains("报告当前不是“已提交待审核”状态", (await twice.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
    }

    [Fact]
    public async Task An_approved_report_submitted_after_the_deadline_is_marked_late()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2053, Due(1, 10));
        await ReportTestKit.ReviewerAsync(f, D.A.Town.Id, "a_supervisor_2053", s.Reporter1);
        var secretary = await f.PagesAsync(D.A.SecretaryUser);
        var edit = $"/Reports/Edit/{s.Reporter1}";
        await secretary.PostPairsAsync($"{edit}?handler=Submit", ReportTestKit.Fields(ReportTestKit.Good), edit);
        var leader = await f.PagesAsync("a_supervisor_2053");
        Assert.Equal(HttpStatusCode.Redirect, (await leader.PostFormAsync($"/Reports/Review/{s.Reporter1}?handler=Approve", new())).StatusCode);
        var list = await secretary.GetHtmlAsync("/Reports");
        var row = list.QuerySelector($"tr[data-reporter='{s.Reporter1}']")!;
        Assert.Equal("Approved", row.QuerySelector("[data-status]")!.GetAttribute("data-status"));
        Assert.NotNull(row.QuerySelector("[data-late]"));
    }

    [Fact]
    public async Task Only_approved_reports_stop_blocking_the_move_to_the_meeting()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2054, mode: DebriefMode.OnSite);
        var missing = () => f.WithDbAsync((_, sp) => sp.GetRequiredService<CampaignCommands>().OnSiteReportersWithoutApprovedReportAsync(s.CampaignId, default));
        Assert.Equal(2, await missing());
        await f.WithDbAsync(async db =>
        {
            var outline = ReportOutline.Seed003;
            var text = ReportText.Empty;
            for (var i = 0; i < outline.Sections.Count; i++) text = text.WithSection(outline.Sections[i].Key, ReportTestKit.Good[i]);
            var r = Report.Start(s.Reporter1);
            db.Reports.Add(r);
            await db.SaveChangesAsync();
            db.ReportVersions.Add(r.Submit(text, ReportChecks.Run(outline, ReportRules.Seed003, text, [], []), f.Clock.GetUtcNow(), "test"));
            await db.SaveChangesAsync();
        });
        Assert.Equal(2, await missing()); // submitted is not approved
        await f.WithDbAsync(async db =>
        {
            (await db.Reports.SingleAsync(r => r.CampaignReporterId == s.Reporter1)).Approve(f.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });
        Assert.Equal(1, await missing());
    }
}

public sealed class ReportReviewTests_Sqlite(SqliteFactory f) : ReportReviewTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class ReportReviewTests_Postgres(PostgresFactory f) : ReportReviewTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
