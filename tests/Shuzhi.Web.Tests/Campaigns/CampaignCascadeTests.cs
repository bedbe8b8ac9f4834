using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Organizations;
using Shuzhi.Web.Features;
using Shuzhi.Web.Infrastructure;
using Shuzhi.Web.Tests.Infrastructure;
using static Shuzhi.Web.Tests.Campaigns.CampaignTestKit;

namespace Shuzhi.Web.Tests.Campaigns;

/// <summary>
/// The cascade (seed 002 四): a county sees its towns' campaigns, requires and reviews their plans,
/// but does not act in their place; another county sees nothing of them.
/// </summary>
public abstract class CampaignCascadeTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    [Fact]
    public async Task Another_county_gets_404_for_a_campaign_on_pages_and_api_and_does_not_list_it()
    {
        var id = await CampaignAsync(f, D.A.Root.Id, 2040, "甲县2040年度方案");
        var pages = await f.PagesAsync(D.B.StaffUser);
        foreach (var url in new[] { $"/Campaigns/Details/{id}", $"/Campaigns/Manage/Edit/{id}", $"/Campaigns/Manage/Topics/{id}" })
            Assert.Equal(HttpStatusCode.NotFound, (await pages.GetAsync(url)).StatusCode);
        Assert.DoesNotContain("甲县2040年度方案", (await pages.GetHtmlAsync("/Campaigns?year=2040")).Body!.TextContent);
        var advance = await pages.PostFormAsync($"/Campaigns/Details/{id}?handler=Advance", new(), "/Campaigns");
        Assert.Equal(HttpStatusCode.NotFound, advance.StatusCode);

        var api = await f.ApiAsync(D.B.StaffUser);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/campaigns/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/campaigns/{id}/advance", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/campaigns/{id}/plan/review", new { approve = true })).StatusCode);
        var list = await api.GetFromJsonAsync<JsonElement>("/api/v1/campaigns?year=2040");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetInt32() == id);
        Assert.Equal(CampaignStage.Preparation, (await LoadAsync(f, id)).Stage);
    }

    [Fact]
    public async Task The_county_requires_approval_the_town_submits_and_the_county_returns_then_approves()
    {
        var county = await f.PagesAsync(D.A.StaffUser);
        var add = await county.PostFormAsync("/Campaigns/Manage/Approvals?handler=Add", new() { ["UpperId"] = D.A.Root.Id.ToString(), ["Year"] = "2041" }, "/Campaigns/Manage/Approvals");
        Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        var dup = await (await county.PostFormAsync("/Campaigns/Manage/Approvals?handler=Add", new() { ["UpperId"] = D.A.Root.Id.ToString(), ["Year"] = "2041" }, "/Campaigns/Manage/Approvals")).HtmlAsync();
        Assert.Contains("无需重复添加", dup.QuerySelector("[data-valmsg-for=Year]")!.TextContent);
        Assert.Contains("2041", (await county.GetHtmlAsync("/Campaigns/Manage/Approvals")).QuerySelector("[data-requirements]")!.TextContent);

        var townUser = await StaffAtAsync(f, D.A.Town.Id, "ca_town_staff_2041");
        var town = await f.PagesAsync(townUser);
        var created = await town.PostFormAsync("/Campaigns/Manage/Create", CreateForm(D.A.Town.Id, 2041, "城关镇2041年度方案"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(created.Headers.Location!.ToString().Split('/').Last());
        var details = $"/Campaigns/Details/{id}";
        Assert.Equal(PlanApproval.Draft, (await LoadAsync(f, id)).PlanApproval);

        // The town cannot leave 筹备 before approval; the page says why.
        var page = await town.GetHtmlAsync(details);
        Assert.Contains("方案获批前不能离开“筹备”阶段", page.QuerySelector("[data-blocker]")!.TextContent);
        var blocked = await (await town.PostFormAsync($"{details}?handler=Advance", new(), details)).HtmlAsync();
        Assert.Contains("方案获批前不能离开“筹备”阶段", blocked.QuerySelector("[data-action-error]")!.TextContent);
        Assert.Equal(CampaignStage.Preparation, (await LoadAsync(f, id)).Stage);

        // It writes the plan and submits it; it may not approve its own plan.
        var c = await LoadAsync(f, id);
        Assert.Equal(HttpStatusCode.Redirect, (await town.PostFormAsync($"/Campaigns/Manage/Edit/{id}", EditForm(c, x => x["Input.PlanText"] = "一、述职范围……"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await town.PostFormAsync($"{details}?handler=Submit", new() { ["Comment"] = "请审批" }, details)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await town.PostFormAsync($"{details}?handler=Review", new() { ["approve"] = "true" }, details)).StatusCode);
        Assert.Equal(PlanApproval.Submitted, (await LoadAsync(f, id)).PlanApproval);
        Assert.NotNull((await town.GetHtmlAsync($"/Campaigns/Manage/Edit/{id}")).QuerySelector("textarea[name='Input.PlanText'][readonly]"));

        // The county reviews, but neither edits nor advances the town's campaign.
        var countyView = await county.GetHtmlAsync(details);
        Assert.NotNull(countyView.QuerySelector("form[action*=Review]"));
        Assert.Null(countyView.QuerySelector("form[action*=Advance]"));
        Assert.NotNull(countyView.QuerySelector("[data-readonly]"));
        Assert.Equal(HttpStatusCode.Forbidden, (await county.PostFormAsync($"{details}?handler=Advance", new() { ["Reason"] = "代为推进" }, details)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await county.GetAsync($"/Campaigns/Manage/Edit/{id}")).StatusCode);
        var noComment = await (await county.PostFormAsync($"{details}?handler=Review", new() { ["approve"] = "false", ["Comment"] = "" }, details)).HtmlAsync();
        Assert.Contains("退回时请填写意见", noComment.QuerySelector("[data-action-error]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await county.PostFormAsync($"{details}?handler=Review", new() { ["approve"] = "false", ["Comment"] = "请补充会议方案" }, details)).StatusCode);
        Assert.Equal(PlanApproval.Returned, (await LoadAsync(f, id)).PlanApproval);

        // Both sides see the history with the comment.
        Assert.Contains("请补充会议方案", (await town.GetHtmlAsync(details)).QuerySelector("[data-history]")!.TextContent);
        await town.PostFormAsync($"{details}?handler=Submit", new() { ["Comment"] = "已补充" }, details);
        Assert.Equal(HttpStatusCode.Redirect, (await county.PostFormAsync($"{details}?handler=Review", new() { ["approve"] = "true", ["Comment"] = "同意" }, details)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await town.PostFormAsync($"{details}?handler=Advance", new(), details)).StatusCode);
        Assert.Equal(CampaignStage.Writing, (await LoadAsync(f, id)).Stage);
        foreach (var side in new[] { town, county })
        {
            var history = (await side.GetHtmlAsync(details)).QuerySelector("[data-history]")!.TextContent;
            foreach (var text in new[] { "方案报审", "方案退回", "请补充会议方案", "方案批准", "同意", "推进阶段", "撰写述职报告" }) Assert.Contains(text, history);
        }
    }

    [Fact]
    public async Task The_county_sees_its_towns_campaigns_with_stage_and_overdue_count()
    {
        // 2019: on the fake clock (2024-01-15) every deadline has passed; the upward report is overdue.
        var id = await CampaignAsync(f, D.A.Town.Id, 2019, "城关镇2019年度方案");
        await RunScanAsync(f);
        var county = await f.PagesAsync(D.A.StaffUser);
        var row = (await county.GetHtmlAsync("/Campaigns?year=2019")).QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("城关镇2019年度方案"));
        Assert.Contains("甲县城关镇党委", row.TextContent);
        Assert.Equal("Preparation", row.QuerySelector("[data-stage]")!.GetAttribute("data-stage"));
        Assert.Equal("1", row.QuerySelector("[data-overdue]")!.GetAttribute("data-overdue"));
        var overdue = await county.GetHtmlAsync($"/Campaigns/Overdue?campaignId={id}");
        Assert.Contains("甲县城关镇党委", overdue.QuerySelector("tr[data-kind=UpwardReportNotSent]")!.TextContent);

        var api = await f.ApiAsync(D.A.StaffUser);
        var list = await api.GetFromJsonAsync<JsonElement>("/api/v1/campaigns?year=2019");
        var item = list.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("id").GetInt32() == id);
        Assert.Equal(("筹备", 1), (item.GetProperty("stageName").GetString(), item.GetProperty("openOverdue").GetInt32()));
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsJsonAsync($"/api/v1/campaigns/{id}/advance", new { reason = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PutAsJsonAsync($"/api/v1/campaigns/{id}", new { title = "改" })).StatusCode);
    }

    [Fact]
    public async Task Only_the_organizers_own_staff_or_an_administrator_may_manage_a_campaign()
    {
        await f.WithDbAsync(async (db, sp) =>
        {
            var cmd = sp.GetRequiredService<CampaignCommands>();
            var scope = sp.GetRequiredService<CurrentScope>();
            var town = await db.Organizations.SingleAsync(o => o.Id == D.A.Town.Id);
            var countyA = await db.Organizations.SingleAsync(o => o.Id == D.A.Root.Id);
            Assert.True(cmd.MayManage(town));   // unrestricted: an administrator
            scope.Set(OrgScope.Subtree(town.Path), town.Id);
            Assert.True(cmd.MayManage(town));
            Assert.False(cmd.MayManage(countyA));
            scope.Set(OrgScope.Subtree(countyA.Path), countyA.Id);
            Assert.False(cmd.MayManage(town));  // the upper unit reviews, it does not act for the town
            Assert.True(cmd.MayManage(countyA));
            return 0;
        });
    }

    [Fact]
    public async Task A_requirement_added_or_lifted_later_applies_to_campaigns_still_in_preparation()
    {
        var id = await CampaignAsync(f, D.A.Town.Id, 2042, "城关镇2042年度方案");
        Assert.Equal(PlanApproval.NotRequired, (await LoadAsync(f, id)).PlanApproval);
        var county = await f.PagesAsync(D.A.StaffUser);
        await county.PostFormAsync("/Campaigns/Manage/Approvals?handler=Add", new() { ["UpperId"] = D.A.Root.Id.ToString(), ["Year"] = "2042" }, "/Campaigns/Manage/Approvals");
        Assert.Equal(PlanApproval.Draft, (await LoadAsync(f, id)).PlanApproval);
        var requirementId = await f.WithDbAsync(async (db, _) => await db.ApprovalRequirements.Where(r => r.Year == 2042).Select(r => r.Id).SingleAsync());
        // County B cannot lift it: out of its scope.
        var other = await f.PagesAsync(D.B.StaffUser);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync("/Campaigns/Manage/Approvals?handler=Remove", new() { ["requirementId"] = requirementId.ToString() }, "/Campaigns/Manage/Approvals")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await county.PostFormAsync("/Campaigns/Manage/Approvals?handler=Remove", new() { ["requirementId"] = requirementId.ToString() }, "/Campaigns/Manage/Approvals")).StatusCode);
        Assert.Equal(PlanApproval.NotRequired, (await LoadAsync(f, id)).PlanApproval);
        Assert.True(await f.WithDbAsync(async (db, _) => await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(ApprovalRequirement))));
    }
}

public sealed class CampaignCascadeTests_Sqlite(SqliteFactory f) : CampaignCascadeTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class CampaignCascadeTests_Postgres(PostgresFactory f) : CampaignCascadeTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
