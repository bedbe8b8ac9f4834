using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Results;
using Shuzhi.Domain.Scoring;

namespace Shuzhi.Domain.Tests.Results;

public class UpwardReportTests
{
    private static readonly DateTimeOffset Now = new(2024, 2, 20, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly Deadline = new(2024, 2, 25);

    private static string Code(Action a) => Assert.Throws<DomainException>(a).Code;

    private static UpwardReporter R(string org, bool onSite, int good, int fair, int avg, int poor, Grade? grade) =>
        new("村", org, "书记", onSite, good + fair + avg + poor, good, fair, avg, poor, null, null, null, grade);

    /// <summary>
    /// Two tracks (3 on-site, 1 written), two categories, four reporters graded 好, 较好, 好, 一般; two accepted plans.
    /// </summary>
    private static UpwardFigures Figures(QuotaCheck? quota = null) => new(
        "童家镇党委", 2023, "2023年度述职评议", new DateOnly(2024, 2, 20), new DateOnly(2024, 1, 15), null,
        [new("村", DebriefMode.OnSite, 2), new("社区", DebriefMode.Both, 1), new("机关", DebriefMode.Written, 1)],
        [new("述职评议会", "镇领导班子成员", 10, 8, 1, 8, 1), new("述职评议会", "党员代表", 30, 20, 8, 25, 3)],
        [R("一村", true, 30, 3, 0, 0, Grade.Good), R("二村", true, 20, 10, 3, 0, Grade.FairlyGood), R("社区", true, 25, 8, 0, 0, Grade.Good), R("机关", false, 0, 0, 0, 0, Grade.Average)],
        quota ?? new QuotaCheck(4, 1, 2, 0, false, []), false, new DateOnly(2024, 1, 20),
        [new("二村", "组织生活不规范", "述职评议会点评")],
        new UpwardConsequences(2, 1, 1, 0),
        [new("一村", true, true, false, 3, 2, 1, 0), new("二村", true, true, true, 2, 0, 0, 1), new("社区", false, false, false, 0, 0, 0, 0), new("机关", true, false, false, 0, 0, 0, 0)]);

    [Fact]
    public void The_totals_are_the_sums_of_the_rows()
    {
        var f = Figures();
        Assert.Equal((4, 3, 1), (f.ReporterCount, f.OnSiteCount, f.WrittenCount));
        // Issued 10 + 30; returned (8+1) + (20+8) = 37; valid 8 + 25 = 33; invalid 1 + 3 = 4.
        Assert.Equal((40, 37, 33, 4), (f.Issued, f.Returned, f.Valid, f.Invalid));
        Assert.Equal([(Grade.Good, 2), (Grade.FairlyGood, 1), (Grade.Average, 1), (Grade.Poor, 0)], f.Distribution);
        Assert.Equal((4, 2, 0.5m), (f.Graded, f.BelowGood, f.BelowGoodShare));
        // Plans: 4 required, 3 filed, 2 accepted, 1 late; items 5, done 2, closed 1, overdue 1; completion 2/5.
        Assert.Equal((4, 3, 2, 1), (f.PlansRequired, f.PlansFiled, f.PlansAccepted, f.PlansLate));
        Assert.Equal((5, 2, 1, 1, 0.4m), (f.Items, f.ItemsDone, f.ItemsClosed, f.ItemsOverdue, f.CompletionRate));
    }

    [Fact]
    public void Without_grades_or_items_the_rates_are_empty_not_zero()
    {
        var f = Figures() with { Reporters = [], Plans = [] };
        Assert.Null(f.BelowGoodShare);
        Assert.Null(f.CompletionRate);
    }

    [Fact]
    public void Submitting_needs_every_narrative_part_and_decided_grades_and_freezes_the_figures()
    {
        var r = UpwardReport.Start(7, 3, 2023);
        Assert.Equal("Upward.PartsRequired", Code(() => r.Submit(Figures(), Deadline, new DateOnly(2024, 2, 20), "staff", Now)));
        r.Edit(" 按计划召开述职评议会。 ", "问题分析", "");
        Assert.Equal("按计划召开述职评议会。", r.Conduct);
        Assert.Equal("Upward.PartsRequired", Code(() => r.Submit(Figures(), Deadline, new DateOnly(2024, 2, 20), "staff", Now)));
        r.Edit("开展情况", "问题分析", "下一步");
        Assert.Equal("Upward.GradesNotDecided", Code(() => r.Submit(Figures() with { Quota = null }, Deadline, new DateOnly(2024, 2, 20), "staff", Now)));
        Assert.Equal("Upward.PartTooLong", Code(() => r.Edit(new string('字', UpwardReport.MaxPart + 1), "b", "c")));

        var f = Figures();
        r.Submit(f, Deadline, new DateOnly(2024, 2, 20), "staff", Now);
        Assert.Equal((UpwardState.Submitted, false, "staff"), (r.State, r.SubmittedLate, r.SubmittedBy));
        Assert.Same(f, r.Sent);
        Assert.Equal("Upward.NotEditable", Code(() => r.Edit("a", "b", "c")));
        Assert.Equal("Upward.NotEditable", Code(() => r.Submit(f, Deadline, new DateOnly(2024, 2, 20), "staff", Now)));
    }

    [Fact]
    public void The_upper_unit_acknowledges_or_returns_with_a_reason_and_a_returned_report_is_sent_again()
    {
        var r = UpwardReport.Start(7, 3, 2023);
        Assert.Equal("Upward.NotSubmitted", Code(() => r.Acknowledge("county", Now, null)));
        r.Edit("a", "b", "c");
        r.Submit(Figures(), Deadline, Deadline, "staff", Now);
        Assert.Equal("Upward.ReasonRequired", Code(() => r.Return("county", Now, "  ")));
        Assert.Equal("Upward.ReasonTooLong", Code(() => r.Return("county", Now, new string('字', UpwardReport.MaxReason + 1))));
        r.Return("county", Now, "请补充整改情况");
        Assert.Equal((UpwardState.Returned, "请补充整改情况", false), (r.State, r.ReturnReason, r.IsSent));
        Assert.Equal("Upward.NotSubmitted", Code(() => r.Acknowledge("county", Now, null)));

        r.Edit("a", "b（已补充）", "c");
        r.Submit(Figures(), Deadline, Deadline.AddDays(3), "staff", Now.AddDays(3));
        Assert.Null(r.ReturnReason);
        r.Acknowledge("county", Now.AddDays(4), " 已收悉 ");
        Assert.Equal((UpwardState.Acknowledged, "county"), (r.State, r.AcknowledgedBy));
        Assert.Equal([UpwardState.Submitted, UpwardState.Returned, UpwardState.Submitted, UpwardState.Acknowledged], r.History.Select(e => e.State));
        Assert.Equal([null, "请补充整改情况", null, "已收悉"], r.History.Select(e => e.Comment));
        Assert.Equal("Upward.NotSubmitted", Code(() => r.Return("county", Now, "再改")));
    }

    [Fact]
    public void The_deadline_status_follows_the_first_submission_and_a_returned_report_counts_as_not_sent()
    {
        Assert.Equal(UpwardDeadline.Pending, UpwardReport.Status(null, Deadline, Deadline));
        Assert.Equal(UpwardDeadline.Overdue, UpwardReport.Status(null, Deadline, Deadline.AddDays(1)));

        var onTime = UpwardReport.Start(7, 3, 2023);
        onTime.Edit("a", "b", "c");
        Assert.Equal(UpwardDeadline.Overdue, UpwardReport.Status(onTime, Deadline, Deadline.AddDays(1)));
        onTime.Submit(Figures(), Deadline, Deadline, "staff", Now);
        Assert.Equal(UpwardDeadline.OnTime, UpwardReport.Status(onTime, Deadline, Deadline.AddDays(30)));
        onTime.Return("county", Now, "补充");
        Assert.Equal(UpwardDeadline.Overdue, UpwardReport.Status(onTime, Deadline, Deadline.AddDays(30)));
        Assert.Equal(UpwardDeadline.Pending, UpwardReport.Status(onTime, Deadline, Deadline));

        var late = UpwardReport.Start(8, 3, 2023);
        late.Edit("a", "b", "c");
        late.Submit(Figures(), Deadline, Deadline.AddDays(1), "staff", Now);
        Assert.True(late.SubmittedLate);
        Assert.Equal(UpwardDeadline.Late, UpwardReport.Status(late, Deadline, Deadline.AddDays(1)));
    }
}
