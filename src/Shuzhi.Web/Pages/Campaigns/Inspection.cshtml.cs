using Microsoft.AspNetCore.Authorization;
using Shuzhi.Domain.Scoring;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Campaigns;

/// <summary>
/// Field inspection of a campaign (实地考核): each reporter with its inspector (检查人员) and the state of the sheet.
/// Everyone with the campaign in scope reads; the organizer's own staff assign inspectors and reopen a submitted
/// sheet with a recorded reason (audited).
/// </summary>
[Authorize(Policy = Policies.ManageCampaigns)]
public sealed class InspectionModel(InspectionCommands cmd, AppDbContext db) : PageModel
{
    public Campaign Campaign { get; private set; } = null!;
    public IReadOnlyList<InspectionRow> Rows { get; private set; } = [];
    public IReadOnlyList<AppUser> Inspectors { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<int, SheetResult?> Totals { get; private set; } = new Dictionary<int, SheetResult?>();
    public bool CanEdit => cmd.IsOrganizerStaff(User, Campaign.OrganizerId);
    [BindProperty] public string? Reason { get; set; }

    private async Task<bool> LoadAsync(int campaignId, CancellationToken ct)
    {
        if (await cmd.FindCampaignAsync(campaignId, ct) is not { } c) return false;
        Campaign = c;
        Rows = await cmd.RowsAsync(c.Id, null, ct);
        Inspectors = CanEdit ? await cmd.InspectorCandidatesAsync(c, ct) : [];
        var ids = Rows.Select(r => r.InspectorUserId).OfType<string>().Distinct().ToList();
        Names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName == "" ? u.UserName ?? "" : u.DisplayName, ct);
        var sheetIds = Rows.Select(r => r.SheetId).OfType<int>().ToList();
        var sheets = await db.InspectionSheets.AsNoTracking().Where(s => sheetIds.Contains(s.Id)).ToListAsync(ct);
        Totals = sheets.ToDictionary(s => s.Id, s => s.State == SheetState.Submitted ? s.Result() : null);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(int campaignId, CancellationToken ct) =>
        await LoadAsync(campaignId, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAssignAsync(int campaignId, int reporterId, string? inspectorUserId, CancellationToken ct) =>
        ActAsync(campaignId, reporterId, (r) => cmd.AssignAsync(User, Campaign, r, inspectorUserId, ct), InspectionStrings.Insp_Assigned, ct);

    public Task<IActionResult> OnPostReopenAsync(int campaignId, int reporterId, int sheetId, CancellationToken ct) =>
        ActAsync(campaignId, reporterId, (r) => cmd.ReopenAsync(User, r, sheetId, Reason ?? "", ct), InspectionStrings.Insp_Reopened, ct);

    private async Task<IActionResult> ActAsync(int campaignId, int reporterId, Func<CampaignReporter, Task> act, string done, CancellationToken ct)
    {
        if (!await LoadAsync(campaignId, ct)) return NotFound();
        if (await db.CampaignReporters.SingleOrDefaultAsync(r => r.Id == reporterId && r.CampaignId == campaignId, ct) is not { } reporter) return NotFound();
        if (!CanEdit) return Forbid();
        try
        {
            await act(reporter);
            TempData["Flash"] = done;
            return Redirect($"/Campaigns/Inspection/{campaignId}");
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", Messages.For(e));
            await LoadAsync(campaignId, ct);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
    }

    public static string StateName(SheetState? s) => s switch
    {
        SheetState.Draft => InspectionStrings.Insp_State_Draft,
        SheetState.Submitted => InspectionStrings.Insp_State_Submitted,
        _ => InspectionStrings.Insp_State_None,
    };
}
