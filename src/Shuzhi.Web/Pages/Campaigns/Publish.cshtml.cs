using Shuzhi.Domain.Reports;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Campaigns;

/// <summary>
/// Publication of a campaign's approved reports after the meeting (seed 001 第五条): the organizer's own staff choose
/// the scope, publish (again), or withdraw with a reason. Out of scope answers 404, another unit's staff 403.
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Policies.ManageCampaigns)]
public sealed class PublishModel(CampaignCommands campaigns, PublicationCommands cmd, TimeProvider clock) : PageModel
{
    public Campaign Campaign { get; private set; } = null!;
    public IReadOnlyList<Organization> Scopes { get; private set; } = [];
    public IReadOnlyList<ReportPublication> Publications { get; private set; } = [];
    public int Approved { get; private set; }
    public int? FailedWithdraw { get; private set; }
    public string Time(DateTimeOffset at) => ChineseDates.Format(at, clock.LocalTimeZone);

    private async Task<IActionResult?> LoadAsync(int campaignId, CancellationToken ct)
    {
        if (await campaigns.FindAsync(campaignId, ct) is not { } c) return NotFound();
        if (!cmd.MayPublish(User, c)) return Forbid();
        Campaign = c;
        Scopes = await cmd.ScopeChoicesAsync(c, ct);
        Publications = await cmd.PublicationsAsync(c.Id, ct);
        Approved = await cmd.ApprovedCountAsync(c.Id, ct);
        return null;
    }

    public async Task<IActionResult> OnGetAsync(int campaignId, CancellationToken ct) => await LoadAsync(campaignId, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(int campaignId, int scopeOrganizationId, CancellationToken ct)
    {
        if (await LoadAsync(campaignId, ct) is { } stop) return stop;
        try
        {
            var p = await cmd.PublishAsync(User, Campaign, scopeOrganizationId, ct);
            TempData["Flash"] = string.Format(PublicationStrings.Pb_Published, p.ReportCount, p.ScopeName);
            return Redirect($"/Campaigns/Publish/{campaignId}");
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", Messages.For(e));
            return Page();
        }
    }

    public async Task<IActionResult> OnPostWithdrawAsync(int campaignId, int publicationId, string? reason, CancellationToken ct)
    {
        if (await LoadAsync(campaignId, ct) is { } stop) return stop;
        try
        {
            await cmd.WithdrawAsync(User, Campaign, publicationId, reason, ct);
            TempData["Flash"] = PublicationStrings.Pb_Withdrawn;
            return Redirect($"/Campaigns/Publish/{campaignId}");
        }
        catch (DomainException e)
        {
            FailedWithdraw = publicationId;
            ModelState.AddModelError("", Messages.For(e));
            return Page();
        }
    }
}
