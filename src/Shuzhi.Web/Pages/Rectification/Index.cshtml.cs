using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Rectification;

/// <summary>
/// The rectification overview (/Rectification): every reporter the account sees (a secretary its own, staff their
/// campaigns' reporters) with the plan's state, filing deadline and the items' progress (done, overdue); filtered by
/// campaign and organization name, exported as .xlsx.
/// </summary>
[Authorize]
public sealed class IndexModel(RectificationCommands commands, CampaignCommands campaigns) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? CampaignId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public IReadOnlyList<RectRow> Rows { get; private set; } = [];
    public Campaign? Campaign { get; private set; }
    public bool IsStaff { get; private set; }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (CampaignId is { } id)
        {
            Campaign = await campaigns.FindAsync(id, ct);
            if (Campaign is null) return NotFound();
            IsStaff = campaigns.IsOrganizerStaff(User, Campaign.OrganizerId);
        }
        var rows = await commands.RowsAsync(CampaignId, ct);
        var q = (Q ?? "").Trim();
        Rows = q.Length == 0 ? rows : rows.Where(r => r.OrganizationName.Contains(q, StringComparison.Ordinal)).ToList();
        return null;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } stop) return stop;
        string[] headers = [RectPageStrings.Col_Campaign, RectPageStrings.Col_Organization, RectPageStrings.Col_ProblemCount, RectPageStrings.Col_PlanState,
            RectPageStrings.Plan_Deadline, RectPageStrings.Col_Items, RectPageStrings.Col_Done, RectPageStrings.Col_Overdue];
        var rows = Rows.Select(r => (IReadOnlyList<object?>)[r.CampaignTitle, r.OrganizationName, r.Problems, RectUi.PlanStateName(r.State)
            + (r.FilingOverdue ? RectPageStrings.Plan_FilingOverdueSuffix : ""), ChineseDates.Format(r.Deadline), r.Items, r.Done, r.Overdue]);
        return XlsxResult.File(this, [new XlsxSheet(RectPageStrings.Index_Title, headers, rows)], RectPageStrings.Index_Title);
    }
}
