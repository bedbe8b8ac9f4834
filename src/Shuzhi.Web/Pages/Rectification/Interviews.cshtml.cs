using Microsoft.AspNetCore.Authorization;
using Shuzhi.Domain.Rectification;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Rectification;

/// <summary>
/// 约谈提醒 (/Rectification/Interviews/{campaignId}): the reporters graded 一般 or 差 in the locked deliberation; staff
/// schedule an interview (date, interviewer) and record it as held (notes, commitments); the commitments become
/// problems of the reporter's 问题清单. The organizer's staff only.
/// </summary>
[Authorize(Policy = Policies.ManageCampaigns)]
public sealed class InterviewsModel(RectificationCommands commands, CampaignCommands campaigns) : PageModel
{
    public Campaign Campaign { get; private set; } = null!;
    public IReadOnlyList<RectificationCommands.InterviewCandidate> Candidates { get; private set; } = [];
    public string? Error { get; private set; }
    public DateOnly Today => commands.Today;

    private async Task<IActionResult?> LoadAsync(int campaignId, CancellationToken ct)
    {
        var c = await campaigns.FindAsync(campaignId, ct);
        if (c is null) return NotFound();
        if (!campaigns.IsOrganizerStaff(User, c.OrganizerId)) return Forbid();
        Campaign = c;
        Candidates = await commands.InterviewCandidatesAsync(campaignId, ct);
        return null;
    }

    public async Task<IActionResult> OnGetAsync(int campaignId, CancellationToken ct) => await LoadAsync(campaignId, ct) ?? Page();

    private async Task<IActionResult> ActAsync(int campaignId, string flash, Func<Task> act, CancellationToken ct)
    {
        if (await LoadAsync(campaignId, ct) is { } stop) return stop;
        try
        {
            await act();
            TempData["Flash"] = flash;
            return Redirect($"/Rectification/Interviews/{campaignId}");
        }
        catch (DomainException e)
        {
            Error = Messages.For(e);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
    }

    public Task<IActionResult> OnPostScheduleAsync(int campaignId, int reporterId, DateOnly? scheduledOn, string? interviewer, CancellationToken ct) =>
        ActAsync(campaignId, RectPageStrings.Flash_InterviewScheduled, () => commands.ScheduleInterviewAsync(User, Campaign, reporterId, scheduledOn, interviewer, ct), ct);

    public Task<IActionResult> OnPostHoldAsync(int campaignId, int interviewId, DateOnly? heldOn, string? notes, string? commitments, CancellationToken ct) =>
        ActAsync(campaignId, RectPageStrings.Flash_InterviewHeld, () => commands.HoldInterviewAsync(User, Campaign, interviewId, heldOn, notes, commitments, ct), ct);
}
