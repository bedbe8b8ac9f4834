using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Organizations;

namespace Shuzhi.Domain.Reports;

/// <summary>
/// 述职报告公开 (seed 001 第五条): after the meeting the organizer's staff publish the approved reports of a
/// campaign within a chosen scope, an organization's subtree, where every account may read them. A publication
/// is a copy of the reports as approved, so what was published stays what was read; it is withdrawn, never deleted,
/// and publishing again withdraws the one before.
/// </summary>
public sealed class ReportPublication
{
    private ReportPublication() { }

    public int Id { get; private set; }
    public int CampaignId { get; private set; }
    /// <summary>The organization whose subtree may read.</summary>
    public int ScopeOrganizationId { get; private set; }
    /// <summary>The scope organization's path and its upper bound, copied for the scope filter (no join to the tree).</summary>
    public string ScopePath { get; private set; } = "";
    public string ScopeUpper { get; private set; } = "";
    public string ScopeName { get; private set; } = "";
    public int ReportCount { get; private set; }
    public DateTimeOffset PublishedAt { get; private set; }
    public string PublishedBy { get; private set; } = "";
    public DateTimeOffset? WithdrawnAt { get; private set; }
    public string? WithdrawnBy { get; private set; }
    public string? WithdrawReason { get; private set; }

    public const int MaxWithdrawReason = 500;

    private readonly List<PublishedReport> _reports = [];
    public IReadOnlyList<PublishedReport> Reports => _reports;

    public bool IsActive => WithdrawnAt is null;

    /// <summary>
    /// Publishing is for after the meeting: the campaign has left 述职评议 (the meeting stage); the scope lies
    /// within the organizer's subtree; at least one report is approved.
    /// </summary>
    public static ReportPublication Create(Campaign campaign, string organizerPath, Organization scope, DateTimeOffset now, string by)
    {
        if (campaign.Stage <= CampaignStage.Evaluation) throw new DomainException("Publication.BeforeMeeting");
        if (!OrgPath.IsWithin(scope.Path, organizerPath)) throw new DomainException("Publication.ScopeOutsideOrganizer");
        return new ReportPublication
        {
            CampaignId = campaign.Id, ScopeOrganizationId = scope.Id, ScopePath = scope.Path, ScopeUpper = OrgPath.UpperBound(scope.Path),
            ScopeName = scope.Name, PublishedAt = now, PublishedBy = by,
        };
    }

    /// <summary>Adds the copy of an approved report (only approved reports are published).</summary>
    public PublishedReport Add(Campaign campaign, Track track, Report report, string organizationName, string? personName)
    {
        if (campaign.Id != CampaignId || track.CampaignId != CampaignId) throw new DomainException("Publication.OtherCampaign");
        var copy = PublishedReport.Of(campaign, track, report, organizationName, personName, _reports.Count + 1);
        _reports.Add(copy);
        ReportCount = _reports.Count;
        return copy;
    }

    /// <summary>A publication holds at least one report.</summary>
    public void EnsureNotEmpty()
    {
        if (_reports.Count == 0) throw new DomainException("Publication.NothingApproved");
    }

    public void Withdraw(string? reason, DateTimeOffset now, string by)
    {
        if (!IsActive) throw new DomainException("Publication.AlreadyWithdrawn");
        reason = reason?.Trim() ?? "";
        if (reason.Length == 0) throw new DomainException("Publication.WithdrawReasonRequired");
        if (reason.Length > MaxWithdrawReason) throw new DomainException("Publication.WithdrawReasonTooLong", MaxWithdrawReason);
        WithdrawnAt = now;
        WithdrawnBy = by;
        WithdrawReason = reason;
    }

    /// <summary>
    /// Whether an account whose scope is the subtree at <paramref name="readerPath"/> reads the publication: it lies
    /// within the published subtree (a member reading), or the published subtree lies within its scope (the units above).
    /// The database filter states the same in SQL.
    /// </summary>
    public bool IsReadBy(string readerPath) => OrgPath.IsWithin(readerPath, ScopePath) || OrgPath.IsWithin(ScopePath, readerPath);
}

/// <summary>One approved report as published: who reported, the outline and the text as approved.</summary>
public sealed class PublishedReport
{
    private PublishedReport() { }

    public int Id { get; private set; }
    public int PublicationId { get; private set; }
    public int CampaignId { get; private set; }
    public int ReportId { get; private set; }
    public int Year { get; private set; }
    public string CampaignTitle { get; private set; } = "";
    public string TrackName { get; private set; } = "";
    public string OrganizationName { get; private set; } = "";
    public string? PersonName { get; private set; }
    public int SortOrder { get; private set; }
    public DateTimeOffset ApprovedAt { get; private set; }
    public ReportOutline Outline { get; private set; } = ReportOutline.Seed003;
    public ReportText Text { get; private set; } = ReportText.Empty;

    /// <summary>The copy of an approved report; only approved reports are published.</summary>
    internal static PublishedReport Of(Campaign campaign, Track track, Report report, string organizationName, string? personName, int sortOrder)
    {
        if (report.Status != ReportStatus.Approved || report.ApprovedAt is not { } approvedAt) throw new DomainException("Publication.NotApproved");
        return new PublishedReport
        {
            CampaignId = campaign.Id, ReportId = report.Id, Year = campaign.Year,
            CampaignTitle = campaign.Title, TrackName = track.Name, OrganizationName = organizationName, PersonName = personName,
            SortOrder = sortOrder, ApprovedAt = approvedAt, Outline = track.Outline,
            // Only the outline's own sections are published: rectification responses and unplaced text stay with the report.
            Text = new ReportText(track.Outline.Sections.ToDictionary(s => s.Key, s => report.Text.Section(s.Key)), new Dictionary<int, string>()),
        };
    }
}
