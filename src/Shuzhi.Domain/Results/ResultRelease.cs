using Shuzhi.Domain.Scoring;

namespace Shuzhi.Domain.Results;

/// <summary>
/// 结果发布: after the party committee's decision is locked, the organizer's staff release the results; from then on
/// each reporter reads its feedback letter (反馈意见), and the consequences of the grades are in force (seed 001 第七条).
/// A release belongs to one lock of the decision: reopening the decision withdraws it, and the new decision is released
/// again. Withdrawn, never deleted.
/// </summary>
public sealed class ResultRelease
{
    public const int MaxReason = 500;

    private ResultRelease() { }

    public int Id { get; private set; }
    public int CampaignId { get; private set; }
    /// <summary>When the decision released here was locked.</summary>
    public DateTimeOffset LockedAt { get; private set; }
    /// <summary>Which lock of the decision was released (1 for the first): a later lock is another decision.</summary>
    public int LockNumber { get; private set; }
    public DateOnly MeetingDate { get; private set; }
    public string MinuteReference { get; private set; } = "";
    public int LetterCount { get; private set; }
    public DateTimeOffset ReleasedAt { get; private set; }
    public string ReleasedBy { get; private set; } = "";
    public DateTimeOffset? WithdrawnAt { get; private set; }
    public string? WithdrawnBy { get; private set; }
    public string? WithdrawReason { get; private set; }

    public bool IsActive => WithdrawnAt is null;

    /// <summary>Releases a locked decision; an open (or reopened) one is refused.</summary>
    public static ResultRelease Of(Deliberation deliberation, DateTimeOffset now, string by)
    {
        if (!deliberation.IsLocked || deliberation.MeetingDate is not { } meeting) throw new DomainException("Results.NotLocked");
        var lockedAt = deliberation.History.LastOrDefault(e => e.Locked)?.At ?? now;
        return new ResultRelease
        {
            CampaignId = deliberation.CampaignId, LockedAt = lockedAt, LockNumber = LockNumberOf(deliberation), MeetingDate = meeting, MinuteReference = deliberation.MinuteReference,
            LetterCount = deliberation.Grades.Count, ReleasedAt = now, ReleasedBy = by,
        };
    }

    /// <summary>Whether this release still stands for the decision as it is now (locked, and by the same lock).</summary>
    public bool Matches(Deliberation deliberation) =>
        IsActive && deliberation.IsLocked && deliberation.CampaignId == CampaignId && LockNumberOf(deliberation) == LockNumber;

    private static int LockNumberOf(Deliberation deliberation) => deliberation.History.Count(e => e.Locked);

    public void Withdraw(string? reason, DateTimeOffset now, string by)
    {
        if (!IsActive) throw new DomainException("Results.AlreadyWithdrawn");
        WithdrawReason = Reasons.Required(reason, MaxReason);
        WithdrawnAt = now;
        WithdrawnBy = by;
    }
}

internal static class Reasons
{
    public static string Required(string? reason, int max)
    {
        reason = reason?.Trim() ?? "";
        if (reason.Length == 0) throw new DomainException("Results.ReasonRequired");
        if (reason.Length > max) throw new DomainException("Results.ReasonTooLong", max);
        return reason;
    }
}
