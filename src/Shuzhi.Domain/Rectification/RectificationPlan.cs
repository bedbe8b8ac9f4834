using Shuzhi.Domain.Campaigns;

namespace Shuzhi.Domain.Rectification;

public enum PlanState
{
    /// <summary>Being written by the secretary.</summary>
    Draft = 1,
    /// <summary>报备案: filed with the organizer, waiting for staff.</summary>
    Filed = 2,
    /// <summary>Accepted by staff: its items are tracked.</summary>
    Accepted = 3,
    /// <summary>Returned by staff with a reason: edited and filed again.</summary>
    Returned = 4,
}

/// <summary>
/// 整改方案 of a reporter in a campaign: the 问题清单、责任清单、整改清单 of seed 004 in one — for each problem an
/// item with the measures, the responsible person or department, the deadline and the expected result. Goes
/// Draft → Filed → Accepted, or Filed → Returned (with a reason) → Filed again. Filed by <see cref="Deadline"/>
/// (one month after the meeting, seed 002 三.5); a filing after it is marked late. Items are edited only
/// in Draft or Returned, and tracked (<see cref="PlanItem.Start"/>…) once the plan is accepted.
/// </summary>
public sealed class RectificationPlan
{
    public const int MaxReasonLength = 500;

    private readonly List<PlanItem> _items = [];

    private RectificationPlan() { }

    public int Id { get; private set; }
    public int CampaignId { get; private set; }
    public int ReporterId { get; private set; }
    public int OrganizationId { get; private set; }
    public PlanState State { get; private set; } = PlanState.Draft;
    /// <summary>The day the plan was begun; no item deadline may be before it.</summary>
    public DateOnly PlanDate { get; private set; }
    /// <summary>The filing deadline (the campaign's RectificationPlanDeadline).</summary>
    public DateOnly Deadline { get; private set; }
    public DateOnly? FirstFiledOn { get; private set; }
    public DateOnly? FiledOn { get; private set; }
    public string? ReturnReason { get; private set; }
    public string? ReviewedBy { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public IReadOnlyList<PlanItem> Items => _items;

    /// <summary>Seed 002 三.5: 述职结束后1个月内 — the meeting date plus one month, clamped to the month end (1月31日 → 2月28/29日).</summary>
    public static DateOnly DefaultDeadline(DateOnly meetingDate) => CampaignTimeline.DefaultRectificationPlanDeadline(meetingDate);

    public static RectificationPlan Create(int campaignId, int reporterId, int organizationId, DateOnly deadline, DateOnly today)
    {
        if (campaignId <= 0 || reporterId <= 0 || organizationId <= 0) throw new DomainException("Rect.PlanOwnerRequired");
        return new RectificationPlan { CampaignId = campaignId, ReporterId = reporterId, OrganizationId = organizationId, Deadline = deadline, PlanDate = today };
    }

    /// <summary>Filed after the deadline (the first filing counts; a refiling after a return does not make it late).</summary>
    public bool IsLate => FirstFiledOn is { } f && f > Deadline;

    /// <summary>Not yet filed and the deadline has passed.</summary>
    public bool IsFilingOverdue(DateOnly today) => FirstFiledOn is null && today > Deadline;

    public PlanItem AddItem(int problemId, string? measures, string? responsible, DateOnly deadline, string? expectedResult)
    {
        EnsureEditable();
        if (problemId <= 0) throw new DomainException("Rect.ItemProblemRequired");
        if (_items.Any(i => i.ProblemId == problemId)) throw new DomainException("Rect.ProblemAlreadyPlanned");
        var item = new PlanItem(problemId, _items.Count == 0 ? 1 : _items.Max(i => i.SortOrder) + 1);
        item.Edit(measures, responsible, deadline, expectedResult, PlanDate);
        _items.Add(item);
        return item;
    }

    public void EditItem(PlanItem item, string? measures, string? responsible, DateOnly deadline, string? expectedResult)
    {
        EnsureEditable();
        Own(item).Edit(measures, responsible, deadline, expectedResult, PlanDate);
    }

    public void RemoveItem(PlanItem item)
    {
        EnsureEditable();
        _items.Remove(Own(item));
    }

    /// <summary>
    /// Files the plan (from Draft or Returned). <paramref name="reporterProblemIds"/> are all problems of the
    /// reporter in the campaign: each needs an item, and every item must be for one of them.
    /// </summary>
    public void File(IReadOnlyCollection<int> reporterProblemIds, DateOnly today)
    {
        if (State == PlanState.Filed) throw new DomainException("Rect.PlanAlreadyFiled");
        if (State == PlanState.Accepted) throw new DomainException("Rect.PlanAccepted");
        if (_items.Count == 0) throw new DomainException("Rect.PlanEmpty");
        var missing = reporterProblemIds.Distinct().Count(p => _items.All(i => i.ProblemId != p));
        if (missing > 0) throw new DomainException("Rect.ProblemWithoutItem", missing);
        if (_items.Any(i => !reporterProblemIds.Contains(i.ProblemId))) throw new DomainException("Rect.ItemProblemUnknown");
        State = PlanState.Filed;
        FiledOn = today;
        FirstFiledOn ??= today;
        ReturnReason = null;
    }

    /// <summary>Staff accept the filed plan; its items can then be tracked.</summary>
    public void Accept(string by, DateTimeOffset now)
    {
        if (State != PlanState.Filed) throw new DomainException("Rect.PlanNotFiled");
        ReviewedBy = Who(by);
        ReviewedAt = now;
        State = PlanState.Accepted;
        foreach (var i in _items) i.Release();
    }

    /// <summary>Staff return the filed plan with a reason saying what to change.</summary>
    public void Return(string by, string? reason, DateTimeOffset now)
    {
        if (State != PlanState.Filed) throw new DomainException("Rect.PlanNotFiled");
        var who = Who(by);
        reason = (reason ?? "").Trim();
        if (reason.Length == 0) throw new DomainException("Rect.ReturnReasonRequired");
        if (reason.Length > MaxReasonLength) throw new DomainException("Rect.ReturnReasonTooLong", MaxReasonLength);
        State = PlanState.Returned;
        ReturnReason = reason;
        (ReviewedBy, ReviewedAt) = (who, now);
    }

    private void EnsureEditable()
    {
        if (State == PlanState.Filed) throw new DomainException("Rect.PlanFiledLocked");
        if (State == PlanState.Accepted) throw new DomainException("Rect.PlanAccepted");
    }

    private PlanItem Own(PlanItem item) => _items.Contains(item) ? item : throw new DomainException("Rect.ItemNotInPlan");

    internal static string Who(string? by)
    {
        by = (by ?? "").Trim();
        if (by.Length == 0) throw new DomainException("Rect.ActorRequired");
        if (by.Length > PlanItem.MaxPersonLength) throw new DomainException("Rect.ActorTooLong", PlanItem.MaxPersonLength);
        return by;
    }
}
