using Shuzhi.Domain.Results;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Results;

/// <summary>归入干部人事档案: per person the result as a .docx, and the record that it was filed (by whom, when, a note).</summary>
public sealed class DossierModel(CampaignCommands campaigns, ResultCommands cmd, TimeProvider clock) : ResultPage(campaigns, cmd, clock)
{
    public IReadOnlyList<FeedbackLetter> Letters { get; private set; } = [];
    public IReadOnlyList<DossierFiling> Filings { get; private set; } = [];
    public int? FailedLetter { get; private set; }

    private async Task<IActionResult?> LoadAsync(int campaignId, CancellationToken ct)
    {
        if (await LoadCampaignAsync(campaignId, ct) is { } stop) return stop;
        Letters = await Cmd.LettersAsync(campaignId, ct);
        Filings = await Cmd.FilingsAsync(campaignId, ct);
        return null;
    }

    public DossierFiling? FilingOf(FeedbackLetter l) => Filings.FirstOrDefault(f => f.LetterId == l.Id);

    public async Task<IActionResult> OnGetAsync(int campaignId, CancellationToken ct) => await LoadAsync(campaignId, ct) ?? Page();

    public async Task<IActionResult> OnGetDocxAsync(int campaignId, int letterId, CancellationToken ct)
    {
        if (await LoadAsync(campaignId, ct) is { } stop) return stop;
        if (Letters.FirstOrDefault(l => l.Id == letterId) is not { } letter) return NotFound();
        await Cmd.AuditExportAsync(Campaign, nameof(DossierFiling), 1, ct);
        return DocxResult.Report(Cmd.DossierDocument(letter), ResultCommands.FileBase(letter, ResultStrings.Rs_Dossier));
    }

    public async Task<IActionResult> OnPostAsync(int campaignId, int letterId, string? note, CancellationToken ct)
    {
        if (await LoadAsync(campaignId, ct) is { } stop) return stop;
        try
        {
            await Cmd.FileAsync(User, Campaign, letterId, note, ct);
            TempData["Flash"] = ResultStrings.Rs_FiledFlash;
            return Redirect($"/Results/Dossier/{campaignId}");
        }
        catch (DomainException e)
        {
            FailedLetter = letterId;
            return Refused(e);
        }
    }
}
