using System.Net;
using Microsoft.EntityFrameworkCore;
using Shuzhi.Domain.Meetings;
using Shuzhi.Domain.Rectification;
using Shuzhi.Domain.Scoring;
using Shuzhi.Web.Data;
using Shuzhi.Web.Tests.Infrastructure;
using Shuzhi.Web.Tests.Meetings;
using Shuzhi.Web.Tests.Reports;

namespace Shuzhi.Web.Tests.Rectification;

/// <summary>
/// Rectification (整改落实): problems collected from the meeting, the opinion and staff entry; the plan the secretary
/// writes and files, returned and accepted by the organizer's staff; items tracked with notes and evidence, verified
/// and closed; who may see and do what.
/// </summary>
public abstract class RectificationTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;
    private static readonly DateTimeOffset Jan15 = new(2024, 1, 15, 2, 0, 0, TimeSpan.Zero);

    private static string Plan(int reporterId) => $"/Rectification/Plan/{reporterId}";

    /// <summary>A meeting of county A's town for <paramref name="year"/> with comments on village 1: two marked as problems, one not.</summary>
    private async Task<TallyTestKit.Arranged> MeetingWithCommentsAsync(int year)
    {
        var m = await TallyTestKit.MeetingAsync(f, D.A, year, open: false);
        await f.WithDbAsync(async db =>
        {
            db.MeetingComments.AddRange(
                MeetingComment.Create(m.MeetingId, m.Reporter1, null, "王书记", "理论学习流于形式，学习笔记照抄照搬。", isProblem: true),
                MeetingComment.Create(m.MeetingId, m.Reporter1, null, "王书记", "村集体经济发展有亮点。", isProblem: false),
                MeetingComment.Create(m.MeetingId, m.Reporter1, null, "李部长", "发展党员程序不规范。", isProblem: true),
                MeetingComment.Create(m.MeetingId, m.Reporter2, null, "李部长", "软弱涣散整顿进度慢。", isProblem: true));
            await db.SaveChangesAsync();
        });
        return m;
    }

    private static Dictionary<string, string> Item(int problemId, string deadline = "2024-06-30") => new()
    {
        ["problemId"] = problemId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["measures"] = "每月集中学习一次，书记带头讲党课。", ["responsible"] = "村党支部书记", ["deadline"] = deadline, ["expected"] = "学习制度落实，笔记规范。",
    };

    private Task<List<Problem>> ProblemsAsync(int reporterId) =>
        f.WithDbAsync(async (db, _) => await db.RectProblems.AsNoTracking().Where(p => p.ReporterId == reporterId).OrderBy(p => p.Id).ToListAsync());

    private Task<RectificationPlan?> PlanAsync(int reporterId) =>
        f.WithDbAsync(async (db, _) => await db.RectPlans.AsNoTracking().Include(p => p.Items).SingleOrDefaultAsync(p => p.ReporterId == reporterId));

    [Fact]
    public async Task Problems_come_from_the_meeting_the_opinion_and_staff_each_with_its_link_and_only_once()
    {
        f.Clock.Now = Jan15;
        var m = await MeetingWithCommentsAsync(2061);
        var deliberationId = await f.WithDbAsync(async (db, _) =>
        {
            var d = Deliberation.Start(m.CampaignId);
            d.Lock(new DateOnly(2024, 1, 10), "县委常委会〔2024〕1号",
                [new DecidedGrade(m.Reporter1, Grade.Average, Grade.Average, null, Opinion.Create("成绩明显", "抓党建责任落实不到位", "加强学习")),
                 new DecidedGrade(m.Reporter2, Grade.Good, Grade.Good, null, Opinion.Create("好", "", "继续"))],
                Quota.Default, "人数少", "u", Jan15);
            db.Deliberations.Add(d);
            await db.SaveChangesAsync();
            return d.Id;
        });
        var secretary = await f.PagesAsync(D.A.SecretaryUser);
        var res = await secretary.PostFormAsync(Plan(m.Reporter1) + "?handler=Collect", []);
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);

        var problems = await ProblemsAsync(m.Reporter1);
        Assert.Equal(["理论学习流于形式，学习笔记照抄照搬。", "发展党员程序不规范。", "抓党建责任落实不到位"], problems.Select(p => p.Text).ToList());
        Assert.Equal([ProblemSourceKind.MeetingComment, ProblemSourceKind.MeetingComment, ProblemSourceKind.Opinion], problems.Select(p => p.SourceKind).ToList());
        Assert.Equal(deliberationId, problems[2].SourceRefId);
        Assert.All(problems, p => Assert.Equal(m.CampaignId, p.CampaignId));

        // Again: nothing new.
        await secretary.PostFormAsync(Plan(m.Reporter1) + "?handler=Collect", []);
        Assert.Equal(3, (await ProblemsAsync(m.Reporter1)).Count);

        // Staff (the town, organizer) enter one from another check; the secretary may not.
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(Plan(m.Reporter1) + "?handler=Problem", new() { ["source"] = "巡视巡察反馈", ["text"] = "三会一课记录不全。" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.PostFormAsync(Plan(m.Reporter1) + "?handler=Problem", new() { ["source"] = "年度考核", ["text"] = "自己加的" })).StatusCode);
        var empty = await staff.PostFormAsync(Plan(m.Reporter1) + "?handler=Problem", new() { ["source"] = "巡视巡察反馈", ["text"] = " " });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await empty.HtmlAsync()).QuerySelector("[data-error]")?.TextContent));
        var all = await ProblemsAsync(m.Reporter1);
        Assert.Equal(4, all.Count);
        Assert.Equal("巡视巡察反馈", all[3].Source.Label);

        var page = await secretary.GetHtmlAsync(Plan(m.Reporter1));
        Assert.Equal(["会议点评", "会议点评", "评价意见", "巡视巡察反馈"], page.QuerySelectorAll("[data-problems] tbody tr td:nth-child(3)").Select(td => td.TextContent.Trim()).ToList());
    }

    [Fact]
    public async Task The_secretary_files_the_plan_staff_return_it_with_a_reason_and_accept_the_refiling()
    {
        f.Clock.Now = Jan15;
        var m = await MeetingWithCommentsAsync(2062);
        var secretary = await f.PagesAsync(D.A.SecretaryUser);
        var url = Plan(m.Reporter1);
        await secretary.PostFormAsync(url + "?handler=Collect", []);
        var problems = await ProblemsAsync(m.Reporter1);
        Assert.Equal(2, problems.Count);

        // One item only: filing is refused, saying how many problems lack measures.
        Assert.Equal(HttpStatusCode.Redirect, (await secretary.PostFormAsync(url + "?handler=Item", Item(problems[0].Id))).StatusCode);
        var refused = await secretary.PostFormAsync(url + "?handler=File", []);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("1", (await refused.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        Assert.Equal(PlanState.Draft, (await PlanAsync(m.Reporter1))!.State);

        // A deadline before the plan date is refused with the form's values kept.
        var early = await secretary.PostFormAsync(url + "?handler=Item", Item(problems[1].Id, "2023-12-31"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        var earlyPage = await early.HtmlAsync();
        Assert.Contains("2024年1月15日", earlyPage.QuerySelector($"[data-item-form='{problems[1].Id}'] [data-error]")!.TextContent);
        Assert.Equal("村党支部书记", earlyPage.QuerySelector($"[data-item-form='{problems[1].Id}'] input[name=responsible]")!.GetAttribute("value"));

        Assert.Equal(HttpStatusCode.Redirect, (await secretary.PostFormAsync(url + "?handler=Item", Item(problems[1].Id))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await secretary.PostFormAsync(url + "?handler=File", [])).StatusCode);
        var filed = (await PlanAsync(m.Reporter1))!;
        Assert.Equal(PlanState.Filed, filed.State);
        Assert.Equal(new DateOnly(2024, 1, 15), filed.FirstFiledOn);
        Assert.Equal(new DateOnly(2063, 2, 15), filed.Deadline); // the campaign timeline's deadline (meeting 2063-01-15 + 1 month)
        Assert.False(filed.IsLate);

        // Filed: the secretary can no longer change it; the county's staff (above the organizer) may read but not review.
        var locked = await secretary.PostFormAsync(url + "?handler=Item", Item(problems[1].Id, "2024-07-31"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, locked.StatusCode);
        Assert.Contains("审核期间不能修改", (await locked.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        var county = await f.PagesAsync(D.A.StaffUser);
        await county.GetHtmlAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, (await county.PostFormAsync(url + "?handler=Accept", [])).StatusCode);

        // The organizer's staff return it; a reason is required.
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staff.PostFormAsync(url + "?handler=Return", new() { ["reason"] = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(url + "?handler=Return", new() { ["reason"] = "整改措施不够具体，请细化到月。" })).StatusCode);
        var page = await secretary.GetHtmlAsync(url);
        Assert.Contains("整改措施不够具体，请细化到月。", page.QuerySelector("[data-return-reason]")!.TextContent);

        // Edited and filed again, then accepted: the items are released for tracking.
        Assert.Equal(HttpStatusCode.Redirect, (await secretary.PostFormAsync(url + "?handler=Item", Item(problems[1].Id, "2024-03-31"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await secretary.PostFormAsync(url + "?handler=File", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(url + "?handler=Accept", [])).StatusCode);
        var accepted = (await PlanAsync(m.Reporter1))!;
        Assert.Equal(PlanState.Accepted, accepted.State);
        Assert.All(accepted.Items, i => Assert.True(i.Released));
        Assert.Equal(new DateOnly(2024, 3, 31), accepted.Items.Single(i => i.ProblemId == problems[1].Id).Deadline);

        // The lists export as .xlsx and .docx with the three lists.
        var xlsx = await secretary.GetAsync(url + "?handler=Xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var tables = Shuzhi.Web.Documents.Xlsx.Read(await xlsx.Content.ReadAsStreamAsync());
        Assert.Equal(["问题清单", "责任清单", "整改清单"], tables.Select(t => t.SheetName).ToList());
        Assert.Equal(["1", "理论学习流于形式，学习笔记照抄照搬。", "会议点评"], tables[0].Rows[0].Cells.Take(3).ToList());
        Assert.Equal("2024年3月31日", tables[1].Rows[1].Cells[3]);
        Assert.Equal("未开始", tables[2].Rows[0].Cells[5]);
        var docx = await secretary.GetAsync(url + "?handler=Docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        var text = string.Join("\n", Shuzhi.Web.Documents.Docx.ReadParagraphs(await docx.Content.ReadAsStreamAsync()).Select(p => p.Text));
        Assert.Contains("整改清单", text);
        Assert.Contains("发展党员程序不规范。", text);
    }

    private async Task<(TallyTestKit.Arranged M, RectificationPlan Plan)> AcceptedPlanAsync(int year)
    {
        f.Clock.Now = Jan15;
        var m = await MeetingWithCommentsAsync(year);
        var secretary = await f.PagesAsync(D.A.SecretaryUser);
        var url = Plan(m.Reporter1);
        await secretary.PostFormAsync(url + "?handler=Collect", []);
        var problems = await ProblemsAsync(m.Reporter1);
        await secretary.PostFormAsync(url + "?handler=Item", Item(problems[0].Id, "2024-02-29"));
        await secretary.PostFormAsync(url + "?handler=Item", Item(problems[1].Id, "2024-06-30"));
        Assert.Equal(HttpStatusCode.Redirect, (await secretary.PostFormAsync(url + "?handler=File", [])).StatusCode);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(url + "?handler=Accept", [])).StatusCode);
        return (m, (await PlanAsync(m.Reporter1))!);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string url, int itemId, byte[] bytes, string name)
    {
        var doc = await (await client.GetAsync(url)).HtmlAsync();
        var token = doc.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(itemId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "itemId" },
            { new ByteArrayContent(bytes), "file", name },
        };
        return await client.PostAsync(url + "?handler=Evidence", content);
    }

    [Fact]
    public async Task An_item_goes_from_not_started_to_closed_with_notes_and_evidence_checked_by_content_and_overdue_on_the_clock()
    {
        var (m, plan) = await AcceptedPlanAsync(2063);
        var url = Plan(m.Reporter1);
        var item = plan.Items.OrderBy(i => i.Deadline).First();
        var id = item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var secretary = await f.PagesAsync(D.A.SecretaryUser);
        var staff = await f.PagesAsync(D.A.TownStaffUser);

        // Done before starting is refused; started, a progress note recorded.
        var early = await secretary.PostFormAsync(url + "?handler=Done", new() { ["itemId"] = id });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await secretary.PostFormAsync(url + "?handler=Start", new() { ["itemId"] = id })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await secretary.PostFormAsync(url + "?handler=Note", new() { ["itemId"] = id, ["note"] = "已召开专题学习会2次。" })).StatusCode);

        // Overdue once the clock passes the deadline (2024-02-29): shown to the secretary and to staff.
        f.Clock.Now = new DateTimeOffset(2024, 3, 1, 2, 0, 0, TimeSpan.Zero);
        secretary = await f.PagesAsync(D.A.SecretaryUser); // signed in again: the old session has expired on the clock
        staff = await f.PagesAsync(D.A.TownStaffUser);
        Assert.NotNull((await secretary.GetHtmlAsync(url)).QuerySelector($"[data-track='{item.Id}'] [data-overdue]"));
        var overview = await staff.GetHtmlAsync($"/Rectification?campaignId={m.CampaignId}");
        Assert.Equal("1", overview.QuerySelector($"[data-reporter='{m.Reporter1}'] [data-overdue-count]")!.TextContent.Trim());

        // Evidence is checked by content: a text file named .pdf is refused, a real PDF kept with its hash.
        var fake = await UploadAsync(secretary, url, item.Id, "not a pdf"u8.ToArray(), "学习记录.pdf");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, fake.StatusCode);
        Assert.Contains("PDF", (await fake.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        var pdf = "%PDF-1.4\n%测试\n"u8.ToArray();
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(secretary, url, item.Id, pdf, "学习记录.pdf")).StatusCode);
        var file = await f.WithDbAsync(async (db, _) => await db.EvidenceFiles.AsNoTracking().SingleAsync(x => x.PlanItemId == item.Id));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), file.Sha256);
        Assert.Equal("application/pdf", file.ContentType);
        var download = await staff.GetAsync(url + $"?handler=Evidence&fileId={file.Id}");
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await (await f.PagesAsync(D.B.StaffUser)).GetAsync(url + $"?handler=Evidence&fileId={file.Id}")).StatusCode);

        // Done: waiting for verification, no longer overdue. Staff reject once (reason kept), then close after it is done again.
        Assert.Equal(HttpStatusCode.Redirect, (await secretary.PostFormAsync(url + "?handler=Done", new() { ["itemId"] = id })).StatusCode);
        Assert.Null((await secretary.GetHtmlAsync(url)).QuerySelector($"[data-track='{item.Id}'] [data-overdue]"));
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.PostFormAsync(url + "?handler=Close", new() { ["itemId"] = id })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(url + "?handler=Reject", new() { ["itemId"] = id, ["reason"] = "缺少会议签到表。" })).StatusCode);
        var rejected = (await PlanAsync(m.Reporter1))!.Items.Single(i => i.Id == item.Id);
        Assert.Equal(ItemState.InProgress, rejected.State);
        Assert.Equal("缺少会议签到表。", rejected.RejectReason);
        Assert.Equal(HttpStatusCode.Redirect, (await secretary.PostFormAsync(url + "?handler=Done", new() { ["itemId"] = id })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(url + "?handler=Close", new() { ["itemId"] = id })).StatusCode);
        var closed = (await PlanAsync(m.Reporter1))!.Items.Single(i => i.Id == item.Id);
        Assert.Equal(ItemState.Closed, closed.State);
        Assert.Equal(new DateOnly(2024, 3, 1), closed.ClosedOn);
        Assert.Equal([file.Id], closed.EvidenceFileIds);
        Assert.Equal(["已召开专题学习会2次。", "缺少会议签到表。"], closed.Notes.Select(n => n.Text).ToList());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await secretary.PostFormAsync(url + "?handler=Note", new() { ["itemId"] = id, ["note"] = "再补充" })).StatusCode);

        // A supervision check by staff on the other item; a future date is refused.
        var other = plan.Items.Single(i => i.Id != item.Id).Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var check = new Dictionary<string, string> { ["itemId"] = other, ["checkedOn"] = "2024-03-02", ["checker"] = "组织办 张三", ["finding"] = "尚未开始整改。", ["nextStep"] = "3月底前启动。" };
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staff.PostFormAsync(url + "?handler=Check", check)).StatusCode);
        check["checkedOn"] = "2024-03-01";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(url + "?handler=Check", check)).StatusCode);
        Assert.Contains("3月底前启动。", (await secretary.GetHtmlAsync(url)).QuerySelector("[data-checks]")!.TextContent);
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.PostFormAsync(url + "?handler=Check", check)).StatusCode);
        f.Clock.Now = Jan15;
    }

    [Fact]
    public async Task A_secretary_edits_only_their_own_lists()
    {
        f.Clock.Now = Jan15;
        var m = await MeetingWithCommentsAsync(2064);
        var own = await f.PagesAsync(D.A.SecretaryUser);     // village 1
        await own.GetHtmlAsync(Plan(m.Reporter1));
        // Village 2 of the same campaign and county B: not found, for reading, writing and exporting.
        Assert.Equal(HttpStatusCode.NotFound, (await own.GetAsync(Plan(m.Reporter2))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await own.GetAsync(Plan(m.Reporter2) + "?handler=Xlsx")).StatusCode);
        var other = await f.PagesAsync(D.B.SecretaryUser);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(Plan(m.Reporter1))).StatusCode);
        // Posting to a foreign plan (with a valid token from an own page) is 404 and stores nothing.
        var res = await other.PostFormAsync(Plan(m.Reporter1) + "?handler=Collect", [], formPage: "/Rectification");
        Assert.Equal(HttpStatusCode.NotFound, res.StatusCode);
        Assert.Empty(await ProblemsAsync(m.Reporter1));
        // Staff of the organizer see both; the overview of the secretary lists only the own reporter.
        var list = await own.GetHtmlAsync("/Rectification");
        Assert.NotNull(list.QuerySelector($"[data-reporter='{m.Reporter1}']"));
        Assert.Null(list.QuerySelector($"[data-reporter='{m.Reporter2}']"));
        // The organizer's staff may collect and enter problems, but the items are the secretary's.
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        await staff.PostFormAsync(Plan(m.Reporter1) + "?handler=Collect", []);
        var p = (await ProblemsAsync(m.Reporter1))[0];
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostFormAsync(Plan(m.Reporter1) + "?handler=Item", Item(p.Id))).StatusCode);
        Assert.Null(await PlanAsync(m.Reporter1));
    }

    /// <summary>Village 2's accepted plan with one item (deadline 2024-02-01, not started), arranged through the domain.</summary>
    private Task ArrangeVillage2PlanAsync(TallyTestKit.Arranged m) => f.WithDbAsync(async db =>
    {
        var now = f.Clock.GetUtcNow();
        var problem = Problem.Create(m.CampaignId, m.Reporter2, D.A.Village2.Id, "软弱涣散整顿进度慢。", ProblemSource.Staff("年度考核"), now);
        db.RectProblems.Add(problem);
        await db.SaveChangesAsync();
        var plan = RectificationPlan.Create(m.CampaignId, m.Reporter2, D.A.Village2.Id, new DateOnly(2024, 2, 15), new DateOnly(2024, 1, 15));
        plan.AddItem(problem.Id, "制定整顿方案。", "村党支部", new DateOnly(2024, 2, 1), "摘掉软弱涣散帽子。");
        plan.File([problem.Id], new DateOnly(2024, 1, 15));
        plan.Accept("镇组织委员", now);
        db.RectPlans.Add(plan);
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task The_bulletin_counts_the_items_and_overdue_organizations_stay_on_the_supervision_list_after_accountability()
    {
        var (m, plan) = await AcceptedPlanAsync(2065);
        await ArrangeVillage2PlanAsync(m);
        var url = Plan(m.Reporter1);
        var first = plan.Items.OrderBy(i => i.Deadline).First().Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        f.Clock.Now = new DateTimeOffset(2024, 1, 20, 2, 0, 0, TimeSpan.Zero);
        var secretary = await f.PagesAsync(D.A.SecretaryUser);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        await secretary.PostFormAsync(url + "?handler=Start", new() { ["itemId"] = first });
        await secretary.PostFormAsync(url + "?handler=Note", new() { ["itemId"] = first, ["note"] = "已整改。" });
        await secretary.PostFormAsync(url + "?handler=Done", new() { ["itemId"] = first });
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(url + "?handler=Close", new() { ["itemId"] = first })).StatusCode);
        await f.WithDbAsync(async db =>
        {
            db.RectAccountability.Add(AccountabilityRecord.Create(m.CampaignId, D.A.Village2.Id, "村支书", "整改不力", "诫勉谈话", "城组〔2024〕3号",
                new DateOnly(2024, 2, 20), new DateOnly(2024, 2, 20), new DateOnly(2024, 8, 19), new DateOnly(2024, 3, 5), f.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        });

        f.Clock.Now = new DateTimeOffset(2024, 3, 5, 2, 0, 0, TimeSpan.Zero);
        staff = await f.PagesAsync(D.A.TownStaffUser);
        var bulletin = $"/Rectification/Bulletin/{m.CampaignId}";
        var xlsx = await staff.GetAsync(bulletin + "?handler=Xlsx&from=2024-01-01&to=2024-01-31");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var rows = Shuzhi.Web.Documents.Xlsx.Read(await xlsx.Content.ReadAsStreamAsync())[0].Rows.Select(r => r.Cells.Take(7).ToArray()).ToList();
        Assert.Equal(["甲县一村党支部", "2", "1", "1", "1", "0", "50.00%"], rows[0]);
        Assert.Equal(["甲县二村党支部", "1", "0", "0", "0", "1", "0.00%"], rows[1]);
        Assert.Equal(["合计", "3", "1", "1", "1", "1", "33.33%"], rows[2]);

        // The figures equal the items as stored.
        var stored = await f.WithDbAsync(async (db, _) => await db.RectPlanItems.AsNoTracking()
            .Where(i => db.RectPlans.Any(p => p.Id == i.PlanId && p.CampaignId == m.CampaignId)).ToListAsync());
        var today = new DateOnly(2024, 3, 5);
        Assert.Equal(stored.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), rows[2][1]);
        Assert.Equal(stored.Count(i => i.State is ItemState.Done or ItemState.Closed).ToString(System.Globalization.CultureInfo.InvariantCulture), rows[2][2]);
        Assert.Equal(stored.Count(i => i.IsOverdue(today)).ToString(System.Globalization.CultureInfo.InvariantCulture), rows[2][5]);

        // Another period: nothing closed in it; a subtree of village 2 only.
        var feb = Shuzhi.Web.Documents.Xlsx.Read(await (await staff.GetAsync(bulletin + "?handler=Xlsx&from=2024-02-01&to=2024-02-29")).Content.ReadAsStreamAsync())[0];
        Assert.Equal("0", feb.Rows[2].Cells[4]);
        var v2 = await staff.GetHtmlAsync(bulletin + $"?from=2024-01-01&to=2024-03-05&orgId={D.A.Village2.Id}");
        Assert.Equal(2, v2.QuerySelectorAll("[data-bulletin] tbody tr").Length);
        Assert.Equal("1", v2.QuerySelector("[data-bulletin] tr[data-org=total] td:nth-child(2)")!.TextContent);
        var bad = await staff.GetAsync(bulletin + "?from=2024-03-01&to=2024-01-01");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);

        var docx = await staff.GetAsync(bulletin + "?handler=Docx&from=2024-01-01&to=2024-01-31");
        var text = string.Join("\n", Shuzhi.Web.Documents.Docx.ReadParagraphs(await docx.Content.ReadAsStreamAsync()).Select(p => p.Text));
        Assert.Contains("33.33%", text);
        Assert.Contains("2024年1月1日至2024年1月31日", text);

        // Village 2 is overdue and held accountable: still listed for supervision (第七条).
        var page = await staff.GetHtmlAsync(bulletin);
        var entry = page.QuerySelector($"[data-supervision] tr[data-org='{D.A.Village2.Id}']");
        Assert.NotNull(entry);
        Assert.Equal("1", entry!.QuerySelectorAll("td")[2].TextContent);
        Assert.Null(page.QuerySelector($"[data-supervision] tr[data-org='{D.A.Village1.Id}']"));
        // The secretary does not reach the bulletin.
        secretary = await f.PagesAsync(D.A.SecretaryUser);
        Assert.NotEqual(HttpStatusCode.OK, (await secretary.GetAsync(bulletin)).StatusCode);

        // Carry-over: refused without next year's campaign, then each item with its state becomes an item to answer.
        var refused = await staff.PostFormAsync(bulletin + "?handler=CarryOver", [], formPage: bulletin);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("2066年度", (await refused.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        var next = await Shuzhi.Web.Tests.Campaigns.CampaignTestKit.CampaignAsync(f, D.A.Town.Id, 2066);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(bulletin + "?handler=CarryOver", [], formPage: bulletin)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(bulletin + "?handler=CarryOver", [], formPage: bulletin)).StatusCode); // again: nothing new
        var carried = await f.WithDbAsync(async (db, _) => await db.RectificationItems.AsNoTracking().Where(i => i.CampaignId == next)
            .OrderBy(i => i.OrganizationId).ThenBy(i => i.SortOrder).Select(i => new { i.OrganizationId, i.SortOrder, i.Text, i.Source }).ToListAsync());
        Assert.Equal(3, carried.Count);
        Assert.Equal((D.A.Village1.Id, 1, "理论学习流于形式，学习笔记照抄照搬。", "2065年度述职评议整改事项（已销号）"), (carried[0].OrganizationId, carried[0].SortOrder, carried[0].Text, carried[0].Source));
        Assert.Equal("2065年度述职评议整改事项（未开始）", carried[1].Source);
        Assert.Equal((D.A.Village2.Id, "2065年度述职评议整改事项（未开始，逾期未完成）"), (carried[2].OrganizationId, carried[2].Source));
        f.Clock.Now = Jan15;
    }

    [Fact]
    public async Task Staff_interview_a_reporter_graded_average_whose_commitments_become_problems_and_record_accountability()
    {
        f.Clock.Now = Jan15;
        var m = await MeetingWithCommentsAsync(2067);
        await f.WithDbAsync(async db =>
        {
            var d = Deliberation.Start(m.CampaignId);
            d.Lock(new DateOnly(2024, 1, 10), "党委会〔2024〕2号",
                [new DecidedGrade(m.Reporter1, Grade.Average, Grade.Average, null, Opinion.Empty),
                 new DecidedGrade(m.Reporter2, Grade.Good, Grade.Good, null, Opinion.Empty)], Quota.Default, "人数少", "u", Jan15);
            db.Deliberations.Add(d);
            await db.SaveChangesAsync();
        });
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var url = $"/Rectification/Interviews/{m.CampaignId}";
        var page = await staff.GetHtmlAsync(url);
        Assert.NotNull(page.QuerySelector($"[data-candidate='{m.Reporter1}']"));
        Assert.Null(page.QuerySelector($"[data-candidate='{m.Reporter2}']")); // 好: no interview
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staff.PostFormAsync(url + "?handler=Schedule", new() { ["reporterId"] = m.Reporter2.ToString(), ["scheduledOn"] = "2024-01-20", ["interviewer"] = "镇党委书记" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(url + "?handler=Schedule", new() { ["reporterId"] = m.Reporter1.ToString(), ["scheduledOn"] = "2024-01-14", ["interviewer"] = "镇党委书记" })).StatusCode);
        var interview = await f.WithDbAsync(async (db, _) => await db.RectInterviews.AsNoTracking().SingleAsync(x => x.ReporterId == m.Reporter1));
        Assert.Equal(("一般", "镇党委书记", InterviewState.Scheduled), (interview.Grade, interview.Interviewer, interview.State));
        var hold = new Dictionary<string, string> { ["interviewId"] = interview.Id.ToString(), ["heldOn"] = "2024-01-16", ["notes"] = "指出问题，提出要求。", ["commitments"] = "一个月内补齐学习记录\r\n\r\n规范发展党员程序" };
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staff.PostFormAsync(url + "?handler=Hold", hold)).StatusCode); // in the future
        hold["heldOn"] = "2024-01-14";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(url + "?handler=Hold", hold)).StatusCode);
        var problems = await ProblemsAsync(m.Reporter1);
        Assert.Equal(["一个月内补齐学习记录", "规范发展党员程序"], problems.Where(p => p.SourceKind == ProblemSourceKind.Interview).Select(p => p.Text).ToList());
        Assert.All(problems, p => Assert.Equal(interview.Id, p.SourceRefId));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await f.PagesAsync(D.A.StaffUser)).PostFormAsync(url + "?handler=Schedule", new() { ["reporterId"] = m.Reporter1.ToString(), ["scheduledOn"] = "2024-01-20", ["interviewer"] = "x" }, formPage: "/Rectification")).StatusCode);

        var acc = $"/Rectification/Accountability/{m.CampaignId}";
        var record = new Dictionary<string, string>
        {
            ["organizationId"] = D.A.Village1.Id.ToString(), ["person"] = "甲县书记", ["basis"] = "整改不力", ["decision"] = "诫勉谈话", ["documentNumber"] = "",
            ["decidedOn"] = "2024-01-12", ["effectStart"] = "2024-01-12", ["effectEnd"] = "2024-07-11",
        };
        var missing = await staff.PostFormAsync(acc, record);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        Assert.Equal("整改不力", (await missing.HtmlAsync()).QuerySelector("textarea[name=basis]")!.TextContent);
        record["documentNumber"] = "城组〔2024〕1号";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(acc, record)).StatusCode);
        var xlsx = Shuzhi.Web.Documents.Xlsx.Read(await (await staff.GetAsync(acc + "?handler=Xlsx")).Content.ReadAsStreamAsync())[0];
        Assert.Equal(["甲县一村党支部", "甲县书记", "整改不力", "诫勉谈话", "城组〔2024〕1号", "2024年1月12日", "2024年1月12日至2024年7月11日"], xlsx.Rows.Single().Cells.Take(7).ToList());
    }
}

public sealed class RectificationTests_Sqlite(SqliteFactory f) : RectificationTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class RectificationTests_Postgres(PostgresFactory f) : RectificationTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
