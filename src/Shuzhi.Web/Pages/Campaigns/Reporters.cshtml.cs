using System.Linq.Expressions;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Campaigns;

/// <summary>
/// Who debriefs, grouped by track: added by kind of direct subordinate or picked, moved or removed
/// until the meeting stage. Everyone in scope reads; only staff change.
/// </summary>
public sealed class ReportersModel(TrackCommands cmd, AppDbContext db, ReportCommands reports, ReportFileCommands reportFiles) : PageModel
{
    [BindProperty(SupportsGet = true)] public ListQuery Query { get; set; } = new();

    public Campaign Campaign { get; private set; } = null!;
    public IReadOnlyList<Track> Tracks { get; private set; } = [];
    public PageResult<ReporterRow> Rows { get; private set; } = new([], 1, 50, 0);
    public IReadOnlyList<Organization> Candidates { get; private set; } = [];
    /// <summary>Reviewing leader (包片领导) of each reporter, the names to show, and whom staff may assign.</summary>
    public IReadOnlyDictionary<int, string?> ReviewerOf { get; private set; } = new Dictionary<int, string?>();
    public IReadOnlyDictionary<string, string> ReviewerNames { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyList<AppUser> Reviewers { get; private set; } = [];
    public bool CanEdit => reports.IsOrganizerStaff(User, Campaign.OrganizerId);
    /// <summary>The organizer's own staff download all reports of a track as one .zip.</summary>
    public bool SetupOpen => Campaign.Stage < CampaignStage.Evaluation;

    private static readonly Dictionary<string, Expression<Func<ReporterRow, object>>> Columns = new()
    {
        ["track"] = r => r.TrackId,
        ["code"] = r => r.OrganizationCode,
        ["name"] = r => r.OrganizationName,
        ["person"] = r => r.PersonName ?? "",
    };

    public async Task<IActionResult> OnGetAsync(int campaignId, CancellationToken ct)
    {
        if (!await LoadAsync(campaignId, ct)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(int campaignId, CancellationToken ct)
    {
        if (await cmd.FindAsync(campaignId, ct) is not { } c) return NotFound();
        var rows = await cmd.Rows(c.Id).ToListAsync(ct);
        var order = (await cmd.TracksAsync(c.Id, ct)).Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var sheet = new XlsxSheet(TrackStrings.Tabs_Reporters,
            [TrackStrings.Col_Track, TrackStrings.Col_Code, TrackStrings.Col_Organization, TrackStrings.Col_Kind, TrackStrings.Col_Person, TrackStrings.Col_Acting, TrackStrings.Col_ShortTenure],
            rows.OrderBy(r => order.GetValueOrDefault(r.TrackId)).ThenBy(r => r.SortOrder).Select(r => (IReadOnlyList<object?>)
                [r.TrackName, r.OrganizationCode, r.OrganizationName, r.Kind.Name(), r.PersonName ?? TrackStrings.Reporter_NoPerson,
                 r.IsActing ? Strings.Common_Yes : "", r.ShortTenure ? Strings.Common_Yes : ""]));
        db.Audit("export", nameof(CampaignReporter), null, $"{{\"campaignId\":{c.Id}}}", c.Organizer?.Path);
        await db.SaveChangesAsync(ct);
        return XlsxResult.File(this, [sheet], $"{c.Year}{TrackStrings.Export_ReportersName}");
    }

    /// <summary>All written reports of one track as a .zip of .docx files named by organization (organizer's staff only).</summary>
    public async Task<IActionResult> OnGetReportsZipAsync(int campaignId, int trackId, CancellationToken ct)
    {
        if (await cmd.FindAsync(campaignId, ct) is not { } c) return NotFound();
        Campaign = c;
        var track = (await cmd.TracksAsync(c.Id, ct)).FirstOrDefault(t => t.Id == trackId);
        if (track is null) return NotFound();
        if (!CanEdit) return Forbid();
        var items = await reportFiles.TrackReportsAsync(c, track, ct);
        db.Audit("export", nameof(Shuzhi.Domain.Reports.Report), null, System.Text.Json.JsonSerializer.Serialize(new { campaignId = c.Id, trackId, count = items.Count }), c.Organizer?.Path);
        await db.SaveChangesAsync(ct);
        return DocxResult.Zip(items, $"{c.Year}_{track.Name}_{ReportStrings.Rf_ZipName}");
    }

    public Task<IActionResult> OnPostAddByKindAsync(int campaignId, int trackId, string? kind, CancellationToken ct) =>
        ChangeAsync(campaignId, async () =>
        {
            var track = Tracks.FirstOrDefault(t => t.Id == trackId) ?? throw new DomainException("Track.NotInCampaign");
            OrganizationKind? k = Enum.TryParse<OrganizationKind>(kind, out var parsed) ? parsed : null;
            var n = await cmd.AddReportersAsync(Campaign, track, null, k, allSubordinates: k is null, ct);
            return string.Format(TrackStrings.Reporter_Added, n, track.Name);
        }, ct);

    public Task<IActionResult> OnPostAddPickedAsync(int campaignId, int trackId, int[] organizationIds, CancellationToken ct) =>
        ChangeAsync(campaignId, async () =>
        {
            var track = Tracks.FirstOrDefault(t => t.Id == trackId) ?? throw new DomainException("Track.NotInCampaign");
            var n = await cmd.AddReportersAsync(Campaign, track, organizationIds, null, false, ct);
            return string.Format(TrackStrings.Reporter_Added, n, track.Name);
        }, ct);

    public Task<IActionResult> OnPostRemoveAsync(int campaignId, int reporterId, CancellationToken ct) =>
        ChangeAsync(campaignId, async () =>
        {
            var r = await db.CampaignReporters.SingleOrDefaultAsync(x => x.Id == reporterId && x.CampaignId == Campaign.Id, ct) ?? throw new Missing();
            await cmd.RemoveReporterAsync(Campaign, r, ct);
            return TrackStrings.Reporter_Removed;
        }, ct);

    public Task<IActionResult> OnPostMoveAsync(int campaignId, int reporterId, int trackId, CancellationToken ct) =>
        ChangeAsync(campaignId, async () =>
        {
            var r = await db.CampaignReporters.SingleOrDefaultAsync(x => x.Id == reporterId && x.CampaignId == Campaign.Id, ct) ?? throw new Missing();
            await cmd.MoveReporterAsync(Campaign, r, trackId, ct);
            return string.Format(TrackStrings.Reporter_Moved, Tracks.First(t => t.Id == trackId).Name);
        }, ct);

    public Task<IActionResult> OnPostReviewerAsync(int campaignId, int reporterId, string? reviewerUserId, CancellationToken ct) =>
        ChangeAsync(campaignId, async () =>
        {
            var r = await db.CampaignReporters.SingleOrDefaultAsync(x => x.Id == reporterId && x.CampaignId == Campaign.Id, ct) ?? throw new Missing();
            await reports.AssignReviewerAsync(User, Campaign, r, reviewerUserId, ct);
            return ReportStrings.Rp_ReviewerAssigned;
        }, ct);

    private sealed class Missing : Exception;

    private async Task<IActionResult> ChangeAsync(int campaignId, Func<Task<string>> change, CancellationToken ct)
    {
        if (!await LoadAsync(campaignId, ct)) return NotFound();
        if (!CanEdit) return Forbid();
        try
        {
            TempData["Flash"] = await change();
            return Redirect($"/Campaigns/Reporters/{campaignId}");
        }
        catch (Missing)
        {
            return NotFound();
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", Messages.For(e));
            await LoadAsync(campaignId, ct);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(int campaignId, CancellationToken ct)
    {
        if (await cmd.FindAsync(campaignId, ct) is not { } c) return false;
        Campaign = c;
        Tracks = await cmd.TracksAsync(c.Id, ct);
        // A campaign has at most a few hundred reporters: searched, grouped and sorted in memory.
        IEnumerable<ReporterRow> all = await cmd.Rows(c.Id).ToListAsync(ct);
        if (!string.IsNullOrWhiteSpace(Query.Q))
        {
            var q = Query.Q.Trim();
            all = all.Where(r => r.OrganizationName.Contains(q) || r.OrganizationCode.StartsWith(q, StringComparison.OrdinalIgnoreCase) || (r.PersonName?.Contains(q) ?? false));
        }
        // Grouped by track in the tracks' order, then by the chosen column.
        var trackOrder = Tracks.Select(t => t.Id).ToList();
        var key = Query.Sort is not null && Columns.ContainsKey(Query.Sort) ? Query.Sort : "track";
        var sel = Columns[key].Compile();
        IEnumerable<ReporterRow> ordered = all.OrderBy(r => trackOrder.IndexOf(r.TrackId));
        ordered = key == "track"
            ? ((IOrderedEnumerable<ReporterRow>)ordered).ThenBy(r => r.SortOrder)
            : Query.Desc ? ((IOrderedEnumerable<ReporterRow>)ordered).ThenByDescending(sel) : ((IOrderedEnumerable<ReporterRow>)ordered).ThenBy(sel);
        var list = ordered.ToList();
        Rows = new PageResult<ReporterRow>(list.Skip((Query.SafePage - 1) * Query.SafeSize).Take(Query.SafeSize).ToList(), Query.SafePage, Query.SafeSize, list.Count);
        ReviewerOf = await db.CampaignReporters.Where(r => r.CampaignId == c.Id).ToDictionaryAsync(r => r.Id, r => r.ReviewerUserId, ct);
        var reviewerIds = ReviewerOf.Values.OfType<string>().Distinct().ToList();
        ReviewerNames = await db.ScopedUsers().Where(u => reviewerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName ?? u.UserName ?? "", ct);
        if (CanEdit) Reviewers = await reports.ReviewerCandidatesAsync(c, ct);
        if (CanEdit && Campaign.Stage < CampaignStage.Evaluation && c.Organizer is { } organizer)
        {
            var reporting = await db.CampaignReporters.Where(r => r.CampaignId == c.Id).Select(r => r.OrganizationId).ToListAsync(ct);
            Candidates = (await db.Subtree(organizer.Path, includeRoot: false).AsNoTracking().Where(o => o.IsActive)
                .OrderBy(o => o.Path).Take(1000).ToListAsync(ct)).Where(o => !reporting.Contains(o.Id)).ToList();
        }
        return true;
    }
}
