using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shuzhi.Domain.Campaigns;
using Shuzhi.Web.Tests.Infrastructure;
using static Shuzhi.Web.Tests.Campaigns.CampaignTestKit;

namespace Shuzhi.Web.Tests.Campaigns;

public abstract class CampaignApiTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    [Fact]
    public async Task Staff_create_read_update_and_advance_a_campaign()
    {
        var api = await f.ApiAsync(D.A.StaffUser);
        var res = await api.PostAsJsonAsync("/api/v1/campaigns", new { organizerId = D.A.Root.Id, year = 2050, title = "甲县2050年度方案" });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var c = await res.Content.ReadFromJsonAsync<JsonElement>();
        var id = c.GetProperty("id").GetInt32();
        Assert.Equal("筹备", c.GetProperty("stageName").GetString());
        Assert.Equal("2051-02-15", c.GetProperty("timeline").GetProperty("rectificationPlanDeadline").GetString());
        Assert.Equal(5, c.GetProperty("topics").EnumerateArray().Count(t => !t.GetProperty("isMustAnswer").GetBoolean()));

        var dup = await api.PostAsJsonAsync("/api/v1/campaigns", new { organizerId = D.A.Root.Id, year = 2050, title = "再来" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, dup.StatusCode);
        var problem = await dup.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("已有2050年度的述职评议考核工作方案", problem.GetProperty("errors").GetProperty("year")[0].GetString());

        var badTimeline = CampaignTimeline.Default(2052) with { ReviewDeadline = new DateOnly(2053, 1, 1) };
        var bad = await api.PostAsJsonAsync("/api/v1/campaigns", new { organizerId = D.A.Root.Id, year = 2052, title = "日期错", timeline = badTimeline });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("审核截止日期不能早于述职报告截止日期", await bad.Content.ReadAsStringAsync());
        var outside = await api.PostAsJsonAsync("/api/v1/campaigns", new { organizerId = D.B.Root.Id, year = 2052, title = "乙县" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outside.StatusCode);

        var put = await api.PutAsJsonAsync($"/api/v1/campaigns/{id}", new { title = "甲县2050年度方案（定稿）", planText = "一、总体要求", termLength = 5, shortTenureMonths = 6 });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var badTerm = await api.PutAsJsonAsync($"/api/v1/campaigns/{id}", new { termLength = 12 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badTerm.StatusCode);
        Assert.Contains("届期年限应为1至10年", await badTerm.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync($"/api/v1/campaigns/{id}/advance", new { reason = (string?)null })).StatusCode);
        var got = await api.GetFromJsonAsync<JsonElement>($"/api/v1/campaigns/{id}");
        Assert.Equal(("甲县2050年度方案（定稿）", "一、总体要求", "Writing", 6),
            (got.GetProperty("title").GetString(), got.GetProperty("planText").GetString(), got.GetProperty("stage").GetString(), got.GetProperty("shortTenureMonths").GetInt32()));
        Assert.Contains(got.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "StageAdvanced");

        var list = await api.GetFromJsonAsync<JsonElement>("/api/v1/campaigns?year=2050");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), x => x.GetProperty("id").GetInt32() == id);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/campaigns/999999")).StatusCode);
    }

    [Fact]
    public async Task Viewers_read_but_may_not_write()
    {
        var id = await CampaignAsync(f, D.A.Root.Id, 2053, "甲县2053年度方案");
        var api = await f.ApiAsync(D.A.ViewerUser);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/campaigns/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsJsonAsync("/api/v1/campaigns", new { organizerId = D.A.Root.Id, year = 2054, title = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PutAsJsonAsync($"/api/v1/campaigns/{id}", new { title = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsJsonAsync($"/api/v1/campaigns/{id}/advance", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsJsonAsync($"/api/v1/campaigns/{id}/plan/submit", new { })).StatusCode);
        Assert.Equal(CampaignStage.Preparation, (await LoadAsync(f, id)).Stage);
    }

    [Fact]
    public async Task The_town_submits_its_plan_and_only_the_county_reviews_it()
    {
        var county = await f.ApiAsync(D.A.StaffUser);
        var townUser = await StaffAtAsync(f, D.A.Town.Id, "ca_town_api_2055");
        var town = await f.ApiAsync(townUser);
        await f.WithDbAsync(async db => { db.ApprovalRequirements.Add(ApprovalRequirement.For(D.A.Root.Id, 2055)); await db.SaveChangesAsync(); });
        var created = await (await town.PostAsJsonAsync("/api/v1/campaigns", new { organizerId = D.A.Town.Id, year = 2055, title = "城关镇2055年度方案" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal("Draft", created.GetProperty("planApproval").GetString());

        var blocked = await town.PostAsJsonAsync($"/api/v1/campaigns/{id}/advance", new { reason = "急" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, blocked.StatusCode);
        Assert.Contains("方案获批前不能离开", await blocked.Content.ReadAsStringAsync());
        var empty = await town.PostAsJsonAsync($"/api/v1/campaigns/{id}/plan/submit", new { });
        Assert.Contains("请先填写工作方案正文", await empty.Content.ReadAsStringAsync());
        await town.PutAsJsonAsync($"/api/v1/campaigns/{id}", new { planText = "一、述职范围" });
        Assert.Equal(HttpStatusCode.OK, (await town.PostAsJsonAsync($"/api/v1/campaigns/{id}/plan/submit", new { comment = "请审批" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await town.PostAsJsonAsync($"/api/v1/campaigns/{id}/plan/review", new { approve = true })).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await county.PostAsJsonAsync($"/api/v1/campaigns/{id}/advance", new { })).StatusCode);
        var noComment = await county.PostAsJsonAsync($"/api/v1/campaigns/{id}/plan/review", new { approve = false });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noComment.StatusCode);
        var approved = await county.PostAsJsonAsync($"/api/v1/campaigns/{id}/plan/review", new { approve = true, comment = "同意实施" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var after = await (await town.PostAsJsonAsync($"/api/v1/campaigns/{id}/advance", new { })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Writing", after.GetProperty("stage").GetString());
        var kinds = after.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kindName").GetString()).ToList();
        Assert.Equal(["方案报审", "方案批准", "推进阶段"], kinds);
        Assert.Contains(after.GetProperty("events").EnumerateArray(), e => e.GetProperty("comment").GetString() == "同意实施");
    }

    [Fact]
    public async Task Overdue_items_are_listed_in_scope_on_the_fake_clock()
    {
        var id = await CampaignAsync(f, D.A.Root.Id, 2018, "甲县2018年度方案");
        await RunScanAsync(f);
        var api = await f.ApiAsync(D.A.StaffUser);
        var list = await api.GetFromJsonAsync<JsonElement>($"/api/v1/overdue?campaignId={id}");
        var item = list.GetProperty("items").EnumerateArray().Single();
        Assert.Equal(("UpwardReportNotSent", "述职评议考核情况未上报", "2019-02-15", "2024-01-15"),
            (item.GetProperty("kind").GetString(), item.GetProperty("kindName").GetString(), item.GetProperty("dueDate").GetString(), item.GetProperty("detectedOn").GetString()));
        var other = await f.ApiAsync(D.B.StaffUser);
        Assert.Equal(0, (await other.GetFromJsonAsync<JsonElement>($"/api/v1/overdue?campaignId={id}")).GetProperty("total").GetInt32());
    }
}

public sealed class CampaignApiTests_Sqlite(SqliteFactory f) : CampaignApiTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class CampaignApiTests_Postgres(PostgresFactory f) : CampaignApiTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
