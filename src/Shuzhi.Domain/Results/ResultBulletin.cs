using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Organizations;
using Shuzhi.Domain.Scoring;

namespace Shuzhi.Domain.Results;

/// <summary>One reporter's line in a bulletin.</summary>
public sealed record BulletinEntry(string TrackName, string OrganizationName, string? PersonName, Grade Grade);

/// <summary>
/// 通报 (seed 002 三.3: 在一定范围内通报): the released grades, read within a chosen scope (the organizer's subtree or a
/// unit within it) and by the units above, the way report publications are read (docs/decisions/0010). A copy of the
/// results as released; withdrawn with a reason (or with the release), never deleted.
/// </summary>
public sealed class ResultBulletin
{
    public const int MaxReason = ResultRelease.MaxReason;

    private ResultBulletin() { }

    public int Id { get; private set; }
    public int CampaignId { get; private set; }
    public int ReleaseId { get; private set; }
    public int ScopeOrganizationId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public string ScopeUpper { get; private set; } = "";
    public string ScopeName { get; private set; } = "";
    public int Year { get; private set; }
    public string CampaignTitle { get; private set; } = "";
    public string OrganizerName { get; private set; } = "";
    public DateOnly MeetingDate { get; private set; }
    public IReadOnlyList<BulletinEntry> Entries { get; private set; } = [];
    public DateTimeOffset PublishedAt { get; private set; }
    public string PublishedBy { get; private set; } = "";
    public DateTimeOffset? WithdrawnAt { get; private set; }
    public string? WithdrawnBy { get; private set; }
    public string? WithdrawReason { get; private set; }

    public bool IsActive => WithdrawnAt is null;

    /// <summary>A bulletin of an active release, within the organizer's subtree, naming at least one reporter.</summary>
    public static ResultBulletin Create(Campaign campaign, string organizerPath, string organizerName, Organization scope, ResultRelease release,
        IReadOnlyList<BulletinEntry> entries, DateTimeOffset now, string by)
    {
        if (!release.IsActive || release.CampaignId != campaign.Id) throw new DomainException("Results.NotReleased");
        if (!OrgPath.IsWithin(scope.Path, organizerPath)) throw new DomainException("Results.ScopeOutsideOrganizer");
        if (entries.Count == 0) throw new DomainException("Results.NothingToBulletin");
        return new ResultBulletin
        {
            CampaignId = campaign.Id, ReleaseId = release.Id, ScopeOrganizationId = scope.Id, ScopePath = scope.Path,
            ScopeUpper = OrgPath.UpperBound(scope.Path), ScopeName = scope.Name, Year = campaign.Year, CampaignTitle = campaign.Title,
            OrganizerName = organizerName, MeetingDate = release.MeetingDate, Entries = entries, PublishedAt = now, PublishedBy = by,
        };
    }

    /// <summary>How many reporters got each grade, best first.</summary>
    public IReadOnlyList<(Grade Grade, int Count)> Counts() =>
        Enum.GetValues<Grade>().Select(g => (g, Entries.Count(e => e.Grade == g))).ToList();

    public void Withdraw(string? reason, DateTimeOffset now, string by)
    {
        if (!IsActive) throw new DomainException("Results.AlreadyWithdrawn");
        WithdrawReason = Reasons.Required(reason, MaxReason);
        WithdrawnAt = now;
        WithdrawnBy = by;
    }

    /// <summary>Same rule as the database filter: a reader within the scope, or a unit above it.</summary>
    public bool IsReadBy(string readerPath) => OrgPath.IsWithin(readerPath, ScopePath) || OrgPath.IsWithin(ScopePath, readerPath);
}

/// <summary>
/// 归入干部人事档案 (seed 002 三.3): the record that a reporter's result (the released letter) was filed into the person's
/// cadre dossier: by whom, when, with a note. One per letter.
/// </summary>
public sealed class DossierFiling
{
    public const int MaxNote = 500;

    private DossierFiling() { }

    public int Id { get; private set; }
    public int CampaignId { get; private set; }
    public int LetterId { get; private set; }
    public int ReporterId { get; private set; }
    public int OrganizerId { get; private set; }
    public int? PersonId { get; private set; }
    public DateTimeOffset FiledAt { get; private set; }
    public string FiledBy { get; private set; } = "";
    public string Note { get; private set; } = "";

    public static DossierFiling Of(FeedbackLetter letter, string? note, DateTimeOffset now, string by)
    {
        if (letter.WithdrawnAt is not null) throw new DomainException("Results.LetterWithdrawn");
        if (letter.PersonId is null) throw new DomainException("Results.NoPerson");
        note = note?.Trim() ?? "";
        if (note.Length > MaxNote) throw new DomainException("Results.NoteTooLong", MaxNote);
        return new DossierFiling
        {
            CampaignId = letter.CampaignId, LetterId = letter.Id, ReporterId = letter.ReporterId, OrganizerId = letter.OrganizerId,
            PersonId = letter.PersonId, FiledAt = now, FiledBy = by, Note = note,
        };
    }
}
