using System.Globalization;
using Shuzhi.Domain.Scoring;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Campaigns.Tracks;

/// <summary>
/// A track's cross-inspection table (交叉检查互评, seed 004 附件2): the organizer's own staff generate it (k, seed,
/// optionally across groups only), edit rows by hand under the domain's checks, regenerate after confirming, set the
/// trimmed mean's k, and export it as .xlsx. Other staff in scope read it.
/// </summary>
public sealed class CrossModel(SheetCommands cmd, CampaignCommands campaigns, AppDbContext db) : PageModel
{
    public Campaign Campaign { get; private set; } = null!;
    public Track Track { get; private set; } = null!;
    public CrossPlan? Plan { get; private set; }
    public IReadOnlyList<CrossUnitRow> Units { get; private set; } = [];
    public IReadOnlyList<CrossPairRow> Pairs { get; private set; } = [];
    public IReadOnlyList<(IssueLevel Level, string Text)> Issues { get; private set; } = [];
    public bool CanEdit => cmd.IsOrganizerStaff(User, Campaign.OrganizerId);

    [BindProperty] public int K { get; set; } = 2;
    [BindProperty] public int Seed { get; set; }
    [BindProperty] public bool AcrossGroupsOnly { get; set; }
    [BindProperty] public int TrimK { get; set; }
    [BindProperty] public bool Replace { get; set; }

    private async Task<bool> LoadAsync(int campaignId, int trackId, CancellationToken ct)
    {
        if (await campaigns.FindAsync(campaignId, ct) is not { } c) return false;
        if (await db.Tracks.SingleOrDefaultAsync(t => t.Id == trackId && t.CampaignId == c.Id, ct) is not { } t) return false;
        Campaign = c;
        Track = t;
        Plan = await cmd.PlanAsync(t.Id, ct);
        Units = await cmd.UnitsAsync(t.Id, ct);
        Pairs = await cmd.PairsAsync(t.Id, ct);
        Issues = Plan is null ? [] : SheetCommands.Issues(Pairs, Units, Plan);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(int campaignId, int trackId, CancellationToken ct)
    {
        if (!await LoadAsync(campaignId, trackId, ct)) return NotFound();
        if (Plan is not null) { K = Plan.K; Seed = Plan.Seed; AcrossGroupsOnly = Plan.AcrossGroupsOnly; TrimK = Plan.TrimK; }
        else Seed = Random.Shared.Next(1, 100000);
        return Page();
    }

    public Task<IActionResult> OnPostGenerateAsync(int campaignId, int trackId, CancellationToken ct) =>
        ActAsync(campaignId, trackId, () => cmd.GenerateAsync(User, Campaign, Track, K, Seed, AcrossGroupsOnly, TrimK, Replace, ct), SheetStrings.Cross_Generated, ct);

    public Task<IActionResult> OnPostTrimAsync(int campaignId, int trackId, CancellationToken ct) =>
        ActAsync(campaignId, trackId, () => cmd.SetTrimAsync(User, Campaign, Track, TrimK, ct), SheetStrings.Cross_TrimSaved, ct);

    public Task<IActionResult> OnPostAddAsync(int campaignId, int trackId, int inspector, int inspected, CancellationToken ct) =>
        ActAsync(campaignId, trackId, () => cmd.AddPairAsync(User, Campaign, Track, inspector, inspected, ct), SheetStrings.Cross_Added, ct);

    public Task<IActionResult> OnPostRemoveAsync(int campaignId, int trackId, int pairId, CancellationToken ct) =>
        ActAsync(campaignId, trackId, () => cmd.RemovePairAsync(User, Campaign, Track, pairId, ct), SheetStrings.Cross_Removed, ct);

    private async Task<IActionResult> ActAsync(int campaignId, int trackId, Func<Task> act, string done, CancellationToken ct)
    {
        if (!await LoadAsync(campaignId, trackId, ct)) return NotFound();
        if (!CanEdit) return Forbid();
        try
        {
            await act();
            TempData["Flash"] = done;
            return Redirect($"/Campaigns/Tracks/Cross/{campaignId}/{trackId}");
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", Messages.For(e));
        }
        db.ChangeTracker.Clear();
        await LoadAsync(campaignId, trackId, ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>The table laid out like seed 004 附件2 (交叉检查安排表): 序号, 检查单位, 被检查单位.</summary>
    public async Task<IActionResult> OnGetExportAsync(int campaignId, int trackId, CancellationToken ct)
    {
        if (!await LoadAsync(campaignId, trackId, ct)) return NotFound();
        var rows = Pairs.GroupBy(p => (p.InspectorReporterId, p.InspectorName)).Select((g, i) => (IReadOnlyList<object?>)
            [i + 1, g.Key.InspectorName, string.Join("、", g.Select(p => p.InspectedName))]).ToList();
        var sheet = new XlsxSheet(SheetStrings.Cross_ExportSheet, [SheetStrings.Cross_ColNo, SheetStrings.Cross_ColInspector, SheetStrings.Cross_ColInspected], rows);
        db.Audit("export", nameof(CrossInspectionPair), Track.Id.ToString(CultureInfo.InvariantCulture), $"{{\"trackId\":{Track.Id}}}", Campaign.Organizer?.Path);
        await db.SaveChangesAsync(ct);
        return XlsxResult.File(this, [sheet], $"{Campaign.Year}{Track.Name}{SheetStrings.Cross_ExportName}");
    }
}
