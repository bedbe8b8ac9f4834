using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Reports;

namespace Shuzhi.Domain.Tests.Reports;

/// <summary>The report's status machine (draft → submitted → returned/approved) and its lateness.</summary>
public class ReportStatusTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateTimeOffset T0 = new(2024, 1, 3, 2, 0, 0, TimeSpan.Zero);

    // 1000 + 540 + 60 = 1600 characters; problems 540/1600 = 33.75 % ≥ 1/3; four figures; three problems with a cause.
    private static ReportText Good => ReportBuilder.Seed003(1000, 540, 60);
    // Problems 500/1600 = 31.25 % < 1/3: a blocking check fails.
    private static ReportText ShortProblems => ReportBuilder.Seed003(1040, 500, 60);

    private static CheckRun Checks(ReportText text) => ReportChecks.Run(ReportOutline.Seed003, ReportRules.Seed003, text, [], []);

    private static Report Submitted(DateTimeOffset at)
    {
        var r = Report.Start(7);
        r.SaveDraft(Good, at.AddHours(-1));
        r.Submit(Good, Checks(Good), at, "v1_secretary");
        return r;
    }

    [Fact]
    public void A_draft_is_saved_and_submitted_as_version_one()
    {
        var r = Report.Start(7);
        Assert.Equal(ReportStatus.Draft, r.Status);
        r.SaveDraft(Good, T0);
        Assert.Equal(T0, r.LastSavedAt);
        Assert.Null(r.SubmittedAt);
        var v = r.Submit(Good, Checks(Good), T0.AddMinutes(5), "v1_secretary");
        Assert.Equal(ReportStatus.Submitted, r.Status);
        Assert.Equal(T0.AddMinutes(5), r.SubmittedAt);
        Assert.Equal(1, v.Number);
        Assert.Equal(7, v.CampaignReporterId);
        Assert.Equal("v1_secretary", v.SubmittedBy);
        Assert.Equal(Good.Section("problems"), v.Text.Section("problems"));
    }

    [Fact]
    public void Submission_is_refused_while_a_blocking_check_fails()
    {
        var r = Report.Start(7);
        var checks = Checks(ShortProblems);
        Assert.False(checks.CanSubmit);
        var e = Assert.Throws<DomainException>(() => r.Submit(ShortProblems, checks, T0, "x"));
        Assert.Equal("Report.ChecksFailed", e.Code);
        Assert.Equal(ReportStatus.Draft, r.Status);
        Assert.Equal(0, r.VersionCount);
    }

    [Fact]
    public void A_submitted_report_cannot_be_edited_or_submitted_again()
    {
        var r = Submitted(T0);
        Assert.Equal("Report.AwaitingReview", Assert.Throws<DomainException>(() => r.SaveDraft(Good, T0)).Code);
        Assert.Equal("Report.AwaitingReview", Assert.Throws<DomainException>(() => r.Submit(Good, Checks(Good), T0, "x")).Code);
    }

    [Fact]
    public void Return_needs_a_reason_then_the_secretary_edits_and_resubmits_as_version_two()
    {
        var r = Submitted(T0);
        Assert.Equal("Report.ReturnReasonRequired", Assert.Throws<DomainException>(() => r.Return("  ")).Code);
        Assert.Equal("Report.ReturnReasonTooLong", Assert.Throws<DomainException>(() => r.Return(new string('改', 1001))).Code);
        r.Return(" 问题查摆不够深入 ");
        Assert.Equal(ReportStatus.Returned, r.Status);
        Assert.Equal("问题查摆不够深入", r.ReturnReason);
        r.SaveDraft(Good, T0.AddDays(1));
        Assert.Equal(ReportStatus.Returned, r.Status); // the reason stays visible while editing
        var v2 = r.Submit(Good, Checks(Good), T0.AddDays(1), "v1_secretary");
        Assert.Equal(2, v2.Number);
        Assert.Null(r.ReturnReason);
        Assert.Equal(ReportStatus.Submitted, r.Status);
    }

    [Fact]
    public void Only_a_submitted_report_is_approved_and_then_it_is_locked()
    {
        var draft = Report.Start(7);
        Assert.Equal("Report.NotSubmitted", Assert.Throws<DomainException>(() => draft.Approve(T0)).Code);
        Assert.Equal("Report.NotSubmitted", Assert.Throws<DomainException>(() => draft.Return("x")).Code);
        var r = Submitted(T0);
        r.Approve(T0.AddHours(3));
        Assert.Equal(ReportStatus.Approved, r.Status);
        Assert.Equal(T0.AddHours(3), r.ApprovedAt);
        Assert.Equal("Report.AlreadyApproved", Assert.Throws<DomainException>(() => r.SaveDraft(Good, T0)).Code);
        Assert.Equal("Report.NotSubmitted", Assert.Throws<DomainException>(() => r.Return("x")).Code);
        Assert.Equal("Report.NotSubmitted", Assert.Throws<DomainException>(() => r.Approve(T0)).Code);
    }

    [Fact]
    public void Lateness_compares_the_approved_submission_in_local_time_with_the_inclusive_deadline()
    {
        var deadline = new DateOnly(2024, 1, 5);
        var today = new DateOnly(2024, 1, 15);
        // 2024-01-05 15:59 UTC = 23:59 on 5 January in Shanghai: on time.
        var onTime = Submitted(new DateTimeOffset(2024, 1, 5, 15, 59, 0, TimeSpan.Zero));
        onTime.Approve(new DateTimeOffset(2024, 1, 9, 0, 0, 0, TimeSpan.Zero)); // approval after the deadline does not matter
        Assert.False(onTime.IsLate(deadline, today, Shanghai));
        // 2024-01-05 16:00 UTC = 00:00 on 6 January in Shanghai: late.
        var late = Submitted(new DateTimeOffset(2024, 1, 5, 16, 0, 0, TimeSpan.Zero));
        late.Approve(new DateTimeOffset(2024, 1, 6, 0, 0, 0, TimeSpan.Zero));
        Assert.True(late.IsLate(deadline, today, Shanghai));
    }

    [Fact]
    public void A_report_not_yet_approved_is_late_only_once_the_deadline_has_passed()
    {
        var deadline = new DateOnly(2024, 1, 5);
        // Submitted in time but returned and not approved: it does not count as submitted.
        var r = Submitted(new DateTimeOffset(2024, 1, 2, 2, 0, 0, TimeSpan.Zero));
        Assert.False(r.IsLate(deadline, new DateOnly(2024, 1, 5), Shanghai));
        Assert.True(r.IsLate(deadline, new DateOnly(2024, 1, 6), Shanghai));
        r.Return("补充数据");
        Assert.True(r.IsLate(deadline, new DateOnly(2024, 1, 15), Shanghai));
        // Resubmitted on 6 January (local) and approved: the final submission is what counts.
        r.Submit(Good, Checks(Good), new DateTimeOffset(2024, 1, 6, 1, 0, 0, TimeSpan.Zero), "x");
        r.Approve(new DateTimeOffset(2024, 1, 6, 2, 0, 0, TimeSpan.Zero));
        Assert.True(r.IsLate(deadline, new DateOnly(2024, 1, 15), Shanghai));
        Assert.False(Report.IsLateWithoutReport(deadline, deadline));
        Assert.True(Report.IsLateWithoutReport(deadline, deadline.AddDays(1)));
    }

    [Fact]
    public void A_track_starts_with_the_seed_003_template_and_copies_its_own()
    {
        var t = Track.Create(1, "层面", 1, DebriefMode.Written, [new(ScoreComponent.DailyReview, 100)], BallotForm.DefaultGrade(), null, false);
        Assert.Same(ReportOutline.Seed003, t.Outline);
        Assert.Same(ReportRules.Seed003, t.Rules);
        t.SetReportTemplate(ReportOutline.Seed004, ReportRules.Seed004);
        var copy = t.CopyTo(2);
        Assert.Same(ReportOutline.Seed004, copy.Outline);
        Assert.Same(ReportRules.Seed004, copy.Rules);
        Assert.Equal("Track.OutlineEmpty", Assert.Throws<DomainException>(() => t.SetReportTemplate(new ReportOutline([]), ReportRules.Seed003)).Code);
        var bad = ReportRules.Seed003 with { Length = new LengthRule(true, RuleSeverity.Blocking, 2000, 1500) };
        Assert.Equal("ReportRules.LengthMinAboveMax", Assert.Throws<DomainException>(() => t.SetReportTemplate(ReportOutline.Seed003, bad)).Code);
    }
}
