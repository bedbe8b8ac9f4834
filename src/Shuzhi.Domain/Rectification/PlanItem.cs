namespace Shuzhi.Domain.Rectification;

public enum ItemState
{
    /// <summary>未开始</summary>
    NotStarted = 1,
    /// <summary>整改中</summary>
    InProgress = 2,
    /// <summary>已完成（待核验）: the secretary says it is done; staff verify.</summary>
    Done = 3,
    /// <summary>已销号: verified and closed by staff.</summary>
    Closed = 4,
}

/// <summary>A progress note (整改进展) or a verification remark on an item.</summary>
public sealed record ProgressNote(string Text, DateTimeOffset At, string By, bool IsRejection = false);

/// <summary>
/// One line of the 整改清单 (seed 004): a problem with its measures, responsible person or department, deadline and
/// expected result. Once its plan is accepted it moves 未开始 → 整改中 → 已完成(待核验) → 已销号; staff verification
/// either closes it (销号) or sends it back to 整改中 with a reason. Past its deadline and not done it is 逾期.
/// </summary>
public sealed class PlanItem
{
    public const int MaxMeasuresLength = 1000;
    public const int MaxResponsibleLength = 100;
    public const int MaxExpectedLength = 500;
    public const int MaxNoteLength = 1000;
    public const int MaxPersonLength = 100;
    public const int MaxEvidence = 20;

    private List<ProgressNote> _notes = [];
    private List<int> _evidence = [];

    private PlanItem() { }

    internal PlanItem(int problemId, int sortOrder) => (ProblemId, SortOrder) = (problemId, sortOrder);

    public int Id { get; private set; }
    public int PlanId { get; private set; }
    public int ProblemId { get; private set; }
    public int SortOrder { get; private set; }
    public string Measures { get; private set; } = "";
    /// <summary>责任人或责任部门 (the 责任清单).</summary>
    public string Responsible { get; private set; } = "";
    public DateOnly Deadline { get; private set; }
    public string ExpectedResult { get; private set; } = "";
    public ItemState State { get; private set; } = ItemState.NotStarted;
    /// <summary>Set when the plan is accepted: only then may the item be tracked.</summary>
    public bool Released { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? DoneAt { get; private set; }
    public DateOnly? ClosedOn { get; private set; }
    public string? ClosedBy { get; private set; }
    /// <summary>The reason of the last failed verification, cleared when the item is done again.</summary>
    public string? RejectReason { get; private set; }
    public IReadOnlyList<ProgressNote> Notes => _notes;
    /// <summary>Ids of the uploaded evidence files (佐证材料).</summary>
    public IReadOnlyList<int> EvidenceFileIds => _evidence;

    internal void Edit(string? measures, string? responsible, DateOnly deadline, string? expected, DateOnly planDate)
    {
        measures = Norm(measures);
        responsible = Norm(responsible);
        expected = Norm(expected);
        if (measures.Length == 0) throw new DomainException("Rect.MeasuresRequired");
        if (measures.Length > MaxMeasuresLength) throw new DomainException("Rect.MeasuresTooLong", MaxMeasuresLength, measures.Length);
        if (responsible.Length == 0) throw new DomainException("Rect.ResponsibleRequired");
        if (responsible.Length > MaxResponsibleLength) throw new DomainException("Rect.ResponsibleTooLong", MaxResponsibleLength);
        if (expected.Length == 0) throw new DomainException("Rect.ExpectedRequired");
        if (expected.Length > MaxExpectedLength) throw new DomainException("Rect.ExpectedTooLong", MaxExpectedLength, expected.Length);
        if (deadline < planDate) throw new DomainException("Rect.ItemDeadlineBeforePlan", ChineseDates.Format(planDate));
        (Measures, Responsible, Deadline, ExpectedResult) = (measures, responsible, deadline, expected);
    }

    internal void Release() => Released = true;

    /// <summary>逾期: the deadline has passed (the deadline day itself is still in time) and the item is not done.</summary>
    public bool IsOverdue(DateOnly today) => today > Deadline && State is ItemState.NotStarted or ItemState.InProgress;

    /// <summary>未开始 → 整改中.</summary>
    public void Start(string by, DateTimeOffset now)
    {
        EnsureReleased();
        if (State != ItemState.NotStarted) throw new DomainException(State == ItemState.Closed ? "Rect.ItemClosed" : "Rect.ItemAlreadyStarted");
        RectificationPlan.Who(by);
        State = ItemState.InProgress;
        StartedAt = now;
    }

    public void AddNote(string? text, string by, DateTimeOffset now)
    {
        EnsureReleased();
        if (State == ItemState.Closed) throw new DomainException("Rect.ItemClosed");
        text = Norm(text);
        if (text.Length == 0) throw new DomainException("Rect.NoteRequired");
        if (text.Length > MaxNoteLength) throw new DomainException("Rect.NoteTooLong", MaxNoteLength, text.Length);
        _notes.Add(new ProgressNote(text, now, RectificationPlan.Who(by)));
    }

    public void AddEvidence(int fileId)
    {
        EnsureReleased();
        if (State == ItemState.Closed) throw new DomainException("Rect.ItemClosed");
        if (fileId <= 0) throw new DomainException("Rect.EvidenceRequired");
        if (_evidence.Contains(fileId)) return;
        if (_evidence.Count >= MaxEvidence) throw new DomainException("Rect.EvidenceTooMany", MaxEvidence);
        _evidence.Add(fileId);
    }

    public void RemoveEvidence(int fileId)
    {
        EnsureReleased();
        if (State is ItemState.Done or ItemState.Closed) throw new DomainException(State == ItemState.Closed ? "Rect.ItemClosed" : "Rect.ItemAwaitingVerification");
        _evidence.Remove(fileId);
    }

    /// <summary>整改中 → 已完成(待核验); needs a progress note or an evidence file to verify against.</summary>
    public void MarkDone(string by, DateTimeOffset now)
    {
        EnsureReleased();
        switch (State)
        {
            case ItemState.NotStarted: throw new DomainException("Rect.ItemNotStarted");
            case ItemState.Done: throw new DomainException("Rect.ItemAlreadyDone");
            case ItemState.Closed: throw new DomainException("Rect.ItemClosed");
        }
        if (_notes.Count == 0 && _evidence.Count == 0) throw new DomainException("Rect.ItemDoneWithoutEvidence");
        RectificationPlan.Who(by);
        State = ItemState.Done;
        DoneAt = now;
        RejectReason = null;
    }

    /// <summary>Staff verify a done item and close it (销号).</summary>
    public void Close(string by, DateOnly today)
    {
        EnsureVerifiable();
        ClosedBy = RectificationPlan.Who(by);
        ClosedOn = today;
        State = ItemState.Closed;
    }

    /// <summary>Verification fails: back to 整改中 with the reason, which is also kept among the notes.</summary>
    public void Reject(string by, string? reason, DateTimeOffset now)
    {
        EnsureVerifiable();
        reason = Norm(reason);
        if (reason.Length == 0) throw new DomainException("Rect.RejectReasonRequired");
        if (reason.Length > MaxNoteLength) throw new DomainException("Rect.RejectReasonTooLong", MaxNoteLength);
        _notes.Add(new ProgressNote(reason, now, RectificationPlan.Who(by), IsRejection: true));
        RejectReason = reason;
        State = ItemState.InProgress;
        DoneAt = null;
    }

    private void EnsureVerifiable()
    {
        EnsureReleased();
        if (State == ItemState.Closed) throw new DomainException("Rect.ItemClosed");
        if (State != ItemState.Done) throw new DomainException("Rect.ItemNotDone");
    }

    private void EnsureReleased()
    {
        if (!Released) throw new DomainException("Rect.PlanNotAccepted");
    }

    private static string Norm(string? s) => (s ?? "").Replace("\r\n", "\n").Trim();

    /// <summary>The Chinese name of a state, as lists and bulletins show it.</summary>
    public static string StateName(ItemState s) => s switch
    {
        ItemState.NotStarted => "未开始",
        ItemState.InProgress => "整改中",
        ItemState.Done => "已完成（待核验）",
        ItemState.Closed => "已销号",
        _ => s.ToString(),
    };
}
