using Shuzhi.Domain.Scoring;

namespace Shuzhi.Domain.Tests.Scoring;

public class QuotaAndDeliberationTests
{
    private static readonly DateTimeOffset Now = new(2024, 1, 15, 9, 0, 0, TimeSpan.FromHours(8));

    private static string Code(Action a) => Assert.Throws<DomainException>(a).Code;

    /// <summary>n reporters ranked 1..n; the last <paramref name="below"/> graded 较好, the rest 好.</summary>
    private static List<GradedReporter> Graded(int n, int below) =>
        Enumerable.Range(1, n).Select(i => new GradedReporter(i, i > n - below ? Grade.FairlyGood : Grade.Good, i)).ToList();

    [Theory]
    [InlineData(6, 1)]   // 0.15 × 6 = 0.90 → ⌈0.90⌉ = 1
    [InlineData(7, 2)]   // 0.15 × 7 = 1.05 → 2
    [InlineData(20, 3)]  // 0.15 × 20 = 3.00 exactly → 3
    [InlineData(21, 4)]  // 0.15 × 21 = 3.15 → 4 (seed 003: 21 reporters)
    [InlineData(0, 0)]
    public void Required_below_good_is_the_ceiling_of_15_percent(int n, int required)
    {
        Assert.Equal(required, Quota.Default.RequiredBelowGood(n));
        // Exactly the required number holds; one fewer does not and needs one more.
        if (required > 0)
        {
            Assert.True(Quota.Default.Check(Graded(n, required)).Holds);
            var short1 = Quota.Default.Check(Graded(n, required - 1));
            Assert.False(short1.Holds);
            Assert.Equal(1, short1.MoreNeeded);
        }
    }

    [Fact]
    public void Check_names_the_lowest_ranked_good_as_candidates()
    {
        // n = 21, 19 好 (ranks 1–19), 2 较好: required 4, below 2 → 2 more; candidates ranks 19 and 18.
        var c = Quota.Default.Check(Graded(21, 2));
        Assert.Equal(4, c.Required);
        Assert.Equal(2, c.BelowGood);
        Assert.Equal(2, c.MoreNeeded);
        Assert.Equal([19, 18], c.Candidates);

        // n = 7, 6 好 with ranks 1,2,3,4,5,5 and one 较好 rank 7: 1 more needed; the two tied at rank 5 are both candidates.
        var tied = Enumerable.Range(1, 6).Select(i => new GradedReporter(i, Grade.Good, Math.Min(i, 5))).Append(new GradedReporter(7, Grade.FairlyGood, 7)).ToList();
        var t = Quota.Default.Check(tied);
        Assert.Equal(1, t.MoreNeeded);
        Assert.Equal([5, 6], t.Candidates);

        // When it holds, the lowest-ranked 好 is still named: n = 6, ranks 1–5 好, rank 6 差.
        var holds = Quota.Default.Check(Graded(6, 0).Select(g => g.ReporterId == 6 ? g with { Grade = Grade.Poor } : g).ToList());
        Assert.True(holds.Holds);
        Assert.Equal([5], holds.Candidates);
    }

    [Fact]
    public void Optionally_at_least_one_average_or_poor()
    {
        var rule = new Quota(0.15m, RequireAverageOrPoor: true);
        var twenty = Graded(20, 3); // 3 较好: 15 % holds
        Assert.True(Quota.Default.Check(twenty).Holds);
        var c = rule.Check(twenty);
        Assert.False(c.Holds);
        Assert.True(c.AverageOrPoorMissing);
        Assert.Equal(0, c.MoreNeeded);
        twenty[19] = twenty[19] with { Grade = Grade.Average };
        Assert.True(rule.Check(twenty).Holds);
        Assert.Equal("Scoring.QuotaShareOutOfRange", Code(() => new Quota(1.5m).RequiredBelowGood(10)));
    }

    private static DecidedGrade D(int id, Grade proposed, Grade final, string? reason = null) => new(id, proposed, final, reason, Opinion.Empty);

    [Fact]
    public void Lock_needs_reasons_for_changed_grades_and_an_unmet_quota()
    {
        var d = Deliberation.Start(1);
        // 7 reporters: 好 ×5, 较好 ×2 → below 2 ≥ ⌈1.05⌉ = 2: holds.
        List<DecidedGrade> grades = [.. Enumerable.Range(1, 5).Select(i => D(i, Grade.Good, Grade.Good)), D(6, Grade.FairlyGood, Grade.FairlyGood), D(7, Grade.Good, Grade.FairlyGood)];
        var date = new DateOnly(2024, 1, 10);
        Assert.Equal("Scoring.GradeChangeNeedsReason", Code(() => d.Lock(date, "党委会2024年第1次会议纪要", grades, Quota.Default, null, "staff", Now)));
        grades[6] = grades[6] with { Reason = "实地考核发现台账问题较多" };
        Assert.Equal("Scoring.MinuteReferenceRequired", Code(() => d.Lock(date, " ", grades, Quota.Default, null, "staff", Now)));
        Assert.Equal("Scoring.MeetingDateInFuture", Code(() => d.Lock(new DateOnly(2024, 2, 1), "纪要", grades, Quota.Default, null, "staff", Now)));

        // Grade 7 back to 好: below 1 < 2 → the quota fails and needs a reason.
        var unmet = grades.Take(6).Append(D(7, Grade.Good, Grade.Good)).ToList();
        Assert.Equal("Scoring.QuotaNeedsReason", Code(() => d.Lock(date, "纪要", unmet, Quota.Default, null, "staff", Now)));

        d.Lock(date, "党委会2024年第1次会议纪要", grades, Quota.Default, null, "staff", Now);
        Assert.True(d.IsLocked);
        Assert.True(d.QuotaAtLock!.Holds);
        Assert.Null(d.QuotaReason);
        Assert.Equal("实地考核发现台账问题较多", d.Grades[6].Reason);
    }

    [Fact]
    public void A_locked_decision_refuses_changes_until_reopened_with_a_reason()
    {
        var d = Deliberation.Start(1);
        List<DecidedGrade> grades = [D(1, Grade.Good, Grade.Good), D(2, Grade.Good, Grade.Good)];
        // n = 2: ⌈0.3⌉ = 1 below 好 needed, none given → the reason is kept.
        d.Lock(new DateOnly(2024, 1, 15), "纪要", grades, Quota.Default, "两名书记均表现突出，经党委研究同意", "staff", Now);
        Assert.False(d.QuotaAtLock!.Holds);
        Assert.Equal("两名书记均表现突出，经党委研究同意", d.QuotaReason);
        Assert.Equal("Scoring.DeliberationLocked", Code(() => d.EnsureOpen()));
        Assert.Equal("Scoring.DeliberationLocked", Code(() => d.Lock(new DateOnly(2024, 1, 15), "纪要", grades, Quota.Default, "x", "staff", Now)));
        Assert.Equal("Scoring.ReasonRequired", Code(() => d.Reopen("", "staff", Now)));
        d.Reopen("反馈前发现第2名得分录入有误", "staff", Now.AddDays(1));
        Assert.False(d.IsLocked);
        d.EnsureOpen();
        Assert.Equal(2, d.History.Count);
        Assert.Equal("反馈前发现第2名得分录入有误", d.History[1].Reason);
        Assert.Equal("Scoring.DeliberationNotLocked", Code(() => d.Reopen("再次", "staff", Now)));
    }

    [Fact]
    public void Opinion_parts_are_limited_to_1000_characters()
    {
        var ok = Opinion.Create(new string('成', 1000), " 问题 ", "方向");
        Assert.Equal("问题", ok.Problems);
        Assert.True(ok.IsComplete);
        var e = Assert.Throws<DomainException>(() => Opinion.Create("成绩", new string('问', 1001), "方向"));
        Assert.Equal("Scoring.OpinionTooLong", e.Code);
        Assert.Equal("指出问题", e.Args[0]);
        Assert.False(Opinion.Create("成绩", "", "方向").IsComplete);
    }

    [Fact]
    public void Consequences_follow_the_grade()
    {
        var decided = new DateOnly(2024, 1, 15);
        var good = Consequences.For(Grade.Good, decided);
        Assert.False(good.Any);
        Assert.Null(good.RectificationDeadline);
        var fairly = Consequences.For(Grade.FairlyGood, decided);
        Assert.True(fairly.NoExcellentInAnnualAppraisal);
        Assert.False(fairly.ReminderInterview);
        Assert.Null(fairly.RectificationDeadline);
        var average = Consequences.For(Grade.Average, decided);
        Assert.True(average.NoExcellentInAnnualAppraisal && average.ReminderInterview);
        Assert.Equal(new DateOnly(2024, 2, 14), average.RectificationDeadline); // 15 Jan + 30 days = 14 Feb
        Assert.Equal(new DateOnly(2024, 1, 25), Consequences.For(Grade.Poor, decided, 10).RectificationDeadline);
        Assert.Equal("Scoring.RectificationDaysOutOfRange", Code(() => Consequences.For(Grade.Poor, decided, 0)));
    }
}
