using Shuzhi.Domain.Meetings;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Meetings;

/// <summary>The debrief meetings of one campaign (issue #5), for the organizer's staff.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Policies.ManageCampaigns)]
public sealed class IndexModel(CampaignCommands campaigns, MeetingCommands meetings) : PageModel
{
    public Campaign Campaign { get; private set; } = null!;
    public IReadOnlyList<Meeting> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int campaignId, CancellationToken ct)
    {
        if (await campaigns.FindAsync(campaignId, ct) is not { } c) return NotFound();
        if (!meetings.MayManage(User, c)) return Forbid();
        Campaign = c;
        Items = await meetings.ForCampaignAsync(c.Id, ct);
        return Page();
    }
}
