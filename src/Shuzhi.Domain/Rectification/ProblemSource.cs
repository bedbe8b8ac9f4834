namespace Shuzhi.Domain.Rectification;

/// <summary>Where a problem was found (seed 000 四.5: 自己查摆、会前督查、领导点评、群众评议、考核反馈; seed 002 三.1).</summary>
public enum ProblemSourceKind
{
    /// <summary>A comment marked as a problem at the meeting (领导点评); link: the comment id.</summary>
    MeetingComment = 1,
    /// <summary>The reporter's own problems section (自身查摆); link: the report id and the problem's index in the section.</summary>
    ReportProblems = 2,
    /// <summary>The 指出问题 part of the evaluation opinion; link: the opinion id.</summary>
    Opinion = 3,
    /// <summary>A note of the on-site inspection (实地检查); link: the inspection sheet id.</summary>
    InspectionNote = 4,
    /// <summary>Entered by staff, from another check such as 巡视巡察反馈; link: the source text.</summary>
    StaffEntered = 5,
    /// <summary>A commitment made at an interview (约谈提醒); link: the interview id.</summary>
    Interview = 6,
}

/// <summary>
/// Where a problem came from, with its link: <see cref="RefId"/> (comment, report, opinion, sheet or interview id),
/// <see cref="Position"/> (the problem's 0-based index in a report's problems section) and, for staff-entered
/// problems, <see cref="Text"/> (巡视巡察反馈…). Built only through the factories, which check the link.
/// </summary>
public sealed record ProblemSource
{
    public const int MaxTextLength = 100;

    /// <summary>The checks whose findings staff enter (seed 002 三.1); editable per campaign, this is the default.</summary>
    public static IReadOnlyList<string> DefaultStaffSources { get; } = ["巡视巡察反馈", "年度考核", "环保督察", "乡村振兴实绩考核", "安全生产考核"];

    public const int MaxStaffSources = 20;

    /// <summary>
    /// A campaign's own list of staff sources (the defaults edited): trimmed, blanks and repeats dropped, in order;
    /// at least one, at most <see cref="MaxStaffSources"/>, each at most <see cref="MaxTextLength"/> characters.
    /// </summary>
    public static IReadOnlyList<string> NormalizeStaffSources(IEnumerable<string?> sources)
    {
        var list = sources.Select(s => (s ?? "").Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (list.Count == 0) throw new DomainException("Rect.StaffSourcesEmpty");
        if (list.Count > MaxStaffSources) throw new DomainException("Rect.StaffSourcesTooMany", MaxStaffSources);
        if (list.Any(s => s.Length > MaxTextLength)) throw new DomainException("Rect.SourceTextTooLong", MaxTextLength);
        return list;
    }

    private ProblemSource(ProblemSourceKind kind, int? refId, int? position, string? text) =>
        (Kind, RefId, Position, Text) = (kind, refId, position, text);

    public ProblemSourceKind Kind { get; }
    public int? RefId { get; }
    public int? Position { get; }
    public string? Text { get; }

    public static ProblemSource FromComment(int commentId) => new(ProblemSourceKind.MeetingComment, Id(commentId), null, null);
    public static ProblemSource FromReport(int reportId, int position)
    {
        if (position < 0) throw new DomainException("Rect.SourcePositionInvalid");
        return new(ProblemSourceKind.ReportProblems, Id(reportId), position, null);
    }
    public static ProblemSource FromOpinion(int opinionId) => new(ProblemSourceKind.Opinion, Id(opinionId), null, null);
    public static ProblemSource FromInspection(int sheetId) => new(ProblemSourceKind.InspectionNote, Id(sheetId), null, null);
    public static ProblemSource FromInterview(int interviewId) => new(ProblemSourceKind.Interview, Id(interviewId), null, null);

    /// <summary>A staff-entered problem from another check; any text, the defaults being <see cref="DefaultStaffSources"/>.</summary>
    public static ProblemSource Staff(string? source)
    {
        source = (source ?? "").Trim();
        if (source.Length == 0) throw new DomainException("Rect.SourceTextRequired");
        if (source.Length > MaxTextLength) throw new DomainException("Rect.SourceTextTooLong", MaxTextLength);
        return new(ProblemSourceKind.StaffEntered, null, null, source);
    }

    /// <summary>Rebuilds a stored source (persistence), with the same checks as the factories.</summary>
    public static ProblemSource Restore(ProblemSourceKind kind, int? refId, int? position, string? text) => kind switch
    {
        ProblemSourceKind.MeetingComment => FromComment(refId ?? 0),
        ProblemSourceKind.ReportProblems => FromReport(refId ?? 0, position ?? -1),
        ProblemSourceKind.Opinion => FromOpinion(refId ?? 0),
        ProblemSourceKind.InspectionNote => FromInspection(refId ?? 0),
        ProblemSourceKind.Interview => FromInterview(refId ?? 0),
        ProblemSourceKind.StaffEntered => Staff(text),
        _ => throw new DomainException("Rect.SourceKindInvalid"),
    };

    /// <summary>How lists show the source: 会议点评、自身查摆、评价意见、实地检查、约谈承诺, or the staff-entered text.</summary>
    public string Label => Kind switch
    {
        ProblemSourceKind.MeetingComment => "会议点评",
        ProblemSourceKind.ReportProblems => "自身查摆",
        ProblemSourceKind.Opinion => "评价意见",
        ProblemSourceKind.InspectionNote => "实地检查",
        ProblemSourceKind.Interview => "约谈承诺",
        _ => Text ?? "",
    };

    private static int Id(int id) => id > 0 ? id : throw new DomainException("Rect.SourceLinkRequired");
}
