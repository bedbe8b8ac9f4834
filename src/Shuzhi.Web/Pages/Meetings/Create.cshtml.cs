using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Meetings;

/// <summary>Sets up a debrief meeting from the campaign's on-site tracks (seed 001 第五条: 现场述职).</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Policies.ManageCampaigns)]
public sealed class CreateModel(AppDbContext db, CampaignCommands campaigns, MeetingCommands meetings) : PageModel
{
    public sealed record TrackChoice(int Id, string Name, int Reporters, int? Minutes);

    [BindProperty] public string Title { get; set; } = "";
    [BindProperty] public List<int> TrackIds { get; set; } = [];

    public Campaign Campaign { get; private set; } = null!;
    public IReadOnlyList<TrackChoice> Tracks { get; private set; } = [];

    private async Task<IActionResult?> LoadAsync(int campaignId, CancellationToken ct)
    {
        if (await campaigns.FindAsync(campaignId, ct) is not { } c) return NotFound();
        if (!meetings.MayManage(User, c)) return Forbid();
        Campaign = c;
        var tracks = await db.Tracks.AsNoTracking().Where(t => t.CampaignId == c.Id).OrderBy(t => t.SortOrder).ThenBy(t => t.Id).ToListAsync(ct);
        var counts = await db.CampaignReporters.Where(r => r.CampaignId == c.Id).GroupBy(r => r.TrackId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        Tracks = tracks.Where(t => t.Mode.IsOnSite()).Select(t => new TrackChoice(t.Id, t.Name, counts.GetValueOrDefault(t.Id), t.SpeakingMinutes)).ToList();
        return null;
    }

    public async Task<IActionResult> OnGetAsync(int campaignId, CancellationToken ct)
    {
        if (await LoadAsync(campaignId, ct) is { } stop) return stop;
        Title = string.Format(MeetingPageStrings.Mt_DefaultTitle, Campaign.Year, Campaign.Organizer?.Name);
        TrackIds = Tracks.Where(t => t.Reporters > 0).Select(t => t.Id).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int campaignId, CancellationToken ct)
    {
        if (await LoadAsync(campaignId, ct) is { } stop) return stop;
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(Title)) ModelState.AddModelError(nameof(Title), Messages.Get("Meeting.TitleRequired"));
        if (TrackIds.Count == 0) ModelState.AddModelError(nameof(TrackIds), MeetingPageStrings.Mt_TracksRequired);
        if (!ModelState.IsValid) return Page();
        try
        {
            var m = await meetings.CreateAsync(User, Campaign, Title, TrackIds.Distinct().ToList(), ct);
            TempData["Flash"] = MeetingPageStrings.Mt_Created;
            return Redirect($"/Meetings/Details/{m.Id}");
        }
        catch (DomainException e)
        {
            var field = e.Code is "Meeting.TitleRequired" or "Meeting.TitleTooLong" ? nameof(Title) : nameof(TrackIds);
            ModelState.AddModelError(field, Messages.For(e));
            return Page();
        }
    }
}
