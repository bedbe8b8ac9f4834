using Shuzhi.Domain.Reports;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Shuzhi.Web.Features;

/// <summary>What a track is made of, as entered on the page or sent to the API.</summary>
public sealed record TrackInput(string Name, DebriefMode Mode, IReadOnlyList<WeightedComponent> Components, BallotForm Ballot,
    int? SpeakingMinutes, bool PptRequired);

/// <summary>A reporter as the pages and the API list it.</summary>
public sealed record ReporterRow(int Id, int TrackId, string TrackName, int OrganizationId, string OrganizationCode, string OrganizationName,
    OrganizationKind Kind, int? PersonId, string? PersonName, bool IsActing, bool ShortTenure, int SortOrder);

/// <summary>
/// Tracks (层面) and reporters of a campaign: created, changed, moved and removed until the meeting
/// stage (<see cref="Campaign.EnsureSetupOpen"/>). Entity changes are audited by the AuditWriter; moves
/// and removals also get an explicit entry naming the organization and the tracks.
/// </summary>
public sealed class TrackCommands(AppDbContext db, CampaignCommands campaigns)
{
    // Audit details keep Chinese names readable rather than \u-escaped.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>The campaign through the scope filter: out of scope is not found.</summary>
    public Task<Campaign?> FindAsync(int campaignId, CancellationToken ct) => campaigns.FindAsync(campaignId, ct);

    /// <summary>
    /// Whether the account may change the campaign's tracks and reporters: the organizer's own staff
    /// (<see cref="CampaignCommands.MayManage"/>); the role itself is checked by Policies.ManageCampaigns.
    /// </summary>
    public bool MayEdit(Campaign campaign) => campaigns.MayManage(campaign.OrganizerId);

    /// <summary>Every change goes through here: the organizer's own account, and only until the meeting stage.</summary>
    private void EnsureEditable(Campaign campaign)
    {
        if (!MayEdit(campaign)) throw new DomainException("Cp.NotYourCampaign");
        campaign.EnsureSetupOpen();
    }

    public Task<List<Track>> TracksAsync(int campaignId, CancellationToken ct) =>
        db.Tracks.Where(t => t.CampaignId == campaignId).OrderBy(t => t.SortOrder).ThenBy(t => t.Id).ToListAsync(ct);

    public async Task<Track> CreateAsync(Campaign campaign, TrackInput input, CancellationToken ct)
    {
        EnsureEditable(campaign);
        var order = await db.Tracks.Where(t => t.CampaignId == campaign.Id).Select(t => (int?)t.SortOrder).MaxAsync(ct) ?? 0;
        await EnsureUniqueNameAsync(campaign, input.Name, null, ct);
        var track = Track.Create(campaign.Id, input.Name, order + 1, input.Mode, input.Components, input.Ballot, input.SpeakingMinutes, input.PptRequired);
        db.Tracks.Add(track);
        await db.SaveChangesAsync(ct);
        return track;
    }

    public async Task UpdateAsync(Campaign campaign, Track track, TrackInput input, CancellationToken ct)
    {
        EnsureEditable(campaign);
        await EnsureUniqueNameAsync(campaign, input.Name, track.Id, ct);
        // An on-site ballot track that becomes written-only would leave its reporters with a
        // ballot no meeting casts; the domain refuses the combination itself.
        track.Update(input.Name, track.SortOrder, input.Mode, input.Components, input.Ballot, input.SpeakingMinutes, input.PptRequired);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Sets the track's outline and rules until the meeting stage. A section some report has written text in cannot
    /// be removed (the text would no longer be shown or counted); its heading and guidance may change.
    /// </summary>
    public async Task SetReportTemplateAsync(Campaign campaign, Track track, ReportOutline outline, ReportRules rules, CancellationToken ct)
    {
        campaign.EnsureSetupOpen();
        var removed = track.Outline.Removed(outline);
        if (removed.Count > 0)
        {
            var texts = await db.Reports.Where(r => db.CampaignReporters.Any(x => x.Id == r.CampaignReporterId && x.TrackId == track.Id))
                .Select(r => r.Text).ToListAsync(ct);
            foreach (var section in removed)
            {
                var written = texts.Count(t => !string.IsNullOrWhiteSpace(t.Section(section.Key)));
                if (written > 0) throw new DomainException("Outline.RemovedHasText", section.Heading, written);
            }
        }
        track.SetReportTemplate(outline, rules);
        await db.SaveChangesAsync(ct);
    }

    public async Task DeleteAsync(Campaign campaign, Track track, CancellationToken ct)
    {
        EnsureEditable(campaign);
        var count = await db.CampaignReporters.CountAsync(r => r.TrackId == track.Id, ct);
        if (count > 0) throw new DomainException("Track.HasReporters", track.Name, count);
        db.Tracks.Remove(track);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Puts the tracks in the given order; every track of the campaign must be named once.</summary>
    public async Task ReorderAsync(Campaign campaign, IReadOnlyList<int> trackIds, CancellationToken ct)
    {
        EnsureEditable(campaign);
        var tracks = await TracksAsync(campaign.Id, ct);
        if (trackIds.Count != tracks.Count || !tracks.All(t => trackIds.Contains(t.Id)) || trackIds.Distinct().Count() != trackIds.Count)
            throw new DomainException("Track.ReorderMismatch");
        foreach (var t in tracks)
            t.Update(t.Name, trackIds.ToList().IndexOf(t.Id) + 1, t.Mode, t.Components, t.Ballot, t.SpeakingMinutes, t.PptRequired);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds the organizations picked, or the organizer's direct subordinates of a kind (any kind when <paramref name="allSubordinates"/>).</summary>
    public async Task<int> AddReportersAsync(Campaign campaign, Track track, IReadOnlyCollection<int>? organizationIds, OrganizationKind? kind, bool allSubordinates, CancellationToken ct)
    {
        EnsureEditable(campaign);
        IReadOnlyCollection<int> ids;
        if (kind is not null || allSubordinates)
            ids = (await campaigns.DirectSubordinatesAsync(campaign, kind, ct)).Select(o => o.Id).ToList();
        else if (organizationIds is { Count: > 0 })
            ids = organizationIds;
        else
            throw new DomainException("Track.NoOrganizations");
        return await campaigns.AddReportersAsync(campaign, track, ids, ct);
    }

    public async Task RemoveReporterAsync(Campaign campaign, CampaignReporter reporter, CancellationToken ct)
    {
        EnsureEditable(campaign);
        var org = await db.Organizations.IgnoreQueryFilters().SingleAsync(o => o.Id == reporter.OrganizationId, ct);
        var track = await db.Tracks.SingleAsync(t => t.Id == reporter.TrackId, ct);
        // Removing would take the report and its versions with it: nothing written is lost that way.
        if (await db.Reports.AnyAsync(r => r.CampaignReporterId == reporter.Id, ct)) throw new DomainException("Track.ReporterHasReport", org.Name);
        db.CampaignReporters.Remove(reporter);
        db.Audit("reporter-remove", nameof(CampaignReporter), reporter.Id.ToString(),
            JsonSerializer.Serialize(new { campaignId = campaign.Id, organization = org.Name, organizationCode = org.Code, track = track.Name }, Json),
            org.Path);
        await db.SaveChangesAsync(ct);
    }

    public async Task MoveReporterAsync(Campaign campaign, CampaignReporter reporter, int trackId, CancellationToken ct)
    {
        EnsureEditable(campaign);
        var target = await db.Tracks.SingleOrDefaultAsync(t => t.Id == trackId && t.CampaignId == campaign.Id, ct)
            ?? throw new DomainException("Track.NotInCampaign");
        if (target.Id == reporter.TrackId) throw new DomainException("Track.AlreadyInTrack", target.Name);
        var from = await db.Tracks.SingleAsync(t => t.Id == reporter.TrackId, ct);
        var org = await db.Organizations.IgnoreQueryFilters().SingleAsync(o => o.Id == reporter.OrganizationId, ct);
        reporter.MoveTo(target.Id);
        db.Audit("reporter-move", nameof(CampaignReporter), reporter.Id.ToString(),
            JsonSerializer.Serialize(new { campaignId = campaign.Id, organization = org.Name, organizationCode = org.Code, from = from.Name, to = target.Name }, Json),
            org.Path);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The reporters of a campaign with organization, track and person. Plain filtered joins: whoever sees
    /// the campaign sees its organizer's subtree, so nothing is lost, and no filter is switched off.
    /// </summary>
    public IQueryable<ReporterRow> Rows(int campaignId) =>
        from r in db.CampaignReporters.AsNoTracking()
        where r.CampaignId == campaignId
        join t in db.Tracks on r.TrackId equals t.Id
        join o in db.Organizations on r.OrganizationId equals o.Id
        join p in db.People on r.PersonId equals p.Id into ps
        from p in ps.DefaultIfEmpty()
        select new ReporterRow(r.Id, t.Id, t.Name, o.Id, o.Code, o.Name, o.Kind, r.PersonId, p == null ? null : p.Name, r.IsActing, r.ShortTenure, r.SortOrder);

    private async Task EnsureUniqueNameAsync(Campaign campaign, string name, int? exceptId, CancellationToken ct)
    {
        var n = name.Trim();
        if (await db.Tracks.AnyAsync(t => t.CampaignId == campaign.Id && t.Name == n && t.Id != exceptId, ct))
            throw new DomainException("Track.NameTaken", n);
    }
}
