using Shuzhi.Domain.Meetings;

namespace Shuzhi.Domain.Rectification;

/// <summary>
/// A problem (问题) of a reporter in a campaign, to be rectified: one line of the 问题清单 (seed 004). Keeps the
/// link to where it was found (<see cref="ProblemSource"/>).
/// </summary>
public sealed class Problem
{
    public const int MaxTextLength = 500;

    private Problem() { }

    public int Id { get; private set; }
    public int CampaignId { get; private set; }
    /// <summary>The CampaignReporter whose problem it is.</summary>
    public int ReporterId { get; private set; }
    /// <summary>The reporter organization (scope).</summary>
    public int OrganizationId { get; private set; }
    public string Text { get; private set; } = "";
    public ProblemSourceKind SourceKind { get; private set; }
    public int? SourceRefId { get; private set; }
    public int? SourcePosition { get; private set; }
    public string? SourceText { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public ProblemSource Source => ProblemSource.Restore(SourceKind, SourceRefId, SourcePosition, SourceText);

    public static Problem Create(int campaignId, int reporterId, int organizationId, string? text, ProblemSource source, DateTimeOffset now)
    {
        if (campaignId <= 0 || reporterId <= 0 || organizationId <= 0) throw new DomainException("Rect.ProblemOwnerRequired");
        var p = new Problem
        {
            CampaignId = campaignId, ReporterId = reporterId, OrganizationId = organizationId, CreatedAt = now,
            SourceKind = source.Kind, SourceRefId = source.RefId, SourcePosition = source.Position, SourceText = source.Text,
        };
        p.Edit(text);
        return p;
    }

    /// <summary>The secretary rewords the problem (the source stays).</summary>
    public void Edit(string? text)
    {
        text = (text ?? "").Replace("\r\n", "\n").Trim();
        if (text.Length == 0) throw new DomainException("Rect.ProblemTextRequired");
        if (text.Length > MaxTextLength) throw new DomainException("Rect.ProblemTextTooLong", MaxTextLength, text.Length);
        Text = text;
    }

    /// <summary>
    /// A text shortened to fit <see cref="MaxTextLength"/> (ending in …), for problems taken over automatically from
    /// longer texts (a report paragraph, a comment of up to 2000 characters); the secretary may reword it.
    /// </summary>
    public static string Fit(string? text)
    {
        text = (text ?? "").Replace("\r\n", "\n").Trim();
        return text.Length <= MaxTextLength ? text : text[..(MaxTextLength - 1)].TrimEnd() + "…";
    }

    /// <summary>A (saved) meeting comment marked as pointing out a problem (点评指出的问题), for the reporter it is about.</summary>
    public static Problem FromComment(int campaignId, int organizationId, MeetingComment comment, DateTimeOffset now)
    {
        // Only a comment on one reporter is marked as a problem (a general comment cannot be).
        if (!comment.IsProblem || comment.ReporterId is not { } reporterId) throw new DomainException("Rect.CommentNotProblem");
        return Create(campaignId, reporterId, organizationId, Fit(comment.Text), ProblemSource.FromComment(comment.Id), now);
    }

    /// <summary>The problems of a report's problems section, each linked to the report and its position.</summary>
    public static IReadOnlyList<Problem> FromReport(int campaignId, int reporterId, int organizationId, int reportId, string? problemsSectionText, DateTimeOffset now) =>
        ProblemSplitter.Split(problemsSectionText).Problems
            .Select(s => Create(campaignId, reporterId, organizationId, Fit(s.Text), ProblemSource.FromReport(reportId, s.Index), now))
            .ToList();
}
