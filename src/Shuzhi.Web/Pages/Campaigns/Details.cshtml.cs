using Microsoft.AspNetCore.Authorization;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Campaigns;

/// <summary>
/// A campaign for everyone of the subtree: summary, timeline, stages and history. The organizer's
/// own staff advance it and submit the plan; the upper unit's staff review the plan.
/// </summary>
public sealed class DetailsModel(AppDbContext db, CampaignCommands commands, IAuthorizationService authz) : PageModel
{
    public Campaign Campaign { get; private set; } = null!;
    public IReadOnlyList<CampaignEvent> Events { get; private set; } = [];
    public IReadOnlyList<CampaignTopic> Topics { get; private set; } = [];
    public int OpenOverdue { get; private set; }
    /// <summary>The organizer's own staff (or an administrator): may edit, advance and submit.</summary>
    public bool CanAct { get; private set; }
    /// <summary>Staff of the upper unit: may approve or return a submitted plan.</summary>
    public bool CanReview { get; private set; }
    public bool IsStaff { get; private set; }
    /// <summary>What keeps the campaign from the next stage now, and whether a recorded reason lifts it.</summary>
    public IReadOnlyList<string> Blockers { get; private set; } = [];
    public bool ReasonLiftsBlock { get; private set; }
    public string? ActionError { get; private set; }

    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Comment { get; set; }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var c = await commands.FindAsync(id, ct);
        if (c is null) return false;
        Campaign = c;
        IsStaff = (await authz.AuthorizeAsync(User, Policies.ManageCampaigns)).Succeeded;
        CanAct = IsStaff && commands.MayManage(c.Organizer!);
        CanReview = IsStaff && commands.MayReview(c, c.Organizer!);
        Events = await db.CampaignEvents.AsNoTracking().Where(e => e.CampaignId == id).OrderBy(e => e.Id).ToListAsync(ct);
        Topics = await db.CampaignTopics.AsNoTracking().Where(t => t.CampaignId == id).OrderBy(t => t.IsMustAnswer).ThenBy(t => t.SortOrder).ToListAsync(ct);
        OpenOverdue = await db.OverdueItems.CountAsync(o => o.CampaignId == id && o.ResolvedOn == null, ct);
        var missing = c.Stage == CampaignStage.Writing ? await commands.OnSiteReportersWithoutApprovedReportAsync(id, ct) : 0;
        var ctx = new StageContext(c.PlanApproval != PlanApproval.NotRequired, c.PlanApproval == PlanApproval.Approved, missing);
        var blockers = StageRules.Blockers(c.Stage, ctx, null);
        Blockers = blockers.Select(b => Messages.Get(b.Code, b.Args)).ToList();
        ReasonLiftsBlock = blockers.Count > 0 && StageRules.Blockers(c.Stage, ctx, "reason").Count == 0;
        return true;
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAdvanceAsync(int id, CancellationToken ct) =>
        ActAsync(id, m => m.CanAct, c => commands.AdvanceAsync(c, Reason, ct), () => string.Format(CampaignStrings.Cp_Advanced, Campaign.Stage.Name()), ct);

    public Task<IActionResult> OnPostSubmitAsync(int id, CancellationToken ct) =>
        ActAsync(id, m => m.CanAct, c => commands.SubmitPlanAsync(c, Comment, ct), () => CampaignStrings.Cp_PlanSubmitted, ct);

    public Task<IActionResult> OnPostReviewAsync(int id, bool approve, CancellationToken ct) =>
        ActAsync(id, m => m.CanReview, c => commands.ReviewPlanAsync(c, c.Organizer!, approve, Comment, ct),
            () => approve ? CampaignStrings.Cp_PlanApproved : CampaignStrings.Cp_PlanReturned, ct);

    private async Task<IActionResult> ActAsync(int id, Func<DetailsModel, bool> allowed, Func<Campaign, Task> action, Func<string> done, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!allowed(this)) return Forbid();
        try
        {
            await action(Campaign);
            TempData["Flash"] = done();
            return Redirect($"/Campaigns/Details/{id}");
        }
        catch (DomainException e)
        {
            ActionError = Messages.For(e);
            ModelState.AddModelError("", ActionError);
            await LoadAsync(id, ct);
            return Page();
        }
    }
}
