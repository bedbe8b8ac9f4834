using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Campaigns.Tracks;

/// <summary>The tracks (层面) of a campaign with their rules and reporter counts; staff only (folder policy).</summary>
public sealed class IndexModel(TrackCommands cmd, AppDbContext db) : PageModel
{
    public Campaign Campaign { get; private set; } = null!;
    public IReadOnlyList<Track> Tracks { get; private set; } = [];
    public IReadOnlyDictionary<int, int> ReporterCounts { get; private set; } = new Dictionary<int, int>();
    public bool SetupOpen => Campaign.Stage < CampaignStage.Evaluation;
    /// <summary>Upper-unit staff read a subordinate's tracks; only the organizer's own staff change them.</summary>
    public bool CanEdit => cmd.MayEdit(Campaign);

    public async Task<IActionResult> OnGetAsync(int campaignId, CancellationToken ct)
    {
        if (!await LoadAsync(campaignId, ct)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int campaignId, int trackId, CancellationToken ct)
    {
        if (!await LoadAsync(campaignId, ct)) return NotFound();
        if (!CanEdit) return Forbid();
        if (Tracks.FirstOrDefault(t => t.Id == trackId) is not { } track) return NotFound();
        try
        {
            await cmd.DeleteAsync(Campaign, track, ct);
            TempData["Flash"] = string.Format(TrackStrings.Track_Deleted, track.Name);
            return Redirect($"/Campaigns/Tracks/{campaignId}");
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", Messages.For(e));
            return Page();
        }
    }

    /// <summary>Moves a track one place up (<paramref name="up"/>) or down.</summary>
    public async Task<IActionResult> OnPostMoveAsync(int campaignId, int trackId, bool up, CancellationToken ct)
    {
        if (!await LoadAsync(campaignId, ct)) return NotFound();
        if (!CanEdit) return Forbid();
        var ids = Tracks.Select(t => t.Id).ToList();
        var i = ids.IndexOf(trackId);
        if (i < 0) return NotFound();
        var j = up ? i - 1 : i + 1;
        if (j >= 0 && j < ids.Count) (ids[i], ids[j]) = (ids[j], ids[i]);
        try
        {
            await cmd.ReorderAsync(Campaign, ids, ct);
            return Redirect($"/Campaigns/Tracks/{campaignId}");
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", Messages.For(e));
            return Page();
        }
    }

    private async Task<bool> LoadAsync(int campaignId, CancellationToken ct)
    {
        if (await cmd.FindAsync(campaignId, ct) is not { } c) return false;
        Campaign = c;
        Tracks = await cmd.TracksAsync(c.Id, ct);
        ReporterCounts = await db.CampaignReporters.Where(r => r.CampaignId == c.Id).GroupBy(r => r.TrackId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return true;
    }
}
