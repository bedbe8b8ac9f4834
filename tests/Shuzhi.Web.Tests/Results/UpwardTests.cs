using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Meetings;
using Shuzhi.Domain.Rectification;
using Shuzhi.Domain.Results;
using Shuzhi.Domain.Scoring;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Features;
using Shuzhi.Web.Tests.Infrastructure;
using Shuzhi.Web.Tests.Meetings;

namespace Shuzhi.Web.Tests.Results;

/// <summary>
/// 上报 (seed 001 第八条, seed 002 四): the town of county A reports its campaign to the county. The figures of the report are
/// those counted from the records (generated ballots, a locked decision, a release, a plan); the town's staff write and
/// send it, the county's staff acknowledge or return it, nobody outside county A sees it, and the deadline is tracked by
/// the overdue scan and the list.
/// </summary>
public abstract class UpwardTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;
    private static readonly DateTimeOffset Jan15 = new(2024, 1, 15, 2, 0, 0, TimeSpan.Zero);
    private static readonly string[] GradeNames = ["好", "较好", "一般", "差"];

    private static string Url(int campaignId) => $"/Campaigns/Upward/{campaignId}";

    private static Dictionary<string, string> Parts(string conduct = "按方案召开述职评议会，逐一点评。", string problems = "个别书记查摆问题不深。", string next = "抓好整改落实。") =>
        new() { ["Conduct"] = conduct, ["ProblemAnalysis"] = problems, ["NextSteps"] = next };

    /// <summary>
    /// A closed meeting of the town's two villages with <paramref name="ballots"/> generated phone ballots (some leave village 2
    /// blank, which the rules count invalid), issued 30 + 20, a problem comment, the decision locked (一村 好, 二村 一般),
    /// released, and village 2's accepted plan with one item due 2024-02-01.
    /// </summary>
    private async Task<TallyTestKit.Arranged> CampaignAsync(int year, int ballots)
    {
        f.Clock.Now = Jan15;
        var m = await TallyTestKit.MeetingAsync(f, D.A, year);
        await f.WithDbAsync(async db =>
        {
            var cats = await db.VoterCategories.Where(c => c.Id == m.Cat1 || c.Id == m.Cat2).ToListAsync();
            foreach (var c in cats) c.SetIssued(c.Id == m.Cat1 ? 30 : 20);
            await db.SaveChangesAsync();
        });
        // Phone ballots grade both villages (or only village 1: half marked, still valid); paper ballots are left blank
        // now and then, which the rules count invalid.
        var rng = new Random(year);
        var generated = Enumerable.Range(0, ballots).Select(_ =>
        {
            var cat = rng.Next(2) == 0 ? m.Cat1 : m.Cat2;
            var paper = rng.Next(3) == 0;
            Mark[] marks = paper && rng.Next(2) == 0 ? []
                : rng.Next(8) == 0 ? [new(m.Reporter1, GradeNames[rng.Next(4)])]
                : [new(m.Reporter1, GradeNames[rng.Next(4)]), new(m.Reporter2, GradeNames[rng.Next(4)])];
            return (cat, paper, marks);
        }).ToList();
        await f.WithDbAsync(async (db, sp) =>
        {
            var meeting = await db.Meetings.SingleAsync(x => x.Id == m.MeetingId);
            var forms = (await sp.GetRequiredService<MeetingCommands>().SpeakersAsync(meeting, default)).Select(x => x.ReporterForm).ToList();
            foreach (var (cat, paper, marks) in generated)
                db.MeetingBallots.Add(paper ? MeetingBallot.FromPaper(m.MeetingId, cat, forms, marks, meeting.Rules) : MeetingBallot.FromPhone(m.MeetingId, cat, forms, marks, meeting.Rules));
            await db.SaveChangesAsync();
            return 0;
        });
        await TallyTestKit.CloseAsync(f, m.MeetingId);
        await f.WithDbAsync(async db =>
        {
            db.MeetingComments.Add(MeetingComment.Create(m.MeetingId, m.Reporter2, null, "李部长", "软弱涣散整顿进度慢。", isProblem: true));
            var d = Deliberation.Start(m.CampaignId);
            var opinion = new Opinion("成绩", "问题", "方向");
            d.Lock(new DateOnly(2024, 1, 12), "镇党委会议纪要〔2024〕1号",
                [new(m.Reporter1, Grade.Good, Grade.Good, null, opinion), new(m.Reporter2, Grade.Average, Grade.Average, null, opinion)], Quota.Default, null, "test", Jan15);
            db.Deliberations.Add(d);
            await db.SaveChangesAsync();
        });
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"/Results/{m.CampaignId}?handler=Release", [], $"/Results/{m.CampaignId}")).StatusCode);
        await f.WithDbAsync(async db =>
        {
            var problem = Problem.Create(m.CampaignId, m.Reporter2, D.A.Village2.Id, "软弱涣散整顿进度慢。", ProblemSource.Staff("述职评议会"), Jan15);
            db.RectProblems.Add(problem);
            await db.SaveChangesAsync();
            var plan = RectificationPlan.Create(m.CampaignId, m.Reporter2, D.A.Village2.Id, new DateOnly(2024, 2, 15), new DateOnly(2024, 1, 15));
            plan.AddItem(problem.Id, "制定整顿方案。", "村党支部", new DateOnly(2024, 2, 1), "摘掉软弱涣散帽子。");
            plan.File([problem.Id], new DateOnly(2024, 1, 15));
            plan.Accept("镇组织委员", Jan15);
            db.RectPlans.Add(plan);
            await db.SaveChangesAsync();
        });
        return m;
    }

    private Task<UpwardFigures> CompileAsync(int campaignId) => f.WithDbAsync(async (db, sp) =>
    {
        var c = await db.Campaigns.SingleAsync(x => x.Id == campaignId);
        return await sp.GetRequiredService<UpwardCommands>().CompileAsync(TallyTestKit.Admin, c, default);
    });

    [Fact]
    public async Task The_figures_equal_those_counted_from_the_ballots_grades_consequences_and_plans()
    {
        var m = await CampaignAsync(2081, ballots: 45);
        f.Clock.Now = new DateTimeOffset(2024, 2, 10, 2, 0, 0, TimeSpan.Zero); // the plan's item (due 2024-02-01) is overdue
        var figures = await CompileAsync(m.CampaignId);

        // Counted here from the stored rows, independently of the report's queries.
        var (ballots, consequences, problems) = await f.WithDbAsync(async (db, _) => (
            await db.MeetingBallots.AsNoTracking().Where(b => b.MeetingId == m.MeetingId).ToListAsync(),
            await db.ConsequenceRecords.AsNoTracking().Where(c => c.CampaignId == m.CampaignId && c.WithdrawnAt == null).ToListAsync(),
            await db.RectProblems.AsNoTracking().CountAsync(p => p.CampaignId == m.CampaignId)));
        Assert.Equal(45, ballots.Count);
        Assert.Equal((2, 2, 0), (figures.ReporterCount, figures.OnSiteCount, figures.WrittenCount));
        Assert.Equal((50, ballots.Count, ballots.Count(b => b.IsValid), ballots.Count(b => !b.IsValid)), (figures.Issued, figures.Returned, figures.Valid, figures.Invalid));
        Assert.True(figures.Invalid > 0, "some generated paper ballots are blank");
        Assert.Equal((ballots.Count(b => b.Source == BallotSource.Phone), ballots.Count(b => b.Source == BallotSource.Paper)), (figures.Ballots.Sum(b => b.Phone), figures.Ballots.Sum(b => b.Paper)));
        foreach (var (cat, issued) in new[] { (m.Cat1, 30), (m.Cat2, 20) })
        {
            var row = Assert.Single(figures.Ballots, b => b.Issued == issued);
            Assert.Equal((ballots.Count(b => b.CategoryId == cat), ballots.Count(b => b.CategoryId == cat && b.IsValid)), (row.Returned, row.Valid));
        }
        foreach (var (reporter, row) in new[] { (m.Reporter1, figures.Reporters[0]), (m.Reporter2, figures.Reporters[1]) })
        {
            var marks = ballots.Where(b => b.IsValid).SelectMany(b => b.Marks).Where(x => x.ReporterId == reporter).ToList();
            Assert.Equal(marks.Count, row.Marks);
            Assert.Equal(GradeNames.Select(g => marks.Count(x => x.Grade == g)), [row.Good, row.FairlyGood, row.Average, row.Poor]);
            Assert.Equal(Math.Round((decimal)row.Good / row.Marks, 4), Math.Round(row.GoodRate!.Value, 4));
        }
        Assert.Equal([Grade.Good, Grade.Average], figures.Reporters.Select(r => r.Grade!.Value));
        Assert.Equal([(Grade.Good, 1), (Grade.FairlyGood, 0), (Grade.Average, 1), (Grade.Poor, 0)], figures.Distribution);
        Assert.Equal(0.5m, figures.BelowGoodShare);
        Assert.True(figures.Quota!.Holds);
        Assert.Equal(problems, figures.Problems.Count);
        Assert.Equal((consequences.Count(c => c.NoExcellent), consequences.Count(c => c.ReminderInterview)), (figures.Consequences.NoExcellent, figures.Consequences.ReminderInterviews));
        Assert.Equal((1, 1), (figures.Consequences.NoExcellent, figures.Consequences.ReminderInterviews));
        Assert.Equal((2, 1, 1, 0), (figures.PlansRequired, figures.PlansFiled, figures.PlansAccepted, figures.PlansLate));
        Assert.Equal((1, 0, 1), (figures.Items, figures.ItemsDone, figures.ItemsOverdue));

        // The appendix carries the same numbers; the document the compiled sentences.
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var xlsx = await staff.GetAsync(Url(m.CampaignId) + "?handler=Xlsx");
        Assert.Equal(Xlsx.ContentType, xlsx.Content.Headers.ContentType!.MediaType);
        var sheets = Xlsx.Read(await xlsx.Content.ReadAsStreamAsync());
        var summary = sheets[0].Rows.ToDictionary(r => r.Cells[0], r => r.Cells[1]);
        Assert.Equal(figures.Issued.ToString(), summary["发出票数"]);
        Assert.Equal(figures.Valid.ToString(), summary["有效票数"]);
        Assert.Equal("50%", summary["“较好”及以下等次占比"]);
        Assert.Equal(2, sheets.Single(s => s.SheetName == "述职对象测评结果").Rows.Count);
        var docx = await staff.GetAsync(Url(m.CampaignId) + "?handler=Docx");
        Assert.Equal(Docx.ContentType, docx.Content.Headers.ContentType!.MediaType);
        var text = string.Join("\n", Docx.ReadParagraphs(await docx.Content.ReadAsStreamAsync()).Select(p => p.Text));
        Assert.Contains($"民主评议共发出测评票50张，收回{figures.Returned}张", text);
        Assert.Contains("符合“较好”及以下等次比例要求", text);
        Assert.True(await f.WithDbAsync((db, _) => db.AuditEntries.IgnoreQueryFilters().AnyAsync(a => a.Action == "export" && a.EntityType == nameof(UpwardReport))));
    }

    [Fact]
    public async Task The_town_sends_the_county_returns_and_acknowledges_and_nobody_outside_county_A_sees_it()
    {
        var m = await CampaignAsync(2082, ballots: 6);
        var url = Url(m.CampaignId);
        var town = await f.PagesAsync(D.A.TownStaffUser);
        var county = await f.PagesAsync(D.A.StaffUser);
        var viewer = await f.PagesAsync(D.A.ViewerUser);

        // Outside county A, or below the organizer: nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await (await f.PagesAsync(D.B.StaffUser)).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await f.PagesAsync(D.B.ViewerUser)).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await f.PagesAsync(D.A.SecretaryUser)).GetAsync(url)).StatusCode);
        Assert.DoesNotContain($"data-campaign=\"{m.CampaignId}\"", await (await (await f.PagesAsync(D.B.StaffUser)).GetAsync("/Upward")).Content.ReadAsStringAsync());

        // Before sending, the county sees only that nothing was sent.
        var before = await county.GetHtmlAsync(url);
        Assert.NotNull(before.QuerySelector("[data-not-sent]"));
        Assert.Null(before.QuerySelector("[data-upward-form]"));

        // Every part is required to send; the typed text is kept on the refusal.
        var refused = await town.PostFormAsync(url + "?handler=Submit", Parts(next: ""), url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = await refused.HtmlAsync();
        Assert.Contains("三部分", page.QuerySelector("[data-error]")!.TextContent);
        Assert.Equal("按方案召开述职评议会，逐一点评。", page.QuerySelector("textarea[name=Conduct]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await town.PostFormAsync(url + "?handler=Save", Parts(next: ""), url)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await town.PostFormAsync(url + "?handler=Submit", Parts(), url)).StatusCode);
        var report = await f.WithDbAsync((db, _) => db.UpwardReports.AsNoTracking().SingleAsync(r => r.CampaignId == m.CampaignId));
        Assert.Equal((UpwardState.Submitted, false, 6), (report.State, report.SubmittedLate, report.Sent!.Returned));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await town.PostFormAsync(url + "?handler=Save", Parts(), url)).StatusCode);
        Assert.True(await f.WithDbAsync((db, _) => db.Notifications.AnyAsync(n => n.Key.StartsWith("upward:") && db.Users.Any(u => u.Id == n.UserId && u.UserName == D.A.StaffUser))));

        // The organizer cannot acknowledge its own report; a viewer above reads but does not act.
        Assert.Equal(HttpStatusCode.Forbidden, (await town.PostFormAsync(url + "?handler=Acknowledge", [], url)).StatusCode);
        var read = await viewer.GetHtmlAsync(url);
        Assert.Contains("按方案召开述职评议会", read.QuerySelector("[data-narrative]")!.TextContent);
        Assert.Null(read.QuerySelector("[data-review-form]"));
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostFormAsync(url + "?handler=Acknowledge", [], url)).StatusCode);

        // The county returns it with a reason (required), the town sees why, edits and sends again; the county acknowledges.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await county.PostFormAsync(url + "?handler=Return", new() { ["Comment"] = " " }, url)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await county.PostFormAsync(url + "?handler=Return", new() { ["Comment"] = "请补充整改落实情况。" }, url)).StatusCode);
        Assert.Contains("请补充整改落实情况。", (await town.GetHtmlAsync(url)).QuerySelector("[data-return-reason]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await town.PostFormAsync(url + "?handler=Submit", Parts(problems: "个别书记查摆问题不深，整改措施不具体。"), url)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await county.PostFormAsync(url + "?handler=Acknowledge", new() { ["Comment"] = "已收悉。" }, url)).StatusCode);
        report = await f.WithDbAsync((db, _) => db.UpwardReports.AsNoTracking().SingleAsync(r => r.CampaignId == m.CampaignId));
        Assert.Equal(UpwardState.Acknowledged, report.State);
        Assert.Equal([UpwardState.Submitted, UpwardState.Returned, UpwardState.Submitted, UpwardState.Acknowledged], report.History.Select(e => e.State));
        Assert.NotNull((await town.GetHtmlAsync(url)).QuerySelector("[data-acknowledged]"));
    }

    [Fact]
    public async Task The_deadline_is_tracked_by_the_overdue_scan_and_the_list_and_a_late_report_is_marked_late()
    {
        var m = await CampaignAsync(2083, ballots: 4);
        var deadline = (await Shuzhi.Web.Tests.Campaigns.CampaignTestKit.LoadAsync(f, m.CampaignId)).Timeline.UpwardReportDeadline;
        Assert.Equal(CampaignTimeline.DefaultUpwardReportDeadline(CampaignTimeline.Default(2083).AssessmentEnd), deadline);
        var url = Url(m.CampaignId);
        // Signed in again after each move of the clock (a sign-in lasts hours, the clock moves by days).
        Task<HttpClient> Town() => f.PagesAsync(D.A.TownStaffUser);
        Task<HttpClient> County() => f.PagesAsync(D.A.StaffUser);

        Task<(int Opened, int Resolved)> ScanAsync() => f.WithDbAsync((_, sp) => sp.GetRequiredService<OverdueScanner>().RunAsync(default));
        Task<bool> OpenItemAsync() => f.WithDbAsync((db, _) => db.OverdueItems.IgnoreQueryFilters()
            .AnyAsync(o => o.CampaignId == m.CampaignId && o.Kind == OverdueKind.UpwardReportNotSent && o.ResolvedOn == null));
        async Task<string?> ListedStatusAsync(string? status = null) =>
            (await (await County()).GetHtmlAsync($"/Upward?year=2083{(status is null ? "" : "&status=" + status)}")).QuerySelector($"tr[data-campaign='{m.CampaignId}']")?.GetAttribute("data-status");

        // On the deadline: pending, nothing overdue.
        f.Clock.Now = new DateTimeOffset(deadline.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero);
        await ScanAsync();
        Assert.False(await OpenItemAsync());
        Assert.Equal("Pending", await ListedStatusAsync());

        // The day after: overdue for the town, in the scan and in the list (also when filtered by it).
        f.Clock.Now = f.Clock.Now.AddDays(1);
        await ScanAsync();
        Assert.True(await OpenItemAsync());
        Assert.Equal("Overdue", await ListedStatusAsync("Overdue"));
        Assert.Null(await ListedStatusAsync("Pending"));
        Assert.Equal("Overdue", (await (await Town()).GetHtmlAsync(url)).QuerySelector("[data-status]")!.GetAttribute("data-status"));

        // Sent late: the item is resolved by the next scan and the report is marked late.
        Assert.Equal(HttpStatusCode.Redirect, (await (await Town()).PostFormAsync(url + "?handler=Submit", Parts(), url)).StatusCode);
        await ScanAsync();
        Assert.False(await OpenItemAsync());
        Assert.Equal("Late", await ListedStatusAsync());
        Assert.True((await f.WithDbAsync((db, _) => db.UpwardReports.AsNoTracking().SingleAsync(r => r.CampaignId == m.CampaignId))).SubmittedLate);

        // The list downloads as .xlsx with the same status.
        var table = Xlsx.Read(await (await (await County()).GetAsync("/Upward?year=2083&handler=Export")).Content.ReadAsStreamAsync())[0];
        Assert.Contains(table.Rows, r => r.Cells[2].Contains("2083") && r.Cells[5] == "逾期报送");
        f.Clock.Now = Jan15;
    }
}

public sealed class UpwardTests_Sqlite(SqliteFactory f) : UpwardTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class UpwardTests_Postgres(PostgresFactory f) : UpwardTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
