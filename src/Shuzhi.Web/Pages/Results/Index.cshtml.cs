using Shuzhi.Domain.Results;
using Shuzhi.Domain.Scoring;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Results;

/// <summary>
/// 结果反馈 of a campaign for the organizer's staff: the decision's state, the release, each reporter's letter with its
/// acknowledgement, and all letters as a .zip of .docx.
/// </summary>
public sealed class IndexModel(CampaignCommands campaigns, ResultCommands cmd, TimeProvider clock) : ResultPage(campaigns, cmd, clock)
{
    public Deliberation? Deliberation { get; private set; }
    public IReadOnlyList<ResultRelease> Releases { get; private set; } = [];
    public IReadOnlyList<FeedbackLetter> Letters { get; private set; } = [];
    public ResultRelease? Active => Releases.FirstOrDefault(r => r.IsActive);

    private async Task<IActionResult?> LoadAsync(int campaignId, CancellationToken ct)
    {
        if (await LoadCampaignAsync(campaignId, ct) is { } stop) return stop;
        Deliberation = await Cmd.DeliberationAsync(campaignId, ct);
        Releases = await Cmd.ReleasesAsync(campaignId, ct);
        Letters = await Cmd.LettersAsync(campaignId, ct);
        return null;
    }

    public async Task<IActionResult> OnGetAsync(int campaignId, CancellationToken ct) => await LoadAsync(campaignId, ct) ?? Page();

    public async Task<IActionResult> OnPostReleaseAsync(int campaignId, CancellationToken ct)
    {
        if (await LoadAsync(campaignId, ct) is { } stop) return stop;
        try
        {
            var release = await Cmd.ReleaseAsync(User, Campaign, ct);
            TempData["Flash"] = string.Format(ResultStrings.Rs_ReleasedFlash, release.LetterCount);
            return Redirect($"/Results/{campaignId}");
        }
        catch (DomainException e) { return Refused(e); }
    }

    /// <summary>Every letter of the standing release, one .docx each, in a .zip.</summary>
    public async Task<IActionResult> OnGetLettersAsync(int campaignId, CancellationToken ct)
    {
        if (await LoadAsync(campaignId, ct) is { } stop) return stop;
        if (Letters.Count == 0) return NotFound();
        await Cmd.AuditExportAsync(Campaign, nameof(FeedbackLetter), Letters.Count, ct);
        return DocxResult.Zip(Letters.Select(l => (ResultCommands.FileBase(l, ResultStrings.Rs_LetterPageTitle), Cmd.LetterDocument(l))).ToList(),
            $"{Campaign.Year}_{ResultStrings.Rs_LetterPageTitle}");
    }
}
