using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shuzhi.Domain.Reports;
using Shuzhi.Web.Tests.Infrastructure;
using Shuzhi.Web.Tests.Reports;

namespace Shuzhi.Web.Tests.Api;

/// <summary>/api/v1/reports: the report pages' rules (scope, writers, reviewer, checks) over bearer tokens.</summary>
public abstract class ReportApiTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    /// <summary>The seed-003 section keys with the texts of <paramref name="texts"/> (ReportTestKit's seven fields).</summary>
    private static Dictionary<string, string> Sections(string[] texts) =>
        ReportOutline.Seed003.Sections.Select((s, i) => (s.Key, Text: texts[i])).ToDictionary(x => x.Key, x => x.Text);

    private Task<int> ItemAsync(int campaignId, int orgId, int order, string text) => f.WithDbAsync(async (db, _) =>
    {
        var item = RectificationItem.Create(campaignId, orgId, order, text, "2022年度述职评议点评", f.Clock.GetUtcNow());
        db.RectificationItems.Add(item);
        await db.SaveChangesAsync();
        return item.Id;
    });

    private static async Task<JsonElement> Json(HttpResponseMessage res) => await res.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<JsonElement> Ok(HttpResponseMessage res)
    {
        Assert.True(res.StatusCode == HttpStatusCode.OK, $"{(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        return await Json(res);
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage res, HttpStatusCode status)
    {
        Assert.True(res.StatusCode == status, $"{(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        return await Json(res);
    }

    private static string Error(JsonElement problem, string field) => string.Join("|", problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));

    private static JsonElement Section(JsonElement report, string key) => report.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("key").GetString() == key);

    [Fact]
    public async Task The_secretary_saves_a_draft_submits_it_and_reads_the_report_its_checks_and_versions()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2081);
        var item = await ItemAsync(s.CampaignId, D.A.Village1.Id, 1, "党员教育管理不够严格");
        var api = await f.ApiAsync(D.A.SecretaryUser);
        var url = $"/api/v1/reports/{s.Reporter1}";

        var start = await Ok(await api.GetAsync(url));
        Assert.Equal("Draft", start.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, start.GetProperty("reportId").ValueKind);
        Assert.Equal(7, start.GetProperty("sections").GetArrayLength());
        Assert.Equal("主要做法和成效", Section(start, "achievements").GetProperty("heading").GetString());
        Assert.False(start.GetProperty("checks").GetProperty("canSubmit").GetBoolean());

        // Draft: the sections by key and the response by item id; what is not sent keeps its text.
        var draft = await Ok(await api.PutAsJsonAsync($"{url}/draft", new { sections = Sections(ReportTestKit.Good), responses = new Dictionary<int, string> { [item] = "已建立党员积分管理制度。" } }));
        Assert.Equal(ReportTestKit.Good[5], Section(draft, "problems").GetProperty("text").GetString());
        var rect = Assert.Single(draft.GetProperty("rectification").EnumerateArray());
        Assert.Equal("党员教育管理不够严格", rect.GetProperty("text").GetString());
        Assert.Equal("已建立党员积分管理制度。", rect.GetProperty("response").GetString());
        Assert.True(draft.GetProperty("checks").GetProperty("canSubmit").GetBoolean());
        Assert.Contains(draft.GetProperty("checks").GetProperty("results").EnumerateArray(),
            r => r.GetProperty("rule").GetString() == "Rectification" && r.GetProperty("state").GetString() == "pass");
        await Ok(await api.PutAsJsonAsync($"{url}/draft", new { sections = new Dictionary<string, string> { ["plans"] = ReportTestKit.Part("一是加强学习。二是规范组织生活。", 60) } }));
        var stored = (await ReportTestKit.ReportAsync(f, s.Reporter1))!;
        Assert.Equal(ReportStatus.Draft, stored.Status);
        Assert.Equal(ReportTestKit.Good[5], stored.Text.Section("problems"));
        Assert.StartsWith("一是加强学习。二是规范组织生活。", stored.Text.Section("plans"));
        Assert.Equal("已建立党员积分管理制度。", stored.Text.Response(item));

        // Submit the stored draft: version 1, kept with the responses.
        var submitted = await Ok(await api.PostAsync($"{url}/submit", null));
        Assert.Equal("Submitted", submitted.GetProperty("status").GetString());
        Assert.Equal("已提交待审核", submitted.GetProperty("statusName").GetString());
        Assert.False(submitted.GetProperty("editable").GetBoolean());
        Assert.Equal(f.Clock.GetUtcNow(), submitted.GetProperty("submittedAt").GetDateTimeOffset());
        var v = Assert.Single(submitted.GetProperty("versions").EnumerateArray());
        Assert.Equal(1, v.GetProperty("number").GetInt32());
        var version = await Ok(await api.GetAsync($"{url}/versions/1"));
        Assert.StartsWith("一是加强学习。二是规范组织生活。", Section(version, "plans").GetProperty("text").GetString());
        Assert.Equal("已建立党员积分管理制度。", version.GetProperty("rectification")[0].GetProperty("response").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"{url}/versions/2")).StatusCode);

        // The list: the secretary's own reporter, filtered by campaign and status, with the organization, times and lateness.
        var list = await Ok(await api.GetAsync($"/api/v1/reports?campaignId={s.CampaignId}"));
        var row = Assert.Single(list.GetProperty("items").EnumerateArray()); // village 2 is out of the secretary's scope
        Assert.Equal(s.Reporter1, row.GetProperty("id").GetInt32());
        Assert.Equal(D.A.Village1.Name, row.GetProperty("organization").GetString());
        Assert.Equal("Submitted", row.GetProperty("status").GetString());
        Assert.Equal(f.Clock.GetUtcNow(), row.GetProperty("submittedAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("approvedAt").ValueKind);
        Assert.False(row.GetProperty("isLate").GetBoolean());
        Assert.True(row.GetProperty("mayWrite").GetBoolean());

        var staff = await f.ApiAsync(D.A.TownStaffUser);
        var all = await Ok(await staff.GetAsync($"/api/v1/reports?campaignId={s.CampaignId}"));
        Assert.Equal(2, all.GetProperty("total").GetInt32());
        var drafts = await Ok(await staff.GetAsync($"/api/v1/reports?campaignId={s.CampaignId}&status=Draft"));
        var none = Assert.Single(drafts.GetProperty("items").EnumerateArray()); // no report yet counts as a draft
        Assert.Equal(s.Reporter2, none.GetProperty("id").GetInt32());
        Assert.False(none.GetProperty("hasReport").GetBoolean());
        var subs = await Ok(await staff.GetAsync($"/api/v1/reports?campaignId={s.CampaignId}&status=Submitted"));
        Assert.Equal([s.Reporter1], subs.GetProperty("items").EnumerateArray().Select(x => x.GetProperty("id").GetInt32()));
        var page2 = await Ok(await staff.GetAsync($"/api/v1/reports?campaignId={s.CampaignId}&page=2&pageSize=1"));
        Assert.Equal(2, page2.GetProperty("total").GetInt32());
        Assert.Equal(s.Reporter2, Assert.Single(page2.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt32());

        // Once submitted the draft is locked: 422 in Chinese.
        var locked = await Problem(await api.PutAsJsonAsync($"{url}/draft", new { sections = new Dictionary<string, string> { ["plans"] = "改" } }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("审核", Error(locked, ""));
    }

    [Fact]
    public async Task Submit_is_refused_with_422_naming_each_failing_blocking_check_and_the_draft_is_kept()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2082);
        var item = await ItemAsync(s.CampaignId, D.A.Village1.Id, 1, "三会一课落实不到位");
        var api = await f.ApiAsync(D.A.SecretaryUser);
        var url = $"/api/v1/reports/{s.Reporter1}";

        var res = await api.PostAsJsonAsync($"{url}/submit", new { sections = Sections(ReportTestKit.ShortProblems) });
        var problem = await Problem(res, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("还有2项必须满足的检查未通过，请按提示修改后再提交。", Error(problem, ""));
        var errors = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains(errors, e => e.EndsWith("ProblemsShare", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(errors, e => e.EndsWith("Rectification", StringComparison.OrdinalIgnoreCase));
        var rectification = problem.GetProperty("errors").EnumerateObject().Single(p => p.Name.EndsWith("Rectification", StringComparison.OrdinalIgnoreCase)).Value[0].GetString();
        Assert.Contains("上年度整改事项还有1项未作回应（第1项）", rectification);
        var stored = (await ReportTestKit.ReportAsync(f, s.Reporter1))!;
        Assert.Equal(ReportStatus.Draft, stored.Status);
        Assert.Equal(ReportTestKit.ShortProblems[5], stored.Text.Section("problems"));
        Assert.Equal(0, await f.WithDbAsync((db, _) => db.ReportVersions.CountAsync(v => v.CampaignReporterId == s.Reporter1)));

        // Other 422s: an unknown section key, a response too long, an empty body.
        var unknown = await Problem(await api.PutAsJsonAsync($"{url}/draft", new { sections = new Dictionary<string, string> { ["总结"] = "x" } }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("报告提纲中没有章节“总结”", Error(unknown, "sections"));
        var longResponse = await Problem(await api.PutAsJsonAsync($"{url}/draft", new { responses = new Dictionary<int, string> { [item] = new string('改', 5001) } }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("5000", Error(longResponse, "responses"));
        var empty = await Problem(await api.PutAsJsonAsync($"{url}/draft", new { }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("请提交要保存的章节内容", Error(empty, "sections"));
        Assert.Equal(ReportTestKit.ShortProblems[5], (await ReportTestKit.ReportAsync(f, s.Reporter1))!.Text.Section("problems"));

        // Fixed: it goes through.
        var ok = await Ok(await api.PostAsJsonAsync($"{url}/submit", new { sections = Sections(ReportTestKit.Good), responses = new Dictionary<int, string> { [item] = "每月按时召开支部党员大会。" } }));
        Assert.Equal("Submitted", ok.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_assigned_reviewer_returns_with_a_required_reason_and_approves_the_resubmission()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2083);
        await ReportTestKit.ReviewerAsync(f, D.A.Town.Id, "a_supervisor_2113", s.Reporter1);
        var secretary = await f.ApiAsync(D.A.SecretaryUser);
        var reviewer = await f.ApiAsync("a_supervisor_2113");
        var url = $"/api/v1/reports/{s.Reporter1}";
        await Ok(await secretary.PostAsJsonAsync($"{url}/submit", new { sections = Sections(ReportTestKit.Good) }));

        // The reviewer reads it and sees it as theirs in the list.
        Assert.Equal("Submitted", (await Ok(await reviewer.GetAsync(url))).GetProperty("status").GetString());
        var mine = (await Ok(await reviewer.GetAsync($"/api/v1/reports?campaignId={s.CampaignId}"))).GetProperty("items").EnumerateArray()
            .Single(r => r.GetProperty("id").GetInt32() == s.Reporter1);
        Assert.True(mine.GetProperty("isReviewer").GetBoolean());

        var noReason = await Problem(await reviewer.PostAsJsonAsync($"{url}/return", new { reason = "  " }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("请填写退回理由", Error(noReason, "reason"));
        Assert.Contains("请填写退回理由", Error(await Problem(await reviewer.PostAsync($"{url}/return", null), HttpStatusCode.UnprocessableEntity), "reason"));
        var returned = await Ok(await reviewer.PostAsJsonAsync($"{url}/return", new { reason = "问题剖析不够具体，请补充典型事例。" }));
        Assert.Equal("Returned", returned.GetProperty("status").GetString());
        Assert.Equal("问题剖析不够具体，请补充典型事例。", returned.GetProperty("returnReason").GetString());
        Assert.Equal("问题剖析不够具体，请补充典型事例。", (await Ok(await secretary.GetAsync(url))).GetProperty("returnReason").GetString());

        var texts = ReportTestKit.Good;
        texts[6] = ReportTestKit.Part("一是加强学习。二是规范组织生活。", 60);
        await Ok(await secretary.PutAsJsonAsync($"{url}/draft", new { sections = Sections(texts) }));
        var resubmitted = await Ok(await secretary.PostAsync($"{url}/submit", null));
        Assert.Equal([1, 2], resubmitted.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("number").GetInt32()));
        Assert.Equal(ReportTestKit.Good[6], Section(await Ok(await reviewer.GetAsync($"{url}/versions/1")), "plans").GetProperty("text").GetString());
        Assert.Equal(texts[6], Section(await Ok(await reviewer.GetAsync($"{url}/versions/2")), "plans").GetProperty("text").GetString());

        var approved = await Ok(await reviewer.PostAsync($"{url}/approve", null));
        Assert.Equal("Approved", approved.GetProperty("status").GetString());
        Assert.Equal(f.Clock.GetUtcNow(), approved.GetProperty("approvedAt").GetDateTimeOffset());
        Assert.Equal(ReportStatus.Approved, (await ReportTestKit.ReportAsync(f, s.Reporter1))!.Status);
        var twice = await Problem(await reviewer.PostAsync($"{url}/approve", null), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("报告当前不是“已提交待审核”状态", Error(twice, ""));
        var row = (await Ok(await secretary.GetAsync($"/api/v1/reports?campaignId={s.CampaignId}&status=Approved"))).GetProperty("items")[0];
        Assert.Equal(f.Clock.GetUtcNow(), row.GetProperty("approvedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Wrong_roles_get_403_as_on_the_pages()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2084);
        await ReportTestKit.ReviewerAsync(f, D.A.Town.Id, "a_supervisor_2114", s.Reporter1);
        await ReportTestKit.ReviewerAsync(f, D.A.Town.Id, "a_other_supervisor_2114", null);
        var secretary = await f.ApiAsync(D.A.SecretaryUser);
        var url = $"/api/v1/reports/{s.Reporter1}";
        await Ok(await secretary.PostAsJsonAsync($"{url}/submit", new { sections = Sections(ReportTestKit.Good) }));
        var body = new { sections = new Dictionary<string, string> { ["plans"] = "越权修改" } };

        // The county's viewer and staff see the reporter in scope but neither write nor read it; another supervisor neither.
        foreach (var user in new[] { D.A.ViewerUser, D.A.StaffUser, "a_other_supervisor_2114" })
        {
            var api = await f.ApiAsync(user);
            var read = await Problem(await api.GetAsync(url), HttpStatusCode.Forbidden);
            Assert.Contains("您不能查看这份报告", read.GetProperty("title").GetString());
            Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"{url}/versions/1")).StatusCode);
            var write = await Problem(await api.PutAsJsonAsync($"{url}/draft", body), HttpStatusCode.Forbidden);
            Assert.Contains("只有该单位的书记或组织单位的工作人员可以编写", write.GetProperty("title").GetString());
            Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync($"{url}/submit", null)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync($"{url}/approve", null)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsJsonAsync($"{url}/return", new { reason = "越权退回" })).StatusCode);
        }
        // The secretary and the organizer's staff read but do not decide; the reviewer decides but does not write.
        foreach (var user in new[] { D.A.SecretaryUser, D.A.TownStaffUser })
        {
            var api = await f.ApiAsync(user);
            var approve = await Problem(await api.PostAsync($"{url}/approve", null), HttpStatusCode.Forbidden);
            Assert.Contains("您不是该述职单位的包片领导", approve.GetProperty("title").GetString());
            Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsJsonAsync($"{url}/return", new { reason = "越权退回" })).StatusCode);
        }
        var reviewer = await f.ApiAsync("a_supervisor_2114");
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PutAsJsonAsync($"{url}/draft", body)).StatusCode);
        var stored = (await ReportTestKit.ReportAsync(f, s.Reporter1))!;
        Assert.Equal(ReportStatus.Submitted, stored.Status);
        Assert.Equal(ReportTestKit.Good[6], stored.Text.Section("plans"));
    }

    [Fact]
    public async Task Another_county_and_missing_ids_get_404_and_see_nothing_in_the_list()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2085);
        await ReportTestKit.ReviewerAsync(f, D.A.Town.Id, "a_supervisor_2115", s.Reporter1);
        await Ok(await (await f.ApiAsync(D.A.SecretaryUser)).PostAsJsonAsync($"/api/v1/reports/{s.Reporter1}/submit", new { sections = Sections(ReportTestKit.Good) }));
        var url = $"/api/v1/reports/{s.Reporter1}";
        var body = new { sections = new Dictionary<string, string> { ["plans"] = "越权修改" } };
        foreach (var user in new[] { D.B.StaffUser, D.B.SecretaryUser, D.B.LeaderUser })
        {
            var api = await f.ApiAsync(user);
            var res = await Problem(await api.GetAsync(url), HttpStatusCode.NotFound);
            Assert.False(string.IsNullOrEmpty(res.GetProperty("title").GetString()));
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"{url}/versions/1")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await api.PutAsJsonAsync($"{url}/draft", body)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"{url}/submit", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"{url}/approve", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"{url}/return", new { reason = "x" })).StatusCode);
            var list = await Ok(await api.GetAsync($"/api/v1/reports?campaignId={s.CampaignId}"));
            Assert.Equal(0, list.GetProperty("total").GetInt32());
        }
        var own = await f.ApiAsync(D.A.TownStaffUser);
        Assert.Equal(HttpStatusCode.NotFound, (await own.GetAsync("/api/v1/reports/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await own.PutAsJsonAsync("/api/v1/reports/999999/draft", body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await own.GetAsync($"{url}/versions/9")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await f.NewClient().GetAsync(url)).StatusCode);
        Assert.Equal(ReportStatus.Submitted, (await ReportTestKit.ReportAsync(f, s.Reporter1))!.Status);
    }

    [Fact]
    public async Task A_secretary_cannot_save_or_submit_another_reporters_report_nor_answer_its_items()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2086);
        var mine = await ItemAsync(s.CampaignId, D.A.Village1.Id, 1, "本村事项");
        var theirs = await ItemAsync(s.CampaignId, D.A.Village2.Id, 1, "二村事项");
        await ReportTestKit.DraftAsync(f, s.Reporter2, ReportText.Empty.WithSection("plans", "二村的打算"));
        await f.WithDbAsync(async (db, sp) => await TestData.AccountAsync(
            sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Shuzhi.Web.Data.AppUser>>(), "a_v2_secretary_2116", Shuzhi.Web.Infrastructure.Roles.Secretary, D.A.Village2.Id));
        var v1 = await f.ApiAsync(D.A.SecretaryUser);
        var v2 = await f.ApiAsync("a_v2_secretary_2116");
        var body = new { sections = new Dictionary<string, string> { ["plans"] = "篡改" } };

        // Village 1's secretary cannot reach village 2's report (out of its scope), and the reverse.
        Assert.Equal(HttpStatusCode.NotFound, (await v1.PutAsJsonAsync($"/api/v1/reports/{s.Reporter2}/draft", body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await v1.PostAsJsonAsync($"/api/v1/reports/{s.Reporter2}/submit", body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await v2.PutAsJsonAsync($"/api/v1/reports/{s.Reporter1}/draft", body)).StatusCode);
        Assert.Equal("二村的打算", (await ReportTestKit.ReportAsync(f, s.Reporter2))!.Text.Section("plans"));
        Assert.Null(await ReportTestKit.ReportAsync(f, s.Reporter1));

        // A response aimed at another reporter's item through one's own report is ignored.
        var saved = await Ok(await v1.PutAsJsonAsync($"/api/v1/reports/{s.Reporter1}/draft",
            new { responses = new Dictionary<int, string> { [mine] = "已整改", [theirs] = "越权写入" } }));
        Assert.Equal([mine], saved.GetProperty("rectification").EnumerateArray().Select(r => r.GetProperty("itemId").GetInt32()));
        var text = (await ReportTestKit.ReportAsync(f, s.Reporter1))!.Text;
        Assert.Equal("已整改", text.Response(mine));
        Assert.False(text.RectificationResponses.ContainsKey(theirs));
        Assert.False((await ReportTestKit.ReportAsync(f, s.Reporter2))!.Text.RectificationResponses.ContainsKey(theirs));

        // Village 2's own secretary writes it.
        var own = await Ok(await v2.PutAsJsonAsync($"/api/v1/reports/{s.Reporter2}/draft", new { responses = new Dictionary<int, string> { [theirs] = "二村已整改" } }));
        Assert.Equal("二村已整改", own.GetProperty("rectification")[0].GetProperty("response").GetString());
        Assert.Equal("二村的打算", Section(own, "plans").GetProperty("text").GetString());
    }

    [Fact]
    public async Task The_list_marks_reports_not_approved_by_the_deadline_as_late()
    {
        var due = Domain.Campaigns.CampaignTimeline.From(new(2023, 12, 1), new(2024, 1, 10), new(2024, 1, 25), new(2024, 1, 26), new(2024, 1, 31), new(2024, 2, 10));
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2087, due); // today is 15 January
        await ReportTestKit.DraftAsync(f, s.Reporter1, ReportText.Empty.WithSection("plans", "一是加强学习。"));
        var list = await Ok(await (await f.ApiAsync(D.A.TownStaffUser)).GetAsync($"/api/v1/reports?campaignId={s.CampaignId}"));
        Assert.All(list.GetProperty("items").EnumerateArray(), r => Assert.True(r.GetProperty("isLate").GetBoolean()));
        Assert.Equal("2024-01-10", list.GetProperty("items")[0].GetProperty("deadline").GetString());
        Assert.True((await Ok(await (await f.ApiAsync(D.A.SecretaryUser)).GetAsync($"/api/v1/reports/{s.Reporter1}"))).GetProperty("isLate").GetBoolean());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_report_endpoints()
    {
        var doc = await f.NewClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/reports/{id}/draft", doc);
        Assert.Contains("/api/v1/reports/{id}/versions/{n}", doc);
        Assert.Contains("ReportDraftInput", doc);
    }
}

public sealed class ReportApiTests_Sqlite(SqliteFactory f) : ReportApiTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class ReportApiTests_Postgres(PostgresFactory f) : ReportApiTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
