using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shuzhi.Domain.Reports;
using Shuzhi.Web.Tests.Campaigns;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Reports;

/// <summary>Last year's rectification items: entered by the organizer's staff, answered in the editor, required on submit.</summary>
public abstract class RectificationItemTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    private Task<int> ItemAsync(int campaignId, int orgId, int order, string text, string source = "") => f.WithDbAsync(async (db, _) =>
    {
        var item = RectificationItem.Create(campaignId, orgId, order, text, source, f.Clock.GetUtcNow());
        db.RectificationItems.Add(item);
        await db.SaveChangesAsync();
        return item.Id;
    });

    private Task<List<RectificationItem>> ItemsAsync(int campaignId) =>
        f.WithDbAsync(async (db, _) => await db.RectificationItems.AsNoTracking().Where(x => x.CampaignId == campaignId).OrderBy(x => x.SortOrder).ToListAsync());

    private static KeyValuePair<string, string> P(string k, string v) => new(k, v);

    [Fact]
    public async Task The_organizers_staff_add_edit_and_delete_items_with_chinese_validation()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2061);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var url = $"/Campaigns/Rectification/{s.CampaignId}";
        var page = await staff.GetHtmlAsync(url);
        Assert.NotNull(page.QuerySelector($"[data-org='{D.A.Village1.Id}']"));
        Assert.NotNull(page.QuerySelector($"[data-org='{D.A.Village2.Id}']"));
        Assert.Contains("尚未录入整改事项", page.Body!.TextContent);

        var add = await staff.PostPairsAsync($"{url}?handler=Add",
            [P("organizationId", D.A.Village1.Id.ToString()), P("text", "  党员教育管理不够严格  "), P("source", "2022年度述职评议点评")], url);
        Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        await staff.PostPairsAsync($"{url}?handler=Add", [P("organizationId", D.A.Village1.Id.ToString()), P("text", "三会一课落实不到位"), P("source", "")], url);
        var items = await ItemsAsync(s.CampaignId);
        Assert.Equal(["党员教育管理不够严格", "三会一课落实不到位"], items.Select(i => i.Text));
        Assert.Equal([1, 2], items.Select(i => i.SortOrder));
        Assert.Equal("2022年度述职评议点评", items[0].Source);
        Assert.All(items, i => Assert.Equal(D.A.Village1.Id, i.OrganizationId));
        Assert.Contains("2022年度述职评议点评", (await staff.GetHtmlAsync(url)).QuerySelector($"[data-item='{items[0].Id}']")!.InnerHtml);

        // Validation: empty, too long, not a reporter of this campaign; nothing is stored.
        var empty = await staff.PostPairsAsync($"{url}?handler=Add", [P("organizationId", D.A.Village2.Id.ToString()), P("text", "   "), P("source", "x")], url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Contains("请填写整改事项的内容", (await empty.HtmlAsync()).QuerySelector($"[data-add='{D.A.Village2.Id}'] [data-error]")!.TextContent);
        var tooLong = await staff.PostPairsAsync($"{url}?handler=Add", [P("organizationId", D.A.Village2.Id.ToString()), P("text", new string('改', 501))], url);
        Assert.Contains("整改事项不能超过500个字，现在有501个字", (await tooLong.HtmlAsync()).Body!.TextContent);
        var notReporter = await staff.PostPairsAsync($"{url}?handler=Add", [P("organizationId", D.A.Town.Id.ToString()), P("text", "某事项")], url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notReporter.StatusCode);
        Assert.Contains("不是本次述职的述职单位", (await notReporter.HtmlAsync()).Body!.TextContent);
        Assert.Equal(2, (await ItemsAsync(s.CampaignId)).Count);

        // Edit, with validation.
        var bad = await staff.PostPairsAsync($"{url}?handler=Update", [P("itemId", items[1].Id.ToString()), P("text", ""), P("source", "")], url);
        Assert.Contains("请填写整改事项的内容", (await bad.HtmlAsync()).QuerySelector($"[data-item='{items[1].Id}'] [data-error]")!.TextContent);
        var upd = await staff.PostPairsAsync($"{url}?handler=Update", [P("itemId", items[1].Id.ToString()), P("text", "“三会一课”制度落实不到位"), P("source", "2022年度点评")], url);
        Assert.Equal(HttpStatusCode.Redirect, upd.StatusCode);
        var edited = (await ItemsAsync(s.CampaignId))[1];
        Assert.Equal("“三会一课”制度落实不到位", edited.Text);
        Assert.Equal("2022年度点评", edited.Source);

        // Delete asks first, and is audited like every change.
        Assert.NotNull((await staff.GetHtmlAsync(url)).QuerySelector($"[data-item='{items[0].Id}'] form[data-confirm]"));
        var del = await staff.PostPairsAsync($"{url}?handler=Delete", [P("itemId", items[0].Id.ToString())], url);
        Assert.Equal(HttpStatusCode.Redirect, del.StatusCode);
        Assert.Equal([items[1].Id], (await ItemsAsync(s.CampaignId)).Select(i => i.Id));
        var audited = await f.WithDbAsync((db, _) => db.AuditEntries.Where(a => a.EntityType == nameof(RectificationItem) && a.EntityId == items[0].Id.ToString())
            .Select(a => a.Action).ToListAsync());
        Assert.True(audited.Count >= 2, string.Join(",", audited));
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostPairsAsync($"{url}?handler=Delete", [P("itemId", items[0].Id.ToString())], url)).StatusCode);
    }

    [Fact]
    public async Task Only_the_organizers_own_staff_manage_items_and_other_counties_get_404()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2062);
        var other = await ReportTestKit.TownCampaignAsync(f, D.A, 2063);
        var itemId = await ItemAsync(s.CampaignId, D.A.Village1.Id, 1, "原事项");
        var url = $"/Campaigns/Rectification/{s.CampaignId}";
        var addPairs = new[] { P("organizationId", D.A.Village1.Id.ToString()), P("text", "不该加上") };

        // County B's staff: out of scope, 404 like a missing id.
        var b = await f.PagesAsync(D.B.StaffUser);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.PostPairsAsync($"{url}?handler=Add", addPairs, "/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync("/Campaigns/Rectification/999999")).StatusCode);
        // The county's viewer and the village secretary lack the role; the county's staff see the town's campaign but may not act for it.
        foreach (var user in new[] { D.A.ViewerUser, D.A.SecretaryUser, D.A.StaffUser })
        {
            var c = await f.PagesAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await c.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await c.PostPairsAsync($"{url}?handler=Add", addPairs, "/")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await c.PostPairsAsync($"{url}?handler=Delete", [P("itemId", itemId.ToString())], "/")).StatusCode);
        }
        // The town's staff cannot reach an item through another campaign's page.
        var town = await f.PagesAsync(D.A.TownStaffUser);
        var otherUrl = $"/Campaigns/Rectification/{other.CampaignId}";
        Assert.Equal(HttpStatusCode.NotFound, (await town.PostPairsAsync($"{otherUrl}?handler=Delete", [P("itemId", itemId.ToString())], otherUrl)).StatusCode);
        Assert.Equal(["原事项"], (await ItemsAsync(s.CampaignId)).Select(i => i.Text));
        Assert.NotNull((await town.GetHtmlAsync($"/Campaigns/Details/{s.CampaignId}")).QuerySelector($"a[href='{url}']"));
    }

    [Fact]
    public async Task Items_are_seen_by_the_reporter_and_the_organizer_but_not_by_other_reporters_or_counties()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2064);
        var id = await ItemAsync(s.CampaignId, D.A.Village1.Id, 1, "仅一村可见");
        Task<bool> Sees(Domain.Organizations.Organization org) => ReportTestKit.AsOrgAsync(f, org, db => db.RectificationItems.AnyAsync(x => x.Id == id));
        Assert.True(await Sees(D.A.Village1));
        Assert.True(await Sees(D.A.Town));
        Assert.True(await Sees(D.A.Root));
        Assert.False(await Sees(D.A.Village2));
        Assert.False(await Sees(D.B.Root));
    }

    [Fact]
    public async Task The_secretary_answers_each_item_submit_is_blocked_until_all_are_answered_and_the_version_keeps_the_responses()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2065);
        var first = await ItemAsync(s.CampaignId, D.A.Village1.Id, 1, "党员教育管理不够严格", "2022年度述职评议点评");
        var second = await ItemAsync(s.CampaignId, D.A.Village1.Id, 2, "<b>三会一课</b>落实不到位");
        await ItemAsync(s.CampaignId, D.A.Village2.Id, 1, "二村的事项");
        var secretary = await f.PagesAsync(D.A.SecretaryUser);
        var url = $"/Reports/Edit/{s.Reporter1}";

        var page = await secretary.GetHtmlAsync(url);
        var block = page.QuerySelector("[data-rectification]")!;
        Assert.Contains("第1项", block.TextContent);
        Assert.Contains("党员教育管理不够严格", block.TextContent);
        Assert.Contains("来源：2022年度述职评议点评", block.TextContent);
        Assert.Contains("<b>三会一课</b>落实不到位", block.TextContent); // encoded, shown as typed
        Assert.DoesNotContain("二村的事项", page.Body!.TextContent);
        Assert.NotNull(page.QuerySelector($"textarea[name='responses[{first}]']"));
        Assert.NotNull(page.QuerySelector($"textarea[name='responses[{second}]']"));
        Assert.Equal("fail", page.QuerySelector("#check-list li[data-rule=Rectification]")!.GetAttribute("data-state"));

        // Live check: the posted responses count.
        var fields = ReportTestKit.Fields(ReportTestKit.Good).ToList();
        var partial = fields.Append(P($"responses[{first}]", "已建立党员积分管理制度。")).ToList();
        var live = JsonDocument.Parse(await (await secretary.PostPairsAsync($"{url}?handler=Check", partial, url)).Content.ReadAsStringAsync()).RootElement;
        Assert.False(live.GetProperty("canSubmit").GetBoolean());
        var rect = live.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "Rectification");
        Assert.Equal("fail", rect.GetProperty("state").GetString());
        Assert.Contains("还有1项未作回应（第2项）", rect.GetProperty("message").GetString());

        // Submit with one response missing: refused, names the item by its place; the draft keeps the response given.
        var refused = await secretary.PostPairsAsync($"{url}?handler=Submit", partial, url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("上年度整改事项还有1项未作回应（第2项）", (await refused.HtmlAsync()).QuerySelector("[data-blocking]")!.TextContent);
        var draft = await ReportTestKit.ReportAsync(f, s.Reporter1);
        Assert.Equal(ReportStatus.Draft, draft!.Status);
        Assert.Equal("已建立党员积分管理制度。", draft.Text.Response(first));

        // Autosave keeps responses too.
        var auto = await secretary.PostPairsAsync($"{url}?handler=Autosave", fields.Append(P($"responses[{first}]", "已建立党员积分管理制度。")).Append(P($"responses[{second}]", "草稿")), url);
        Assert.Equal(HttpStatusCode.OK, auto.StatusCode);
        Assert.Equal("草稿", (await ReportTestKit.ReportAsync(f, s.Reporter1))!.Text.Response(second));
        Assert.Equal("草稿", (await secretary.GetHtmlAsync(url)).QuerySelector($"textarea[name='responses[{second}]']")!.TextContent);

        // All answered: it goes through, and the submitted version keeps the responses.
        var all = fields.Append(P($"responses[{first}]", "已建立党员积分管理制度。")).Append(P($"responses[{second}]", "每月按时召开支部党员大会。")).ToList();
        var ok = await secretary.PostPairsAsync($"{url}?handler=Submit", all, url);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var version = await f.WithDbAsync((db, _) => db.ReportVersions.AsNoTracking().SingleAsync(v => v.CampaignReporterId == s.Reporter1));
        Assert.Equal("已建立党员积分管理制度。", version.Text.Response(first));
        Assert.Equal("每月按时召开支部党员大会。", version.Text.Response(second));
        Assert.Equal(ReportStatus.Submitted, (await ReportTestKit.ReportAsync(f, s.Reporter1))!.Status);

        // The review page shows each item with its response.
        var review = await (await f.PagesAsync(D.A.TownStaffUser)).GetHtmlAsync($"/Reports/Review/{s.Reporter1}");
        Assert.Contains("每月按时召开支部党员大会。", review.QuerySelector($"[data-rectification-item='{second}'] [data-response]")!.TextContent);
        Assert.Contains("党员教育管理不够严格", review.QuerySelector($"[data-rectification-item='{first}']")!.TextContent);
    }

    [Fact]
    public async Task Responses_to_items_that_are_not_the_reporters_are_ignored()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2066);
        var mine = await ItemAsync(s.CampaignId, D.A.Village1.Id, 1, "本村事项");
        var theirs = await ItemAsync(s.CampaignId, D.A.Village2.Id, 1, "他村事项");
        var secretary = await f.PagesAsync(D.A.SecretaryUser);
        var url = $"/Reports/Edit/{s.Reporter1}";
        var res = await secretary.PostPairsAsync($"{url}?handler=Save",
            ReportTestKit.Fields(ReportTestKit.Good).Append(P($"responses[{mine}]", "已整改")).Append(P($"responses[{theirs}]", "越权写入")), url);
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var text = (await ReportTestKit.ReportAsync(f, s.Reporter1))!.Text;
        Assert.Equal("已整改", text.Response(mine));
        Assert.False(text.RectificationResponses.ContainsKey(theirs));
    }
}

public sealed class RectificationItemTests_Sqlite(SqliteFactory f) : RectificationItemTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class RectificationItemTests_Postgres(PostgresFactory f) : RectificationItemTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
