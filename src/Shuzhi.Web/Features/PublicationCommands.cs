using System.Security.Claims;
using Shuzhi.Domain.Reports;
using Shuzhi.Web.Documents;

namespace Shuzhi.Web.Features;

/// <summary>One line of the list of published reports.</summary>
public sealed class PublishedRow
{
    public int Id { get; init; }
    public int Year { get; init; }
    public int CampaignId { get; init; }
    public string CampaignTitle { get; init; } = "";
    public string TrackName { get; init; } = "";
    public int SortOrder { get; init; }
    public string OrganizationName { get; init; } = "";
    public string? PersonName { get; init; }
    public DateTimeOffset ApprovedAt { get; init; }
    public string ScopeName { get; init; } = "";
    public DateTimeOffset PublishedAt { get; init; }
}

/// <summary>
/// Publication of the approved reports after the meeting (seed 001 第五条): the organizer's own staff choose the
/// scope (the organizer's subtree or a unit within it); every account within that scope, and the units above, then
/// read the reports as approved. Publishing again withdraws the publication before; a withdrawal needs a reason.
/// Both are audited by the AuditWriter (entity changes). Reads go through the scope filters.
/// </summary>
public sealed class PublicationCommands(AppDbContext db, CurrentActor actor, TimeProvider clock, CampaignCommands campaigns)
{
    public bool MayPublish(ClaimsPrincipal user, Campaign campaign) => campaigns.IsOrganizerStaff(user, campaign.OrganizerId);

    /// <summary>Where the reports may be published: the organizer and its active direct subordinates.</summary>
    public async Task<IReadOnlyList<Organization>> ScopeChoicesAsync(Campaign campaign, CancellationToken ct) =>
        await db.Organizations.AsNoTracking().Where(o => o.Id == campaign.OrganizerId || o.ParentId == campaign.OrganizerId && o.IsActive)
            .OrderBy(o => o.Depth).ThenBy(o => o.SortOrder).ThenBy(o => o.Code).ToListAsync(ct);

    public Task<int> ApprovedCountAsync(int campaignId, CancellationToken ct) =>
        db.Reports.CountAsync(r => r.Status == ReportStatus.Approved && db.CampaignReporters.Any(x => x.Id == r.CampaignReporterId && x.CampaignId == campaignId), ct);

    public Task<List<ReportPublication>> PublicationsAsync(int campaignId, CancellationToken ct) =>
        db.ReportPublications.AsNoTracking().Where(p => p.CampaignId == campaignId).OrderByDescending(p => p.Id).ToListAsync(ct);

    public async Task<ReportPublication> PublishAsync(ClaimsPrincipal user, Campaign campaign, int scopeOrganizationId, CancellationToken ct)
    {
        if (!MayPublish(user, campaign)) throw new DomainException("Cp.NotYourCampaign");
        var organizerPath = await db.Organizations.Where(o => o.Id == campaign.OrganizerId).Select(o => o.Path).SingleAsync(ct);
        var scope = await db.Organizations.SingleOrDefaultAsync(o => o.Id == scopeOrganizationId, ct)
            ?? throw new DomainException("Publication.ScopeOutsideOrganizer");
        var now = clock.GetUtcNow();
        var publication = ReportPublication.Create(campaign, organizerPath, scope, now, actor.Name);

        var rows = await (
            from r in db.CampaignReporters
            where r.CampaignId == campaign.Id
            join rep in db.Reports on r.Id equals rep.CampaignReporterId
            where rep.Status == ReportStatus.Approved
            join t in db.Tracks on r.TrackId equals t.Id
            join o in db.Organizations on r.OrganizationId equals o.Id
            orderby t.SortOrder, r.SortOrder
            select new { Report = rep, Track = t, OrgName = o.Name, r.PersonId }).ToListAsync(ct);
        var personIds = rows.Where(x => x.PersonId != null).Select(x => x.PersonId!.Value).Distinct().ToList();
        var people = await db.People.Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        foreach (var x in rows)
            publication.Add(campaign, x.Track, x.Report, x.OrgName, x.PersonId is { } pid ? people.GetValueOrDefault(pid) : null);
        publication.EnsureNotEmpty();

        foreach (var active in await db.ReportPublications.Where(p => p.CampaignId == campaign.Id && p.WithdrawnAt == null).ToListAsync(ct))
            active.Withdraw(PublicationStrings.Pb_Superseded, now, actor.Name);
        db.ReportPublications.Add(publication);
        await db.SaveChangesAsync(ct);
        return publication;
    }

    public async Task WithdrawAsync(ClaimsPrincipal user, Campaign campaign, int publicationId, string? reason, CancellationToken ct)
    {
        if (!MayPublish(user, campaign)) throw new DomainException("Cp.NotYourCampaign");
        var p = await db.ReportPublications.SingleOrDefaultAsync(x => x.Id == publicationId && x.CampaignId == campaign.Id, ct)
            ?? throw new DomainException("Publication.NotFound");
        p.Withdraw(reason, clock.GetUtcNow(), actor.Name);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The published reports the account reads: within a publication's scope, or above it.</summary>
    public IQueryable<PublishedRow> Rows() =>
        from r in db.PublishedReports.AsNoTracking()
        join p in db.ReportPublications on r.PublicationId equals p.Id
        select new PublishedRow
        {
            Id = r.Id, Year = r.Year, CampaignId = r.CampaignId, CampaignTitle = r.CampaignTitle, TrackName = r.TrackName, SortOrder = r.SortOrder,
            OrganizationName = r.OrganizationName, PersonName = r.PersonName, ApprovedAt = r.ApprovedAt, ScopeName = p.ScopeName, PublishedAt = p.PublishedAt,
        };

    public Task<PublishedReport?> FindAsync(int id, CancellationToken ct) =>
        db.PublishedReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);

    /// <summary>A published report in the official layout, dated by its approval.</summary>
    public DocxReport Export(PublishedReport r)
    {
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r.ApprovedAt, clock.LocalTimeZone).DateTime);
        var who = string.IsNullOrWhiteSpace(r.PersonName) ? r.OrganizationName : $"{r.OrganizationName} {r.PersonName}";
        return new DocxReport(string.Format(System.Globalization.CultureInfo.InvariantCulture, ReportStrings.Rf_ExportTitle, r.Year),
            [who, ChineseDates.Format(date)], r.Outline, r.Text.Sections);
    }
}
