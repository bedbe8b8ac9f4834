using Shuzhi.Domain.Results;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Results;

/// <summary>通报 of a campaign's results for the organizer's staff: publish within a scope, withdraw with a reason.</summary>
public sealed class BulletinsModel(CampaignCommands campaigns, ResultCommands cmd, TimeProvider clock) : ResultPage(campaigns, cmd, clock)
{
    public IReadOnlyList<Organization> Scopes { get; private set; } = [];
    public IReadOnlyList<ResultBulletin> Bulletins { get; private set; } = [];
    public bool Released { get; private set; }

    private async Task<IActionResult?> LoadAsync(int campaignId, CancellationToken ct)
    {
        if (await LoadCampaignAsync(campaignId, ct) is { } stop) return stop;
        Scopes = await Cmd.ScopeChoicesAsync(Campaign, ct);
        Bulletins = await Cmd.BulletinsAsync(campaignId, ct);
        Released = await Cmd.ActiveReleaseAsync(campaignId, ct) is not null;
        return null;
    }

    public async Task<IActionResult> OnGetAsync(int campaignId, CancellationToken ct) => await LoadAsync(campaignId, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(int campaignId, int scopeOrganizationId, CancellationToken ct)
    {
        if (await LoadAsync(campaignId, ct) is { } stop) return stop;
        try
        {
            var b = await Cmd.PublishBulletinAsync(User, Campaign, scopeOrganizationId, ct);
            TempData["Flash"] = string.Format(ResultStrings.Rs_BulletinPublished, b.ScopeName);
            return Redirect($"/Results/Bulletins/{campaignId}");
        }
        catch (DomainException e) { return Refused(e); }
    }

    public async Task<IActionResult> OnPostWithdrawAsync(int campaignId, int bulletinId, string? reason, CancellationToken ct)
    {
        if (await LoadAsync(campaignId, ct) is { } stop) return stop;
        try
        {
            await Cmd.WithdrawBulletinAsync(User, Campaign, bulletinId, reason, ct);
            TempData["Flash"] = ResultStrings.Rs_BulletinWithdrawn;
            return Redirect($"/Results/Bulletins/{campaignId}");
        }
        catch (DomainException e) { return Refused(e); }
    }
}
