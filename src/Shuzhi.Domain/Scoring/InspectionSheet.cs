using Shuzhi.Domain.Campaigns;

namespace Shuzhi.Domain.Scoring;

/// <summary>Who fills a sheet and why.</summary>
public enum SheetKind
{
    FieldInspection = 1,  // 实地考核 (检查人员)
    CrossInspection = 2,  // 交叉检查互评 (an inspecting unit)
    UpperReview = 3,      // 党总支考评
    DailyReview = 4,      // 组织部日常考评
    ReportEvaluation = 5, // 述职报告评价 (the organizer's staff)
}

public enum SheetState
{
    Draft = 1,
    Submitted = 2,
}

/// <summary>A reopening of a submitted sheet by staff, with its reason.</summary>
public sealed record SheetReopening(DateTimeOffset At, string ByUserId, string Reason);

/// <summary>
/// One sheet for one reporter: a copy of the track's template filled item by item, or — for 党总支考评,
/// 组织部日常考评 and 述职报告评价 only — a direct score 0–100 with a note. Submitting locks it; staff reopen it with a reason.
/// </summary>
public sealed class InspectionSheet
{
    public const decimal DirectScale = 100m;
    public const int MaxReason = 500;

    private InspectionSheet() { }

    public int Id { get; private set; }
    public int TrackId { get; private set; }
    public int ReporterId { get; private set; }
    public SheetKind Kind { get; private set; }
    /// <summary>The inspector's account (field inspection, reviews).</summary>
    public string? InspectorUserId { get; private set; }
    public string InspectorName { get; private set; } = "";
    /// <summary>The inspecting unit (cross-inspection; also the reviewing unit for reviews).</summary>
    public int? InspectingOrganizationId { get; private set; }
    /// <summary>The template as it was when the sheet was created; null for a direct score.</summary>
    public SheetTemplate? Template { get; private set; }
    public SheetScores Scores { get; private set; } = SheetScores.Empty;
    public decimal? DirectScore { get; private set; }
    public string Notes { get; private set; } = "";
    public SheetState State { get; private set; } = SheetState.Draft;
    public DateTimeOffset? SubmittedAt { get; private set; }
    public IReadOnlyList<SheetReopening> Reopenings { get; private set; } = [];

    public bool IsDirect => Template is null;

    public static InspectionSheet ForTemplate(int trackId, int reporterId, SheetKind kind, SheetTemplate template,
        string? inspectorUserId, string inspectorName, int? inspectingOrganizationId)
    {
        var s = New(trackId, reporterId, kind, inspectorUserId, inspectorName, inspectingOrganizationId);
        s.Template = template.EnsureValid();
        return s;
    }

    /// <summary>A direct score with a note: only 党总支考评, 组织部日常考评 and 述职报告评价.</summary>
    public static InspectionSheet Direct(int trackId, int reporterId, SheetKind kind,
        string? inspectorUserId, string inspectorName, int? inspectingOrganizationId)
    {
        if (kind is not (SheetKind.UpperReview or SheetKind.DailyReview or SheetKind.ReportEvaluation)) throw new DomainException("Scoring.DirectNotAllowed");
        return New(trackId, reporterId, kind, inspectorUserId, inspectorName, inspectingOrganizationId);
    }

    private static InspectionSheet New(int trackId, int reporterId, SheetKind kind, string? userId, string name, int? orgId)
    {
        if (string.IsNullOrWhiteSpace(userId) && orgId is null) throw new DomainException("Scoring.InspectorRequired");
        if (kind == SheetKind.CrossInspection && orgId is null) throw new DomainException("Scoring.InspectingUnitRequired");
        return new InspectionSheet
        {
            TrackId = trackId, ReporterId = reporterId, Kind = kind,
            InspectorUserId = string.IsNullOrWhiteSpace(userId) ? null : userId, InspectorName = name.Trim(), InspectingOrganizationId = orgId,
        };
    }

    /// <summary>Saves the points given so far (a draft may be partial); each is checked against its item.</summary>
    public void Fill(SheetScores scores)
    {
        EnsureDraft();
        if (Template is null) throw new DomainException("Scoring.SheetIsDirect");
        Template.CheckPartial(scores);
        Scores = scores;
        Notes = scores.Notes.Trim();
    }

    /// <summary>Saves a direct score 0–100 (at most one decimal) with its note.</summary>
    public void SetDirect(decimal score, string note)
    {
        EnsureDraft();
        if (Template is not null) throw new DomainException("Scoring.SheetNotDirect");
        if (score < 0) throw new DomainException("Scoring.PointsNegative", "直接评分");
        if (score > DirectScale) throw new DomainException("Scoring.PointsAboveMax", "直接评分", DirectScale);
        if (!SheetTemplate.HasAtMostOneDecimal(score)) throw new DomainException("Scoring.PointsPrecision", "直接评分");
        note = note.Trim();
        if (note.Length > SheetScores.MaxNotes) throw new DomainException("Scoring.NotesTooLong", SheetScores.MaxNotes);
        DirectScore = score;
        Notes = note;
    }

    /// <summary>The figures of a complete sheet (throws when an item is unscored), or null while a direct score is unset.</summary>
    public SheetResult? Result() =>
        Template is not null ? Template.Score(Scores)
        : DirectScore is { } d ? new SheetResult(d, 0, 0, 0, 0, d, DirectScale, null)
        : null;

    /// <summary>Locks the sheet: every item scored (or the direct score given, with a note).</summary>
    public void Submit(DateTimeOffset now)
    {
        EnsureDraft();
        if (Template is not null) Template.Score(Scores);
        else
        {
            if (DirectScore is null) throw new DomainException("Scoring.DirectScoreRequired");
            if (Notes.Length == 0) throw new DomainException("Scoring.DirectNoteRequired");
        }
        State = SheetState.Submitted;
        SubmittedAt = now;
    }

    /// <summary>Staff reopen a submitted sheet; the reason is kept.</summary>
    public void Reopen(string reason, string byUserId, DateTimeOffset now)
    {
        if (State != SheetState.Submitted) throw new DomainException("Scoring.SheetNotSubmitted");
        reason = reason.Trim();
        if (reason.Length == 0) throw new DomainException("Scoring.ReasonRequired");
        if (reason.Length > MaxReason) throw new DomainException("Scoring.ReasonTooLong", MaxReason);
        Reopenings = [.. Reopenings, new SheetReopening(now, byUserId, reason)];
        State = SheetState.Draft;
        SubmittedAt = null;
    }

    private void EnsureDraft()
    {
        if (State == SheetState.Submitted) throw new DomainException("Scoring.SheetSubmitted");
    }
}

public static class SheetKinds
{
    /// <summary>The score component a kind of sheet feeds (综合评价).</summary>
    public static ScoreComponent Component(this SheetKind kind) => kind switch
    {
        SheetKind.FieldInspection => ScoreComponent.FieldInspection,
        SheetKind.CrossInspection => ScoreComponent.CrossInspection,
        SheetKind.UpperReview => ScoreComponent.UpperReview,
        SheetKind.DailyReview => ScoreComponent.DailyReview,
        SheetKind.ReportEvaluation => ScoreComponent.ReportEvaluation,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
