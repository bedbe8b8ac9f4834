using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Meetings;

/// <summary>
/// The chair's big screen: who speaks now (?n=, 1-based; the script moves on without reloading), the next speaker and
/// a countdown of the track's speaking minutes. Full screen on a projector, usable on a phone.
/// </summary>
public sealed class ChairModel(CampaignCommands campaigns, MeetingCommands meetings) : MeetingPageModel(campaigns, meetings)
{
    public IReadOnlyList<MeetingSpeaker> Speakers { get; private set; } = [];
    /// <summary>The latest slides (.pptx) each speaker uploaded with the report, by reporter.</summary>
    public IReadOnlyDictionary<int, int> Slides { get; private set; } = new Dictionary<int, int>();
    /// <summary>The current speaker, 0-based.</summary>
    public int Current { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int? n, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is { } stop) return stop;
        Speakers = await Meetings.SpeakersAsync(Meeting, ct);
        Slides = await Meetings.SlidesAsync(Meeting, ct);
        Current = Speakers.Count == 0 ? 0 : Math.Clamp((n ?? 1) - 1, 0, Speakers.Count - 1);
        return Page();
    }
}
