namespace Shuzhi.Domain.Scoring;

/// <summary>
/// 综合评价意见 in three parts (seed 002 三.3: 肯定成绩、指出问题、明确方向), each at most 1000 characters.
/// </summary>
public sealed record Opinion(string Achievements, string Problems, string Direction)
{
    public const int MaxPart = 1000;

    public static Opinion Empty { get; } = new("", "", "");

    public static Opinion Create(string achievements, string problems, string direction)
    {
        var o = new Opinion(achievements.Trim(), problems.Trim(), direction.Trim());
        if (o.Achievements.Length > MaxPart) throw new DomainException("Scoring.OpinionTooLong", "肯定成绩", MaxPart);
        if (o.Problems.Length > MaxPart) throw new DomainException("Scoring.OpinionTooLong", "指出问题", MaxPart);
        if (o.Direction.Length > MaxPart) throw new DomainException("Scoring.OpinionTooLong", "明确方向", MaxPart);
        return o;
    }

    public bool IsComplete => Achievements.Length > 0 && Problems.Length > 0 && Direction.Length > 0;
}

/// <summary>A reporter's decided grade: the proposal, the final grade, the reason when they differ, the opinion.</summary>
public sealed record DecidedGrade(int ReporterId, Grade? Proposed, Grade Final, string? Reason, Opinion Opinion);

public enum DeliberationState
{
    Open = 1,
    Locked = 2,
}

/// <summary>A lock or a reopening of the decision, kept for the record.</summary>
public sealed record DeliberationEvent(DateTimeOffset At, string ByUserId, bool Locked, string Reason);

/// <summary>
/// The party committee's decision (经党委（党组）研究): meeting date and minute reference; locking fixes the grades
/// and opinions. A final grade that differs from its proposal needs a reason; a quota not met needs a reason.
/// After locking, changes are refused until an explicit reopen with a reason.
/// </summary>
public sealed class Deliberation
{
    public const int MaxReason = 500;
    public const int MaxMinuteReference = 200;

    private Deliberation() { }

    public int Id { get; private set; }
    public int CampaignId { get; private set; }
    public DeliberationState State { get; private set; } = DeliberationState.Open;
    public DateOnly? MeetingDate { get; private set; }
    public string MinuteReference { get; private set; } = "";
    public IReadOnlyList<DecidedGrade> Grades { get; private set; } = [];
    public QuotaCheck? QuotaAtLock { get; private set; }
    public string? QuotaReason { get; private set; }
    public IReadOnlyList<DeliberationEvent> History { get; private set; } = [];

    public static Deliberation Start(int campaignId) => new() { CampaignId = campaignId };

    public bool IsLocked => State == DeliberationState.Locked;

    /// <summary>Records the decision and locks it.</summary>
    public void Lock(DateOnly meetingDate, string minuteReference, IReadOnlyList<DecidedGrade> grades, Quota rule, string? quotaReason,
        string byUserId, DateTimeOffset now)
    {
        if (IsLocked) throw new DomainException("Scoring.DeliberationLocked");
        minuteReference = minuteReference.Trim();
        if (minuteReference.Length == 0) throw new DomainException("Scoring.MinuteReferenceRequired");
        if (minuteReference.Length > MaxMinuteReference) throw new DomainException("Scoring.MinuteReferenceTooLong", MaxMinuteReference);
        if (DateOnly.FromDateTime(now.Date) < meetingDate) throw new DomainException("Scoring.MeetingDateInFuture");
        if (grades.Count == 0) throw new DomainException("Scoring.NoGrades");
        if (grades.GroupBy(g => g.ReporterId).Any(g => g.Count() > 1)) throw new DomainException("Scoring.DuplicateReporter");
        var cleaned = grades.Select(g => g with { Reason = string.IsNullOrWhiteSpace(g.Reason) ? null : g.Reason.Trim() }).ToList();
        foreach (var g in cleaned)
        {
            if (g.Proposed != g.Final && g.Reason is null) throw new DomainException("Scoring.GradeChangeNeedsReason", g.ReporterId);
            if (g.Reason is { Length: > MaxReason }) throw new DomainException("Scoring.ReasonTooLong", MaxReason);
        }
        // The quota is checked on the final grades here, never taken from the caller.
        var quota = rule.Check(cleaned.Select(g => new GradedReporter(g.ReporterId, g.Final, null)).ToList());
        quotaReason = string.IsNullOrWhiteSpace(quotaReason) ? null : quotaReason.Trim();
        if (!quota.Holds && quotaReason is null) throw new DomainException("Scoring.QuotaNeedsReason", quota.Required, quota.BelowGood);
        if (quotaReason is { Length: > MaxReason }) throw new DomainException("Scoring.ReasonTooLong", MaxReason);
        MeetingDate = meetingDate;
        MinuteReference = minuteReference;
        Grades = cleaned;
        QuotaAtLock = quota;
        QuotaReason = quota.Holds ? null : quotaReason;
        State = DeliberationState.Locked;
        History = [.. History, new DeliberationEvent(now, byUserId, true, "")];
    }

    /// <summary>Reopens a locked decision; the reason is kept (and audited by the caller).</summary>
    public void Reopen(string reason, string byUserId, DateTimeOffset now)
    {
        if (!IsLocked) throw new DomainException("Scoring.DeliberationNotLocked");
        reason = reason.Trim();
        if (reason.Length == 0) throw new DomainException("Scoring.ReasonRequired");
        if (reason.Length > MaxReason) throw new DomainException("Scoring.ReasonTooLong", MaxReason);
        State = DeliberationState.Open;
        History = [.. History, new DeliberationEvent(now, byUserId, false, reason)];
    }

    /// <summary>Guards any change to the grades or opinions of the campaign.</summary>
    public void EnsureOpen()
    {
        if (IsLocked) throw new DomainException("Scoring.DeliberationLocked");
    }
}

/// <summary>What a grade entails (seed 001 第七条; seed 002 三.4).</summary>
public sealed record ConsequenceSet(Grade Grade, bool NoExcellentInAnnualAppraisal, bool ReminderInterview, DateOnly? RectificationDeadline)
{
    public bool Any => NoExcellentInAnnualAppraisal || ReminderInterview;
}

public static class Consequences
{
    public const int DefaultRectificationDays = 30;

    /// <summary>
    /// Below 好: 年度考核不得评定为“优秀”. 一般 or 差: 约谈提醒 and 限期整改, the deadline
    /// <paramref name="rectificationDays"/> days after the decision.
    /// </summary>
    public static ConsequenceSet For(Grade grade, DateOnly decisionDate, int rectificationDays = DefaultRectificationDays)
    {
        if (rectificationDays is < 1 or > 366) throw new DomainException("Scoring.RectificationDaysOutOfRange", 1, 366);
        var serious = grade.IsAverageOrPoor();
        return new ConsequenceSet(grade, grade.IsBelowGood(), serious, serious ? decisionDate.AddDays(rectificationDays) : null);
    }
}
