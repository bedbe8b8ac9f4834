using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Results;

/// <summary>
/// The staff pages of a campaign's results: the campaign in scope (else 404) and the organizer's own staff (else 403),
/// domain refusals shown with 422 and the message in [data-error].
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Policies.ManageCampaigns)]
public abstract class ResultPage(CampaignCommands campaigns, ResultCommands cmd, TimeProvider clock) : PageModel
{
    protected ResultCommands Cmd => cmd;
    public Campaign Campaign { get; private set; } = null!;
    public string? Error { get; protected set; }
    public string Time(DateTimeOffset at) => ChineseDates.Format(at, clock.LocalTimeZone);

    protected async Task<IActionResult?> LoadCampaignAsync(int campaignId, CancellationToken ct)
    {
        if (await campaigns.FindAsync(campaignId, ct) is not { } c) return NotFound();
        if (!cmd.MayManage(User, c)) return Forbid();
        Campaign = c;
        return null;
    }

    protected PageResult Refused(DomainException e)
    {
        Error = Messages.For(e);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
