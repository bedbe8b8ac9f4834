using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Reports;
using Shuzhi.Web.Tests.Campaigns;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Reports;

/// <summary>The secretary's editor: outline, topics, live checks, autosave, save, submit blocked by failing checks, scope.</summary>
public abstract class ReportEditTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage res) =>
        JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task The_editor_shows_the_outline_with_guidance_the_topics_and_the_checks()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2041);
        var secretary = await f.PagesAsync(D.A.SecretaryUser);
        var page = await secretary.GetHtmlAsync($"/Reports/Edit/{s.Reporter1}");
        var text = page.Body!.TextContent;
        Assert.Equal(7, page.QuerySelectorAll("textarea[name=texts]").Length);
        Assert.Contains("主要做法和成效", text);
        Assert.Contains("存在问题及原因分析", text);
        Assert.Contains("此部分不少于整个篇幅的1/3", text); // guidance
        Assert.Contains("拼经济搞建设", page.QuerySelector("[data-topics]")!.TextContent);
        Assert.Contains("必答题", page.QuerySelector("[data-topics]")!.TextContent);
        Assert.Equal("fail", page.QuerySelector("#check-list li[data-rule=RequiredSections]")!.GetAttribute("data-state"));
        Assert.Contains("以下部分尚未填写", page.QuerySelector("#check-list")!.TextContent);
        Assert.NotNull(page.QuerySelector("#report-form[data-check-url][data-autosave-url]"));
        Assert.NotNull(page.QuerySelector("script[src^='/js/report-edit.js']"));
    }

    [Fact]
    public async Task Live_checks_answer_in_json_with_chinese_messages()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2042);
        var secretary = await f.PagesAsync(D.A.SecretaryUser);
        var url = $"/Reports/Edit/{s.Reporter1}";
        var bad = await JsonAsync(await secretary.PostPairsAsync($"{url}?handler=Check", ReportTestKit.Fields(ReportTestKit.ShortProblems), url));
        Assert.False(bad.GetProperty("canSubmit").GetBoolean());
        Assert.Equal(1600, bad.GetProperty("total").GetInt32());
        var share = bad.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "ProblemsShare");
        Assert.Equal("fail", share.GetProperty("state").GetString());
        Assert.Contains("问题及原因分析部分占全文的31.2%，应不少于33.3%", share.GetProperty("message").GetString());
        var good = await JsonAsync(await secretary.PostPairsAsync($"{url}?handler=Check", ReportTestKit.Fields(ReportTestKit.Good), url));
        Assert.True(good.GetProperty("canSubmit").GetBoolean());
        Assert.Equal("pass", good.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "ProblemsShare").GetProperty("state").GetString());
        Assert.Equal("advice", good.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "AchievementsShare").GetProperty("state").GetString());
        // Checking saves nothing.
        Assert.Null(await ReportTestKit.ReportAsync(f, s.Reporter1));
        // Without the anti-forgery token the post is refused.
        var noToken = await secretary.PostAsync($"{url}?handler=Check", new FormUrlEncodedContent(ReportTestKit.Fields(ReportTestKit.Good)));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
    }

    [Fact]
    public async Task Autosave_stores_the_draft_and_answers_the_local_time()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2043);
        var secretary = await f.PagesAsync(D.A.SecretaryUser);
        var url = $"/Reports/Edit/{s.Reporter1}";
        var res = await secretary.PostPairsAsync($"{url}?handler=Autosave", ReportTestKit.Fields(ReportTestKit.ShortProblems), url);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("已自动保存 10:00", (await JsonAsync(res)).GetProperty("message").GetString()); // 02:00 UTC in Shanghai
        var r = await ReportTestKit.ReportAsync(f, s.Reporter1);
        Assert.Equal(ReportStatus.Draft, r!.Status);
        Assert.Equal(ReportTestKit.ShortProblems[5], r.Text.Section("problems"));
        var page = await secretary.GetHtmlAsync(url);
        Assert.Equal(ReportTestKit.ShortProblems[5], page.QuerySelectorAll("textarea[name=texts]")[5].TextContent);
        Assert.Contains("已自动保存 10:00", page.QuerySelector("#autosave-status")!.TextContent);
    }

    [Fact]
    public async Task Submit_is_blocked_by_failing_checks_then_goes_through_and_locks_the_report()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2044);
        var secretary = await f.PagesAsync(D.A.SecretaryUser);
        var url = $"/Reports/Edit/{s.Reporter1}";
        var refused = await secretary.PostPairsAsync($"{url}?handler=Submit", ReportTestKit.Fields(ReportTestKit.ShortProblems), url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var doc = await refused.HtmlAsync();
        Assert.Contains("还有1项必须满足的检查未通过", doc.QuerySelector("[data-error]")!.TextContent);
        Assert.Contains("问题及原因分析部分占全文的31.2%，应不少于33.3%", doc.QuerySelector("[data-blocking]")!.TextContent);
        var draft = await ReportTestKit.ReportAsync(f, s.Reporter1);
        Assert.Equal(ReportStatus.Draft, draft!.Status); // the text is kept as a draft
        Assert.Equal(ReportTestKit.ShortProblems[5], draft.Text.Section("problems"));
        Assert.Equal(0, await f.WithDbAsync((db, _) => db.ReportVersions.CountAsync(v => v.CampaignReporterId == s.Reporter1)));

        var ok = await secretary.PostPairsAsync($"{url}?handler=Submit", ReportTestKit.Fields(ReportTestKit.Good), url);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var page = await secretary.GetHtmlAsync(url);
        Assert.Equal("Submitted", page.QuerySelector("[data-status]")!.GetAttribute("data-status"));
        Assert.Contains("报告已提交，等待包片领导审核", page.QuerySelector("[data-message]")!.TextContent);
        Assert.NotNull(page.QuerySelector("[data-locked]"));
        Assert.All(page.QuerySelectorAll("textarea[name=texts]"), t => Assert.True(t.HasAttribute("readonly")));
        var version = await f.WithDbAsync((db, _) => db.ReportVersions.SingleAsync(v => v.CampaignReporterId == s.Reporter1));
        Assert.Equal(1, version.Number);
        Assert.Equal(D.A.SecretaryUser, version.SubmittedBy);

        // Saving while it awaits review is refused with the reason.
        var again = await secretary.PostPairsAsync($"{url}?handler=Save", ReportTestKit.Fields(ReportTestKit.ShortProblems), url);
        Assert.Contains("报告已提交，正在等待包片领导审核", (await again.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        Assert.Equal(ReportTestKit.Good[5], (await ReportTestKit.ReportAsync(f, s.Reporter1))!.Text.Section("problems"));
        var auto = await secretary.PostPairsAsync($"{url}?handler=Autosave", ReportTestKit.Fields(ReportTestKit.ShortProblems), url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, auto.StatusCode);
    }

    [Fact]
    public async Task Save_keeps_the_draft_and_text_is_encoded_on_output()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2045);
        var secretary = await f.PagesAsync(D.A.SecretaryUser);
        var url = $"/Reports/Edit/{s.Reporter1}";
        var texts = ReportTestKit.Good;
        texts[6] = "<script>alert(1)</script>";
        var res = await secretary.PostPairsAsync($"{url}?handler=Save", ReportTestKit.Fields(texts), url);
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var raw = await secretary.GetStringAsync(url);
        Assert.DoesNotContain("<script>alert(1)</script>", raw);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", raw);
        Assert.Equal("<script>alert(1)</script>", (await ReportTestKit.ReportAsync(f, s.Reporter1))!.Text.Section("plans"));
        var tooLong = ReportTestKit.Good;
        tooLong[6] = new string('字', 20001);
        var refused = await secretary.PostPairsAsync($"{url}?handler=Save", ReportTestKit.Fields(tooLong), url);
        Assert.Contains("“下步工作打算”部分不能超过20000字", (await refused.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
    }

    [Fact]
    public async Task Only_the_reporters_secretary_and_the_organizers_staff_write_others_get_403_or_404()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2046);
        var url1 = $"/Reports/Edit/{s.Reporter1}";
        var url2 = $"/Reports/Edit/{s.Reporter2}";
        var secretary = await f.PagesAsync(D.A.SecretaryUser);
        Assert.Equal(HttpStatusCode.NotFound, (await secretary.GetAsync(url2)).StatusCode); // village 2 is not in village 1's scope
        Assert.Equal(HttpStatusCode.NotFound, (await secretary.PostPairsAsync($"{url2}?handler=Autosave", ReportTestKit.Fields(ReportTestKit.Good), url1)).StatusCode);
        var other = await f.PagesAsync(D.B.SecretaryUser);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url1)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Reports/Review/{s.Reporter1}")).StatusCode);
        var viewer = await f.PagesAsync(D.A.ViewerUser); // county viewer: sees the reporter, writes nothing
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync(url1)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/Reports/Review/{s.Reporter1}")).StatusCode);
        var countyStaff = await f.PagesAsync(D.A.StaffUser); // upper unit's staff: not the organizer's own
        Assert.Equal(HttpStatusCode.Forbidden, (await countyStaff.GetAsync(url1)).StatusCode);
        var townStaff = await f.PagesAsync(D.A.TownStaffUser);
        Assert.Equal(HttpStatusCode.OK, (await townStaff.GetAsync(url2)).StatusCode);
        var saved = await townStaff.PostPairsAsync($"{url2}?handler=Autosave", ReportTestKit.Fields(ReportTestKit.Good), url2);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.NotNull(await ReportTestKit.ReportAsync(f, s.Reporter2));
    }

    [Fact]
    public async Task The_list_shows_the_secretarys_own_reporter_and_marks_late_ones()
    {
        // Deadline 10 January 2024: on the fake clock (15 January) a report not yet approved is late.
        var late = await ReportTestKit.TownCampaignAsync(f, D.A, 2047, CampaignTimeline.From(new(2023, 12, 1), new(2024, 1, 10), new(2024, 1, 12), new(2024, 1, 14), new(2024, 1, 31), new(2024, 2, 10)));
        var secretary = await f.PagesAsync(D.A.SecretaryUser);
        var page = await secretary.GetHtmlAsync("/Reports");
        var rows = page.QuerySelectorAll("tr[data-reporter]").Where(r => r.GetAttribute("data-reporter") == late.Reporter1.ToString()).ToList();
        var row = Assert.Single(rows);
        Assert.NotNull(row.QuerySelector("[data-late]"));
        Assert.Contains("2024年1月10日", row.TextContent);
        Assert.Contains("未开始", row.TextContent);
        Assert.Null(page.QuerySelector($"tr[data-reporter='{late.Reporter2}']"));
        Assert.NotNull(row.QuerySelector($"a[href='/Reports/Edit/{late.Reporter1}']"));
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var all = await staff.GetHtmlAsync("/Reports");
        Assert.NotNull(all.QuerySelector($"tr[data-reporter='{late.Reporter2}']"));
        Assert.NotNull(all.QuerySelector($"a[href='/Reports/Edit/{late.Reporter2}']"));
        // The county's viewer lists the reporters but gets no writing link (the page would answer 403).
        var viewer = await (await f.PagesAsync(D.A.ViewerUser)).GetHtmlAsync("/Reports");
        Assert.NotNull(viewer.QuerySelector($"tr[data-reporter='{late.Reporter2}']"));
        Assert.Null(viewer.QuerySelector($"a[href='/Reports/Edit/{late.Reporter2}']"));
        Assert.Null((await (await f.PagesAsync(D.B.SecretaryUser)).GetHtmlAsync("/Reports")).QuerySelector($"tr[data-reporter='{late.Reporter1}']"));
    }
}

public sealed class ReportEditTests_Sqlite(SqliteFactory f) : ReportEditTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class ReportEditTests_Postgres(PostgresFactory f) : ReportEditTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
