namespace Shuzhi.Domain.Rectification;

/// <summary>
/// 督促检查 (seed 000 四.5, seed 001 第七条 强化督促检查): a check by the organizer's staff on a plan or on one item —
/// when, who, what was found and the next step.
/// </summary>
public sealed class SupervisionCheck
{
    public const int MaxCheckerLength = 50;
    public const int MaxFindingLength = 1000;
    public const int MaxNextStepLength = 500;

    private SupervisionCheck() { }

    public int Id { get; private set; }
    public int PlanId { get; private set; }
    /// <summary>The item checked, or null for a check of the whole plan.</summary>
    public int? ItemId { get; private set; }
    public DateOnly CheckedOn { get; private set; }
    public string Checker { get; private set; } = "";
    public string Finding { get; private set; } = "";
    public string NextStep { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    public static SupervisionCheck OnPlan(int planId, DateOnly checkedOn, string? checker, string? finding, string? nextStep, DateOnly today, DateTimeOffset now) =>
        Create(planId, null, checkedOn, checker, finding, nextStep, today, now);

    public static SupervisionCheck OnItem(int planId, int itemId, DateOnly checkedOn, string? checker, string? finding, string? nextStep, DateOnly today, DateTimeOffset now)
    {
        if (itemId <= 0) throw new DomainException("Rect.CheckTargetRequired");
        return Create(planId, itemId, checkedOn, checker, finding, nextStep, today, now);
    }

    private static SupervisionCheck Create(int planId, int? itemId, DateOnly checkedOn, string? checker, string? finding, string? nextStep, DateOnly today, DateTimeOffset now)
    {
        if (planId <= 0) throw new DomainException("Rect.CheckTargetRequired");
        var c = new SupervisionCheck { PlanId = planId, ItemId = itemId, RecordedAt = now };
        c.Edit(checkedOn, checker, finding, nextStep, today);
        return c;
    }

    public void Edit(DateOnly checkedOn, string? checker, string? finding, string? nextStep, DateOnly today)
    {
        checker = (checker ?? "").Trim();
        finding = (finding ?? "").Replace("\r\n", "\n").Trim();
        nextStep = (nextStep ?? "").Replace("\r\n", "\n").Trim();
        if (checkedOn > today) throw new DomainException("Rect.CheckDateInFuture");
        if (checker.Length == 0) throw new DomainException("Rect.CheckerRequired");
        if (checker.Length > MaxCheckerLength) throw new DomainException("Rect.CheckerTooLong", MaxCheckerLength);
        if (finding.Length == 0) throw new DomainException("Rect.FindingRequired");
        if (finding.Length > MaxFindingLength) throw new DomainException("Rect.FindingTooLong", MaxFindingLength, finding.Length);
        if (nextStep.Length == 0) throw new DomainException("Rect.NextStepRequired");
        if (nextStep.Length > MaxNextStepLength) throw new DomainException("Rect.NextStepTooLong", MaxNextStepLength, nextStep.Length);
        (CheckedOn, Checker, Finding, NextStep) = (checkedOn, checker, finding, nextStep);
    }
}
