using Shuzhi.Domain.Results;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Results;

/// <summary>结果运用 of a campaign (seed 001 第七条): the consequence records, and the flagged people as .xlsx for the cadre appraisal.</summary>
public sealed class ConsequencesModel(CampaignCommands campaigns, ResultCommands cmd, TimeProvider clock) : ResultPage(campaigns, cmd, clock)
{
    public IReadOnlyList<ConsequenceRecord> Records { get; private set; } = [];

    private async Task<IActionResult?> LoadAsync(int campaignId, CancellationToken ct)
    {
        if (await LoadCampaignAsync(campaignId, ct) is { } stop) return stop;
        Records = await Cmd.ConsequencesAsync(campaignId, ct);
        return null;
    }

    public async Task<IActionResult> OnGetAsync(int campaignId, CancellationToken ct) => await LoadAsync(campaignId, ct) ?? Page();

    public async Task<IActionResult> OnGetExportAsync(int campaignId, CancellationToken ct)
    {
        if (await LoadAsync(campaignId, ct) is { } stop) return stop;
        await Cmd.AuditExportAsync(Campaign, nameof(ConsequenceRecord), Records.Count(r => r.InForce && r.NoExcellent), ct);
        return XlsxResult.File(this, [ResultCommands.FlagSheet(Records)], $"{Campaign.Year}_{ResultStrings.Rs_FlagSheet}");
    }
}
