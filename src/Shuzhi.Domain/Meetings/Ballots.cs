using Shuzhi.Domain.Campaigns;

namespace Shuzhi.Domain.Meetings;

/// <summary>
/// A voter's mark for one reporter. Grade form: <see cref="Grade"/> is a label of the reporter's track form.
/// Dimension form: <see cref="Points"/> has one entry per dimension of the form, in the form's order (null where
/// a paper sheet left a box empty). Both null: no mark for this reporter (弃权).
/// </summary>
public sealed record Mark(int ReporterId, string? Grade = null, IReadOnlyList<decimal?>? Points = null)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Grade) && (Points is null || Points.All(p => p is null));

    public static Mark ForGrade(int reporterId, string grade) => new(reporterId, grade);
    public static Mark ForPoints(int reporterId, params decimal[] points) => new(reporterId, null, points.Select(p => (decimal?)p).ToList());
}

/// <summary>A reporter at the meeting with the track it belongs to and that track's ballot form.</summary>
public sealed record ReporterForm(int ReporterId, int TrackId, BallotForm Form);

public enum BallotSource
{
    Phone = 1,
    Paper = 2,
}

/// <summary>Why a ballot is invalid (废票).</summary>
public enum InvalidReason
{
    /// <summary>空白票: no reporter marked.</summary>
    Blank = 1,
    /// <summary>Fewer reporters marked than the share the rules require.</summary>
    TooFewMarked = 2,
    /// <summary>Points outside 0..the dimension's maximum, or with more than one decimal.</summary>
    PointsOutOfRange = 3,
    /// <summary>A dimension ballot where some, but not all, dimensions of a reporter were filled in.</summary>
    PointsIncomplete = 4,
}

public sealed record BallotClassification(bool IsValid, InvalidReason? Reason)
{
    public static readonly BallotClassification Valid = new(true, null);
    public static BallotClassification Invalid(InvalidReason reason) => new(false, reason);
}

/// <summary>
/// The meeting's ballot rules (configurable): a blank ballot is invalid, a ballot marking fewer than
/// <see cref="MinShareMarked"/> of the reporters is invalid, and a paper ballot with points out of range (or
/// incompletely filled in) is invalid; with <see cref="OutOfRangeInvalid"/> off only that reporter's mark is
/// dropped. <see cref="TrimK"/>: drop the k highest and k lowest marks of a category (0 = no trimming).
/// Points may have at most one decimal (18.5).
/// </summary>
public sealed record BallotRules(decimal MinShareMarked = 0.5m, bool BlankInvalid = true, bool OutOfRangeInvalid = true, int TrimK = 0)
{
    public const int MaxDecimals = 1;

    public static BallotRules Default { get; } = new();

    public BallotRules EnsureValid()
    {
        if (MinShareMarked is < 0 or > 1) throw new DomainException("Meeting.MinShareOutOfRange");
        if (TrimK is < 0 or > 10) throw new DomainException("Meeting.TrimOutOfRange", 10);
        return this;
    }

    /// <summary>
    /// Phone ballot checks before it is accepted: every error as a rule code. An empty list means the ballot
    /// may be stored (and is then valid). Phone ballots that break a rule are refused, never stored invalid.
    /// </summary>
    public IReadOnlyList<(string Code, object[] Args)> ValidatePhone(IReadOnlyList<ReporterForm> reporters, IReadOnlyList<Mark> marks)
    {
        var errors = new List<(string Code, object[] Args)>();
        var byId = reporters.ToDictionary(r => r.ReporterId);
        var marked = 0;
        foreach (var g in marks.GroupBy(m => m.ReporterId))
        {
            if (!byId.TryGetValue(g.Key, out var reporter)) { errors.Add(("Meeting.UnknownReporter", [g.Key])); continue; }
            if (g.Count() > 1) { errors.Add(("Meeting.DuplicateMark", [g.Key])); continue; }
            var mark = g.Single();
            if (mark.IsEmpty) continue;
            var shape = ShapeError(reporter.Form, mark);
            if (shape is not null) { errors.Add(shape.Value); continue; }
            if (reporter.Form.Kind == BallotKind.Dimension)
            {
                var form = reporter.Form;
                if (mark.Points!.Any(p => p is null)) { errors.Add(("Meeting.PointsIncomplete", [g.Key])); continue; }
                var bad = form.Dimensions.Select((d, i) => (d, p: mark.Points![i]!.Value)).FirstOrDefault(x => !InRange(x.p, x.d.MaxPoints));
                if (bad.d is not null) { errors.Add(("Meeting.PointsOutOfRange", [g.Key, bad.d.Label, bad.d.MaxPoints])); continue; }
            }
            marked++;
        }
        if (errors.Count > 0) return errors;
        var needed = MinMarked(reporters.Count);
        if (marked == 0 && BlankInvalid) errors.Add(("Meeting.BallotBlank", []));
        else if (marked < needed) errors.Add(("Meeting.TooFewMarked", [needed, reporters.Count]));
        return errors;
    }

    /// <summary>
    /// A paper ballot is entered as the sheet reads and classified valid or invalid. What the voter did
    /// (blank, too few marked, points out of range or incomplete) makes it invalid; what cannot be on the sheet
    /// (unknown reporter, a grade the form lacks, the wrong number of dimensions) is an entry error and throws.
    /// </summary>
    public BallotClassification ClassifyPaper(IReadOnlyList<ReporterForm> reporters, IReadOnlyList<Mark> marks)
    {
        var byId = reporters.ToDictionary(r => r.ReporterId);
        var marked = 0;
        InvalidReason? markReason = null;
        foreach (var g in marks.GroupBy(m => m.ReporterId))
        {
            if (!byId.TryGetValue(g.Key, out var reporter)) throw new DomainException("Meeting.UnknownReporter", g.Key);
            if (g.Count() > 1) throw new DomainException("Meeting.DuplicateMark", g.Key);
            var mark = g.Single();
            if (mark.IsEmpty) continue;
            var shape = ShapeError(reporter.Form, mark);
            if (shape is not null) throw new DomainException(shape.Value.Code, shape.Value.Args);
            var problem = MarkProblem(reporter.Form, mark);
            if (problem is null) { marked++; continue; }
            if (OutOfRangeInvalid) markReason ??= problem;
            // Otherwise only this mark is dropped: it does not count as marked.
        }
        if (markReason is not null) return BallotClassification.Invalid(markReason.Value);
        if (marked == 0 && BlankInvalid) return BallotClassification.Invalid(InvalidReason.Blank);
        if (marked < MinMarked(reporters.Count)) return BallotClassification.Invalid(InvalidReason.TooFewMarked);
        return BallotClassification.Valid;
    }

    /// <summary>The fewest reporters a valid ballot marks: ⌈share × reporters⌉ (0.5 of 5 → 3).</summary>
    public int MinMarked(int reporterCount) => (int)Math.Ceiling(MinShareMarked * reporterCount);

    /// <summary>
    /// The points a mark gives the reporter in the tally, or null when it gives none (empty, or out of range /
    /// incomplete on a ballot that stayed valid because <see cref="OutOfRangeInvalid"/> is off).
    /// Grade form: the grade's points. Dimension form: the sum of the dimension points.
    /// </summary>
    public static decimal? PointsOf(BallotForm form, Mark mark)
    {
        if (mark.IsEmpty || ShapeError(form, mark) is not null || MarkProblem(form, mark) is not null) return null;
        return form.Kind == BallotKind.Grade
            ? form.Grades.First(g => g.Label == mark.Grade!.Trim()).Points
            : mark.Points!.Sum(p => p!.Value);
    }

    private static (string Code, object[] Args)? ShapeError(BallotForm form, Mark mark)
    {
        if (form.Kind == BallotKind.Grade)
        {
            if (mark.Points is not null && mark.Points.Any(p => p is not null)) return ("Meeting.MarkNeedsGrade", [mark.ReporterId]);
            if (!form.Grades.Any(g => g.Label == mark.Grade!.Trim())) return ("Meeting.GradeNotInForm", [mark.ReporterId, mark.Grade!]);
            return null;
        }
        if (!string.IsNullOrWhiteSpace(mark.Grade)) return ("Meeting.MarkNeedsPoints", [mark.ReporterId]);
        if (mark.Points!.Count != form.Dimensions.Count) return ("Meeting.DimensionCount", [mark.ReporterId, form.Dimensions.Count]);
        return null;
    }

    private static InvalidReason? MarkProblem(BallotForm form, Mark mark)
    {
        if (form.Kind == BallotKind.Grade) return null;
        if (mark.Points!.Any(p => p is null)) return InvalidReason.PointsIncomplete;
        return form.Dimensions.Select((d, i) => InRange(mark.Points![i]!.Value, d.MaxPoints)).All(ok => ok) ? null : InvalidReason.PointsOutOfRange;
    }

    private static bool InRange(decimal p, int max) => p >= 0 && p <= max && decimal.Round(p, MaxDecimals) == p;
}

/// <summary>
/// A stored ballot: the meeting, the voter category and the marks only, under a random identifier. No code,
/// account, IP, user agent or time. Rehearsal ballots are never stored.
/// </summary>
public sealed class MeetingBallot
{
    private MeetingBallot() { }

    public Guid Id { get; private set; }
    public int MeetingId { get; private set; }
    public int CategoryId { get; private set; }
    public BallotSource Source { get; private set; }
    public bool IsValid { get; private set; }
    public InvalidReason? InvalidReason { get; private set; }
    public IReadOnlyList<Mark> Marks { get; private set; } = [];

    /// <summary>A phone ballot; throws the first rule it breaks (the voter sees the message and corrects it).</summary>
    public static MeetingBallot FromPhone(int meetingId, int categoryId, IReadOnlyList<ReporterForm> reporters, IReadOnlyList<Mark> marks, BallotRules rules)
    {
        var errors = rules.ValidatePhone(reporters, marks);
        if (errors.Count > 0) throw new DomainException(errors[0].Code, errors[0].Args);
        return New(meetingId, categoryId, BallotSource.Phone, marks, BallotClassification.Valid);
    }

    /// <summary>A paper ballot as the sheet reads, valid or invalid by the rules.</summary>
    public static MeetingBallot FromPaper(int meetingId, int categoryId, IReadOnlyList<ReporterForm> reporters, IReadOnlyList<Mark> marks, BallotRules rules) =>
        New(meetingId, categoryId, BallotSource.Paper, marks, rules.ClassifyPaper(reporters, marks));

    private static MeetingBallot New(int meetingId, int categoryId, BallotSource source, IReadOnlyList<Mark> marks, BallotClassification c) => new()
    {
        Id = Guid.NewGuid(), // version 4: random, no time in it (version 7 would carry the time)
        MeetingId = meetingId, CategoryId = categoryId, Source = source,
        IsValid = c.IsValid, InvalidReason = c.Reason,
        Marks = marks.Where(m => !m.IsEmpty).OrderBy(m => m.ReporterId)
            .Select(m => m with { Grade = m.Grade?.Trim(), Points = m.Points?.ToList() }).ToList(),
    };
}
