using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shuzhi.Web.Features;
using Shuzhi.Domain.Campaigns;
using Shuzhi.Web.Tests.Infrastructure;
using static Shuzhi.Web.Tests.Campaigns.CampaignTestKit;

namespace Shuzhi.Web.Tests.Campaigns;

/// <summary>The campaign pages for the county's staff and viewers. Each test uses its own years (one database per class).</summary>
public abstract class CampaignPageTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    [Fact]
    public async Task Staff_open_every_campaign_page()
    {
        var id = await CampaignAsync(f, D.A.Root.Id, 2030, "甲县2030年度述职评议考核工作方案");
        var client = await f.PagesAsync(D.A.StaffUser);
        foreach (var url in new[]
        {
            "/Campaigns", "/Campaigns?year=2030&stage=Preparation&q=甲县&sort=stage&desc=true&page=1", "/Campaigns/Manage/Create",
            $"/Campaigns/Manage/Edit/{id}", $"/Campaigns/Manage/Topics/{id}", $"/Campaigns/Details/{id}", "/Campaigns/Manage/Approvals",
            "/Campaigns/Overdue", $"/Campaigns/Overdue?campaignId={id}&sort=kind", "/",
        })
        {
            var res = await client.GetAsync(url);
            Assert.True(res.StatusCode == HttpStatusCode.OK, $"{url}: {(int)res.StatusCode}");
        }
        var details = await client.GetHtmlAsync($"/Campaigns/Details/{id}");
        Assert.Equal(8, details.QuerySelectorAll(".stepper li").Length);
        Assert.Equal("筹备", details.QuerySelector(".stepper li.current")!.TextContent);
        Assert.Contains("2030年12月1日", details.Body!.TextContent);   // start, in Chinese
        Assert.Contains("2031年2月15日", details.Body!.TextContent);   // rectification plan: meeting 2031-01-15 + 1 month
        Assert.Contains($"/Campaigns/Tracks/{id}", details.Body!.InnerHtml);
        Assert.Contains("推进到下一阶段", details.Body!.TextContent);
        var list = await client.GetHtmlAsync("/Campaigns?year=2030");
        Assert.Contains("甲县2030年度述职评议考核工作方案", list.Body!.TextContent);
        Assert.Contains("新建方案", list.Body!.TextContent);
        Assert.Contains("述职评议", (await client.GetHtmlAsync("/")).QuerySelector("nav")!.TextContent);
    }

    [Fact]
    public async Task Viewers_read_campaigns_but_cannot_manage_them()
    {
        var id = await CampaignAsync(f, D.A.Root.Id, 2029, "甲县2029年度方案");
        var viewer = await f.PagesAsync(D.A.ViewerUser);
        foreach (var url in new[] { "/Campaigns?year=2029", $"/Campaigns/Details/{id}", "/Campaigns/Overdue" })
            Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync(url)).StatusCode);
        var details = await viewer.GetHtmlAsync($"/Campaigns/Details/{id}");
        Assert.DoesNotContain("推进到下一阶段", details.Body!.TextContent);
        Assert.DoesNotContain("新建方案", (await viewer.GetHtmlAsync("/Campaigns?year=2029")).Body!.TextContent);
        foreach (var url in new[] { "/Campaigns/Manage/Create", $"/Campaigns/Manage/Edit/{id}", $"/Campaigns/Manage/Topics/{id}", "/Campaigns/Manage/Approvals" })
            Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync(url)).StatusCode);
        var advance = await viewer.PostFormAsync($"/Campaigns/Details/{id}?handler=Advance", new(), $"/Campaigns/Details/{id}");
        Assert.Equal(HttpStatusCode.Forbidden, advance.StatusCode);
        var scan = await viewer.PostFormAsync("/Campaigns/Overdue?handler=Scan", new(), "/Campaigns/Overdue");
        Assert.Equal(HttpStatusCode.Forbidden, scan.StatusCode);
        Assert.Equal(CampaignStage.Preparation, (await LoadAsync(f, id)).Stage);
    }

    [Fact]
    public async Task Staff_create_a_campaign_through_the_form_and_a_second_one_for_the_year_is_refused()
    {
        var client = await f.PagesAsync(D.A.StaffUser);
        var res = await client.PostFormAsync("/Campaigns/Manage/Create", CreateForm(D.A.Root.Id, 2031, "甲县2031年度述职评议考核工作方案"));
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var id = int.Parse(res.Headers.Location!.ToString().Split('/').Last());
        var c = await LoadAsync(f, id);
        Assert.Equal((2031, "甲县2031年度述职评议考核工作方案"), (c.Year, c.Title));
        Assert.Equal(new DateOnly(2032, 2, 15), c.Timeline.UpwardReportDeadline);

        var again = await client.PostFormAsync("/Campaigns/Manage/Create", CreateForm(D.A.Root.Id, 2031, "重复方案"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var doc = await again.HtmlAsync();
        Assert.Contains("已有2031年度的述职评议考核工作方案", doc.QuerySelector("[data-valmsg-for=Year]")!.TextContent);

        var t = CampaignTimeline.Default(2033) with { ReportDeadline = new DateOnly(2033, 11, 1) };
        var bad = await (await client.PostFormAsync("/Campaigns/Manage/Create", CreateForm(D.A.Root.Id, 2033, "日期有误", t))).HtmlAsync();
        Assert.Contains("述职报告截止日期不能早于开始日期", bad.QuerySelector("[data-valmsg-for='Timeline.ReportDeadline']")!.TextContent);
        var missing = CreateForm(D.A.Root.Id, 2033, "");
        missing.Remove("OrganizerId");
        var empty = await (await client.PostFormAsync("/Campaigns/Manage/Create", missing)).HtmlAsync();
        Assert.Contains("请选择组织单位", empty.QuerySelector("[data-valmsg-for=OrganizerId]")!.TextContent);
        Assert.Contains("请填写方案标题", empty.QuerySelector("[data-valmsg-for=Title]")!.TextContent);

        // The next year from this one: texts and topics copied, the title taken as typed.
        var copy = await client.PostFormAsync("/Campaigns/Manage/Create", CreateForm(D.A.Root.Id, 2032, "甲县2032年度方案", copy: true));
        Assert.Equal(HttpStatusCode.Redirect, copy.StatusCode);
        var copied = await LoadAsync(f, int.Parse(copy.Headers.Location!.ToString().Split('/').Last()));
        Assert.Equal(id, copied.CopiedFromId);
    }

    [Fact]
    public async Task Staff_edit_the_plan_timeline_and_term_and_errors_show_by_the_field()
    {
        var id = await CampaignAsync(f, D.A.Root.Id, 2034, "甲县2034年度方案");
        var client = await f.PagesAsync(D.A.StaffUser);
        var c = await LoadAsync(f, id);
        var res = await client.PostFormAsync($"/Campaigns/Manage/Edit/{id}", EditForm(c, x =>
        {
            x["Input.Title"] = "甲县2034年度述职评议考核工作方案（修订）";
            x["Input.PlanText"] = "一、指导思想……";
            x["Input.BasisDocuments"] = "《党委（党组）书记抓基层党建工作述职评议考核办法（试行）》";
            x["Timeline.MeetingEndDate"] = "2035-01-16";
            x["Input.TermStartYear"] = "2031";
            x["Input.ShortTenureMonths"] = "6";
        }));
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        c = await LoadAsync(f, id);
        Assert.Equal(("甲县2034年度述职评议考核工作方案（修订）", "一、指导思想……", 2031, 6), (c.Title, c.PlanText, c.TermStartYear, c.ShortTenureMonths));
        Assert.Equal(new DateOnly(2035, 1, 16), c.Timeline.MeetingEndDate);

        var bad = await (await client.PostFormAsync($"/Campaigns/Manage/Edit/{id}", EditForm(c, x => x["Input.TermLength"] = "11"))).HtmlAsync();
        Assert.Contains("届期年限应为1至10年", bad.QuerySelector("[data-valmsg-for='Input.TermLength']")!.TextContent);
        var badTerm = await (await client.PostFormAsync($"/Campaigns/Manage/Edit/{id}", EditForm(c, x => x["Input.TermStartYear"] = "2035"))).HtmlAsync();
        Assert.Contains("本届起始年份应不晚于本年度", badTerm.QuerySelector("[data-valmsg-for='Input.TermStartYear']")!.TextContent);
        var badDate = await (await client.PostFormAsync($"/Campaigns/Manage/Edit/{id}", EditForm(c, x => x["Timeline.MeetingEndDate"] = "2035-01-01"))).HtmlAsync();
        Assert.Contains("会议结束日期不能早于会议开始日期", badDate.QuerySelector("[data-valmsg-for='Timeline.MeetingEndDate']")!.TextContent);
        Assert.Equal(2031, (await LoadAsync(f, id)).TermStartYear);
    }

    [Fact]
    public async Task Staff_add_edit_move_and_delete_focus_contents_and_topics()
    {
        var id = await CampaignAsync(f, D.A.Root.Id, 2035, "甲县2035年度方案");
        var client = await f.PagesAsync(D.A.StaffUser);
        var page = $"/Campaigns/Manage/Topics/{id}";
        var doc = await client.GetHtmlAsync(page);
        Assert.Equal(5, doc.QuerySelectorAll("[data-topics=focus] li[data-topic]").Length);
        Assert.Contains("学习贯彻习近平新时代中国特色社会主义思想", doc.Body!.TextContent);
        Assert.NotNull(doc.QuerySelector("form[data-confirm]"));

        var add = await client.PostFormAsync($"{page}?handler=Add", new() { ["mustAnswer"] = "true", ["title"] = "抓党建促乡村振兴", ["text"] = "", ["keywords"] = "乡村振兴，党建引领" }, page);
        Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        var empty = await (await client.PostFormAsync($"{page}?handler=Add", new() { ["mustAnswer"] = "false", ["title"] = " " }, page)).HtmlAsync();
        Assert.Contains("请填写", empty.QuerySelector("[data-topics=focus]")!.TextContent);

        var topics = await Topics();
        var must = topics.Where(t => t.IsMustAnswer).ToList();
        Assert.Equal(["拼经济搞建设", "防风险保安全", "抓党建促乡村振兴"], must.Select(t => t.Title));
        Assert.Equal("乡村振兴、党建引领", must[2].Keywords);

        await client.PostFormAsync($"{page}?handler=Move", new() { ["topicId"] = must[2].Id.ToString(), ["direction"] = "-1" }, page);
        Assert.Equal(["拼经济搞建设", "抓党建促乡村振兴", "防风险保安全"], (await Topics()).Where(t => t.IsMustAnswer).Select(t => t.Title));

        var focus = topics.Where(t => !t.IsMustAnswer).ToList();
        await client.PostFormAsync($"{page}?handler=Update", new() { ["topicId"] = focus[0].Id.ToString(), ["title"] = "理论学习", ["text"] = "学习情况", ["keywords"] = "学习" }, page);
        await client.PostFormAsync($"{page}?handler=Delete", new() { ["topicId"] = focus[1].Id.ToString() }, page);
        var after = (await Topics()).Where(t => !t.IsMustAnswer).ToList();
        Assert.Equal(4, after.Count);
        Assert.Equal("理论学习", after[0].Title);
        Assert.Equal([1, 2, 3, 4], after.Select(t => t.SortOrder));
        Assert.DoesNotContain(after, t => t.Id == focus[1].Id);

        async Task<List<CampaignTopic>> Topics() => await f.WithDbAsync(async (db, _) =>
            await db.CampaignTopics.AsNoTracking().Where(t => t.CampaignId == id).OrderBy(t => t.SortOrder).ToListAsync());
    }

    [Fact]
    public async Task Staff_move_to_the_meeting_stage_without_approved_reports_only_with_a_reason()
    {
        var id = await CampaignAsync(f, D.A.Root.Id, 2038, "甲县2038年度方案");
        await f.WithDbAsync(async (db, sp) =>
        {
            var cmd = sp.GetRequiredService<CampaignCommands>();
            var c = await db.Campaigns.SingleAsync(x => x.Id == id);
            var track = Track.Create(id, "乡镇党委书记", 1, DebriefMode.OnSite, [new(ScoreComponent.OnSiteBallot, 100)], BallotForm.DefaultGrade(), 8, false);
            db.Tracks.Add(track);
            await db.SaveChangesAsync();
            await cmd.AddReportersAsync(c, track, [D.A.Town.Id], default);
            await cmd.AdvanceAsync(c, null, default);
            return 0;
        });
        var client = await f.PagesAsync(D.A.StaffUser);
        var details = $"/Campaigns/Details/{id}";
        var page = await client.GetHtmlAsync(details);
        Assert.Contains("还有 1 名现场述职人没有经审核通过的述职报告", page.QuerySelector("[data-blocker]")!.TextContent);
        Assert.NotNull(page.QuerySelector("textarea[name=Reason][required]"));

        var refused = await (await client.PostFormAsync($"{details}?handler=Advance", new() { ["Reason"] = " " }, details)).HtmlAsync();
        Assert.Contains("请填写原因", refused.QuerySelector("[data-action-error]")!.TextContent);
        Assert.Equal(CampaignStage.Writing, (await LoadAsync(f, id)).Stage);

        var moved = await client.PostFormAsync($"{details}?handler=Advance", new() { ["Reason"] = "书面材料已齐，报告系统尚未启用" }, details);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(CampaignStage.Evaluation, (await LoadAsync(f, id)).Stage);
        var after = await client.GetHtmlAsync(details);
        Assert.Contains("已推进到“述职评议”阶段", after.Body!.TextContent);
        Assert.Contains("书面材料已齐，报告系统尚未启用", after.QuerySelector("[data-history]")!.TextContent);
    }

    [Theory]
    [InlineData("/Campaigns?handler=Export&year=2036", 2036)]
    [InlineData("/Campaigns/Overdue?handler=Export", 2037)]
    public async Task Lists_download_as_xlsx(string url, int year)
    {
        await CampaignAsync(f, D.A.Root.Id, year, $"甲县{year}导出方案");
        var client = await f.PagesAsync(D.A.StaffUser);
        var res = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal(Web.Documents.Xlsx.ContentType, res.Content.Headers.ContentType!.MediaType);
        var tables = Web.Documents.Xlsx.Read(await res.Content.ReadAsStreamAsync());
        Assert.NotEmpty(tables);
        if (url.StartsWith("/Campaigns?")) Assert.Contains(tables[0].Rows, r => r.Cells.Contains("筹备"));
    }

    [Fact]
    public async Task The_overdue_page_lists_steps_past_their_deadline_on_the_fake_clock_and_staff_run_the_check()
    {
        // 2024-01-15 on the fake clock: the 2021 campaign's upward report (2022-01-31 + 15 days) is overdue.
        var id = await CampaignAsync(f, D.A.Root.Id, 2021, "甲县2021年度方案");
        var client = await f.PagesAsync(D.A.StaffUser);
        var scan = await client.PostFormAsync($"/Campaigns/Overdue?handler=Scan&campaignId={id}", new(), "/Campaigns/Overdue");
        Assert.Equal(HttpStatusCode.Redirect, scan.StatusCode);
        var doc = await client.GetHtmlAsync($"/Campaigns/Overdue?campaignId={id}");
        Assert.Contains("检查完成", doc.Body!.TextContent);
        var row = doc.QuerySelector("tr[data-kind=UpwardReportNotSent]");
        Assert.NotNull(row);
        Assert.Contains("述职评议考核情况未上报", row!.TextContent);
        Assert.Contains("2022年2月15日", row.TextContent);
        Assert.Contains("2024年1月15日", row.TextContent);
        Assert.Contains("甲县2021年度方案", row.TextContent);

        // The organizer's staff are told on their home page and mark it read.
        var home = await client.GetHtmlAsync("/");
        var note = home.QuerySelectorAll("[data-notification]").FirstOrDefault(n => n.TextContent.Contains("甲县2021年度方案"));
        Assert.NotNull(note);
        Assert.Contains("甲县2021年度方案", home.QuerySelector("[data-my-overdue]")!.TextContent);
        var noteId = note!.GetAttribute("data-notification")!;
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/?handler=Read", new() { ["notificationId"] = noteId }, "/")).StatusCode);
        Assert.Null((await client.GetHtmlAsync("/")).QuerySelector($"[data-notification='{noteId}']"));

        // County B sees nothing of it.
        var other = await f.PagesAsync(D.B.StaffUser);
        Assert.DoesNotContain("甲县2021年度方案", (await other.GetHtmlAsync("/Campaigns/Overdue")).Body!.TextContent);
    }
}

public sealed class CampaignPageTests_Sqlite(SqliteFactory f) : CampaignPageTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class CampaignPageTests_Postgres(PostgresFactory f) : CampaignPageTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
