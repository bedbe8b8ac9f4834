using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Reports;
using Shuzhi.Web.Data;
using Shuzhi.Web.Infrastructure;
using Shuzhi.Web.Tests.Campaigns;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Reports;

/// <summary>
/// Publication of approved reports after the meeting within a chosen scope (seed 001 第五条), and the campaign stages in
/// which reports are written: before publication only the reporter, its reviewer and staff read a report; after it every
/// account within the scope and the units above; never another county.
/// </summary>
public abstract class PublicationTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    /// <summary>A town campaign whose first village's report is approved (the second's a draft), and a member account in the second village.</summary>
    private async Task<(ReportTestKit.Setup S, string Member)> ArrangeAsync(int year)
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, year);
        await f.WithDbAsync(async db =>
        {
            var outline = ReportOutline.Seed003;
            var text = ReportText.Empty;
            for (var i = 0; i < outline.Sections.Count; i++) text = text.WithSection(outline.Sections[i].Key, ReportTestKit.Good[i]);
            text = text.WithSection("plans", "一是加强学习。公开可读的下步打算。");
            var r = Report.Start(s.Reporter1);
            db.Reports.Add(r);
            var draft = Report.Start(s.Reporter2);
            draft.SaveDraft(ReportText.Empty.WithSection("achievements", "二村的草稿不公开。"), f.Clock.GetUtcNow());
            db.Reports.Add(draft);
            await db.SaveChangesAsync();
            db.ReportVersions.Add(r.Submit(text, ReportChecks.Run(outline, ReportRules.Seed003, text, [], []), f.Clock.GetUtcNow(), "test"));
            r.Approve(f.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });
        var member = $"a_member_{year}";
        await f.WithDbAsync(async (_, sp) => await TestData.AccountAsync(sp.GetRequiredService<UserManager<AppUser>>(), member, Roles.Viewer, D.A.Village2.Id));
        return (s, member);
    }

    // Withdrawn publications with their reports, which no reader sees any more.
    private Task<List<ReportPublication>> PublicationsAsync(int campaignId) =>
        f.WithDbAsync((db, _) => db.ReportPublications.IgnoreQueryFilters().AsNoTracking().Include(p => p.Reports).Where(p => p.CampaignId == campaignId).OrderBy(p => p.Id).ToListAsync());

    [Fact]
    public async Task Publishing_waits_for_the_meeting_then_members_within_the_scope_read_the_approved_report()
    {
        var (s, member) = await ArrangeAsync(2071);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var publish = $"/Campaigns/Publish/{s.CampaignId}";
        var reader = await f.PagesAsync(member);

        // Before the meeting: the page says so and a post changes nothing.
        await ReportTestKit.StageAsync(f, s.CampaignId, CampaignStage.Evaluation);
        var before = await staff.GetHtmlAsync(publish);
        Assert.NotNull(before.QuerySelector("[data-not-yet]"));
        Assert.Equal("1", before.QuerySelector("[data-approved]")!.GetAttribute("data-approved"));
        var early = await staff.PostFormAsync(publish, new() { ["scopeOrganizationId"] = D.A.Town.Id.ToString() });
        Assert.Contains("述职会议结束后才能公开", (await early.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        Assert.Empty(await PublicationsAsync(s.CampaignId));
        // Nor can a member of the town read the report itself.
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/Reports/Review/{s.Reporter1}")).StatusCode);
        Assert.NotNull((await reader.GetHtmlAsync("/Reports/Published?year=2071")).QuerySelector("[data-empty]"));

        // After the meeting: the town's staff publish within the town.
        await ReportTestKit.StageAsync(f, s.CampaignId, CampaignStage.Assessment);
        var res = await staff.PostFormAsync(publish, new() { ["scopeOrganizationId"] = D.A.Town.Id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var pub = Assert.Single(await PublicationsAsync(s.CampaignId));
        Assert.Equal((D.A.Town.Path, 1), (pub.ScopePath, pub.ReportCount));
        var copy = Assert.Single(pub.Reports);
        Assert.Contains("公开可读的下步打算", copy.Text.Section("plans"));

        // The member in the second village reads it (not the second village's draft); the list exports.
        var list = await reader.GetHtmlAsync("/Reports/Published?year=2071");
        var row = Assert.Single(list.QuerySelectorAll("tr[data-published]"));
        Assert.Contains(D.A.Village1.Name, row.TextContent);
        var read = await reader.GetHtmlAsync($"/Reports/Published/{copy.Id}");
        Assert.Contains("公开可读的下步打算", read.QuerySelector("article.published-report")!.TextContent);
        Assert.DoesNotContain("二村的草稿不公开", read.Body!.TextContent);
        var docx = await reader.GetAsync($"/Reports/Published/{copy.Id}?handler=Docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal("attachment", docx.Content.Headers.ContentDisposition!.DispositionType);
        var xlsx = await reader.GetAsync("/Reports/Published?handler=Export");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        // The reading still does not open the report's own pages to them.
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/Reports/Review/{s.Reporter1}")).StatusCode);

        // The county above reads it; another county does not, not even by its id.
        Assert.Equal(HttpStatusCode.OK, (await (await f.PagesAsync(D.A.StaffUser)).GetAsync($"/Reports/Published/{copy.Id}")).StatusCode);
        var other = await f.PagesAsync(D.B.StaffUser);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Reports/Published/{copy.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Reports/Published/{copy.Id}?handler=Docx")).StatusCode);
        Assert.Empty((await other.GetHtmlAsync("/Reports/Published")).QuerySelectorAll("tr[data-published]"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(publish)).StatusCode);
        // The county's staff read the campaign but it is the town's to publish.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await f.PagesAsync(D.A.StaffUser)).GetAsync(publish)).StatusCode);
    }

    [Fact]
    public async Task A_narrower_publication_replaces_the_wider_one_and_a_withdrawal_needs_a_reason()
    {
        var (s, member) = await ArrangeAsync(2072);
        await ReportTestKit.StageAsync(f, s.CampaignId, CampaignStage.Assessment);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var publish = $"/Campaigns/Publish/{s.CampaignId}";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(publish, new() { ["scopeOrganizationId"] = D.A.Town.Id.ToString() })).StatusCode);
        // Outside the organizer's subtree: refused.
        var outside = await staff.PostFormAsync(publish, new() { ["scopeOrganizationId"] = D.A.Root.Id.ToString() });
        Assert.Contains("公开范围须在本活动组织单位之内", (await outside.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);

        // Published again within the first village only: the town-wide one is withdrawn, the member of the second village reads nothing.
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(publish, new() { ["scopeOrganizationId"] = D.A.Village1.Id.ToString() })).StatusCode);
        var pubs = await PublicationsAsync(s.CampaignId);
        Assert.Equal(2, pubs.Count);
        Assert.False(pubs[0].IsActive);
        Assert.True(pubs[1].IsActive);
        var copyId = pubs[1].Reports.Single().Id;
        var reader = await f.PagesAsync(member);
        Assert.Empty((await reader.GetHtmlAsync("/Reports/Published?year=2072")).QuerySelectorAll("tr[data-published]"));
        var gone = await reader.GetAsync($"/Reports/Published/{pubs[0].Reports.Single().Id}");
        Assert.True(gone.StatusCode == HttpStatusCode.NotFound, $"{gone.StatusCode} {await gone.Content.ReadAsStringAsync()}");
        var secretary = await f.PagesAsync(D.A.SecretaryUser); // bound to the first village
        Assert.Equal(HttpStatusCode.OK, (await secretary.GetAsync($"/Reports/Published/{copyId}")).StatusCode);

        // Withdrawal: a reason is required, then nobody below reads it; the history keeps both.
        var noReason = await staff.PostFormAsync($"{publish}?handler=Withdraw", new() { ["publicationId"] = pubs[1].Id.ToString(), ["reason"] = " " }, publish);
        Assert.Contains("请填写撤回公开的原因", (await noReason.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"{publish}?handler=Withdraw",
            new() { ["publicationId"] = pubs[1].Id.ToString(), ["reason"] = "报告中含有需脱敏的信息" }, publish)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await secretary.GetAsync($"/Reports/Published/{copyId}")).StatusCode);
        var history = await staff.GetHtmlAsync(publish);
        Assert.Equal(2, history.QuerySelectorAll("tr[data-publication]").Length);
        Assert.Contains("报告中含有需脱敏的信息", history.QuerySelector($"tr[data-publication='{pubs[1].Id}']")!.TextContent);
        var audited = await f.WithDbAsync((db, _) => db.AuditEntries.CountAsync(a => a.EntityType == nameof(ReportPublication)));
        Assert.True(audited >= 3, $"publication changes audited: {audited}");
    }

    [Fact]
    public async Task Reports_are_written_only_from_the_writing_stage_to_the_end_of_the_meeting_stage()
    {
        var id = await ReportTestKit.TownCampaignAsync(f, D.A, 2073, stage: CampaignStage.Preparation);
        var secretary = await f.PagesAsync(D.A.SecretaryUser);
        var edit = $"/Reports/Edit/{id.Reporter1}";
        var page = await secretary.GetHtmlAsync(edit);
        Assert.Contains("“撰写述职报告”阶段才能撰写", page.QuerySelector("[data-stage-closed]")!.TextContent);
        var refused = await secretary.PostPairsAsync($"{edit}?handler=Save", ReportTestKit.Fields(ReportTestKit.Good), edit);
        Assert.Contains("“撰写述职报告”阶段才能撰写", (await refused.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        Assert.Null(await ReportTestKit.ReportAsync(f, id.Reporter1));

        await ReportTestKit.StageAsync(f, id.CampaignId, CampaignStage.Writing);
        Assert.Null((await secretary.GetHtmlAsync(edit)).QuerySelector("[data-stage-closed]"));
        Assert.Equal(HttpStatusCode.Redirect, (await secretary.PostPairsAsync($"{edit}?handler=Save", ReportTestKit.Fields(ReportTestKit.Good), edit)).StatusCode);

        await ReportTestKit.StageAsync(f, id.CampaignId, CampaignStage.Assessment);
        var closed = await secretary.PostPairsAsync($"{edit}?handler=Submit", ReportTestKit.Fields(ReportTestKit.Good), edit);
        Assert.Contains("述职评议已结束", (await closed.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        Assert.Equal(ReportStatus.Draft, (await ReportTestKit.ReportAsync(f, id.Reporter1))!.Status);
    }
}

public sealed class PublicationTests_Sqlite(SqliteFactory f) : PublicationTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class PublicationTests_Postgres(PostgresFactory f) : PublicationTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
