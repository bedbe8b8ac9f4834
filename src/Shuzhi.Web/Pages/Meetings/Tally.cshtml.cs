using System.Globalization;
using System.Text.Json;
using Shuzhi.Domain.Meetings;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Meetings;

/// <summary>
/// 测评结果: per track, the reporters by rank with grade counts, rates, category means (≥ 5 marks) and the score; the
/// organizer's own staff only and only after the close (before it the page says so). Exports: the tally workbook and
/// the seed-003 附件2 form filled with the counts, both audited.
/// </summary>
public sealed class TallyModel(AppDbContext db, CampaignCommands campaigns, MeetingCommands meetings, PaperBallotCommands paper) : MeetingPageModel(campaigns, meetings)
{
    public IReadOnlyList<VoterCategory> Categories { get; private set; } = [];
    public IReadOnlyList<MeetingSpeaker> Speakers { get; private set; } = [];
    public IReadOnlyList<TallyTrack> Tracks { get; private set; } = [];
    public bool Closed => Meeting.State == VotingState.Closed;

    private async Task<IActionResult?> LoadAsync(int meetingId, CancellationToken ct)
    {
        if (await FindAsync(meetingId, ct) is { } stop) return stop;
        Categories = await Meetings.CategoriesAsync(Meeting.Id, ct);
        if (!Closed) return null;
        Speakers = await Meetings.SpeakersAsync(Meeting, ct);
        Tracks = TallyTables.Build(Speakers, await Meetings.TallyAsync(User, Campaign, Meeting, ct));
        return null;
    }

    public async Task<IActionResult> OnGetAsync(int meetingId, CancellationToken ct) => await LoadAsync(meetingId, ct) ?? Page();

    public async Task<IActionResult> OnGetExportAsync(int meetingId, CancellationToken ct)
    {
        if (await LoadAsync(meetingId, ct) is { } stop) return stop;
        if (!Closed) return Page();
        await AuditAsync("tally", ct);
        return XlsxResult.File(this, TallyTables.Workbook(Tracks, Categories).ToList(), TallyStrings.Tally_ExportName);
    }

    public async Task<IActionResult> OnGetFormAsync(int meetingId, CancellationToken ct)
    {
        if (await LoadAsync(meetingId, ct) is { } stop) return stop;
        if (!Closed) return Page();
        await AuditAsync("evaluation-form", ct);
        return XlsxResult.File(this, TallyTables.EvaluationForm(Campaign.Year, Speakers, Tracks).ToList(), TallyStrings.Tally_FormName);
    }

    private async Task AuditAsync(string file, CancellationToken ct)
    {
        db.Audit("export", nameof(Meeting), Meeting.Id.ToString(CultureInfo.InvariantCulture), JsonSerializer.Serialize(new { file }),
            await paper.OrganizerPathAsync(Campaign, ct));
        await db.SaveChangesAsync(ct);
    }
}
