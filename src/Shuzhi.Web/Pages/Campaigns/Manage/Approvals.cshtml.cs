using System.ComponentModel.DataAnnotations;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Campaigns.Manage;

/// <summary>
/// An upper organizing unit requires, for a year, that the organizing units below it submit their
/// plan for approval before carrying it out (seed 002 四.2). Entity changes are audited on save.
/// </summary>
public sealed class ApprovalsModel(AppDbContext db, CampaignCommands commands, TimeProvider clock) : PageModel
{
    public sealed record Row(int Id, int UpperId, string Upper, int Year, bool MayRemove);

    public IReadOnlyList<Row> Requirements { get; private set; } = [];
    public IReadOnlyList<Organization> Uppers { get; private set; } = [];

    [BindProperty]
    [Required(ErrorMessageResourceType = typeof(CampaignStrings), ErrorMessageResourceName = nameof(CampaignStrings.Cp_UpperUnitRequired))]
    public int? UpperId { get; set; }

    [BindProperty]
    [Required(ErrorMessageResourceType = typeof(CampaignStrings), ErrorMessageResourceName = nameof(CampaignStrings.Cp_YearRequired))]
    [Range(2000, 2100, ErrorMessageResourceType = typeof(CampaignStrings), ErrorMessageResourceName = nameof(CampaignStrings.Cp_YearRequired))]
    public int? Year { get; set; }

    private async Task LoadAsync(CancellationToken ct)
    {
        Uppers = await commands.ManageableOrganizersAsync(ct);
        var rows = await db.ApprovalRequirements.AsNoTracking()
            .Join(db.Organizations, r => r.UpperOrganizationId, o => o.Id, (r, o) => new { r.Id, r.Year, Org = o })
            .OrderByDescending(x => x.Year).ThenBy(x => x.Org.Path).Take(500).ToListAsync(ct);
        Requirements = rows.Select(x => new Row(x.Id, x.Org.Id, x.Org.Name, x.Year, commands.MayManage(x.Org))).ToList();
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        UpperId = Uppers.Count == 1 ? Uppers[0].Id : null;
        var now = clock.GetLocalNow();
        Year = now.Month <= 6 ? now.Year - 1 : now.Year;
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var upper = Uppers.FirstOrDefault(o => o.Id == UpperId);
        if (UpperId is not null && upper is null) ModelState.AddModelError(nameof(UpperId), CampaignStrings.Cp_OrganizerNotFound);
        if (!ModelState.IsValid) return Page();
        try
        {
            await commands.RequireApprovalAsync(upper!, Year!.Value, ct);
            TempData["Flash"] = CampaignStrings.Cp_RequirementAdded;
            return Redirect("/Campaigns/Manage/Approvals");
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(nameof(Year), Messages.For(e));
            return Page();
        }
    }

    public async Task<IActionResult> OnPostRemoveAsync(int requirementId, CancellationToken ct)
    {
        var requirement = await db.ApprovalRequirements.SingleOrDefaultAsync(r => r.Id == requirementId, ct);
        if (requirement is null) return NotFound();
        var upper = await db.Organizations.SingleAsync(o => o.Id == requirement.UpperOrganizationId, ct);
        if (!commands.MayManage(upper)) return Forbid();
        await commands.RemoveRequirementAsync(requirement, upper, ct);
        TempData["Flash"] = CampaignStrings.Cp_RequirementRemoved;
        return Redirect("/Campaigns/Manage/Approvals");
    }
}
