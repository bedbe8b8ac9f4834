using Microsoft.AspNetCore.Authorization;
using Shuzhi.Web.Features;
using Shuzhi.Web.Pages.Dashboard;

namespace Shuzhi.Web.Pages.Organizations;

/// <summary>Every year's debrief of a unit: report, grade, opinion and consequences, newest first. Out of scope is 404.</summary>
[Authorize(Roles = DashboardAccess.Roles)]
public sealed class HistoryModel(AppDbContext db, HistoryQueries history) : PageModel
{
    public Organization Org { get; private set; } = null!;
    public IReadOnlyList<HistoryRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct) is not { } org) return NotFound();
        Org = org;
        Rows = await history.OfOrganizationAsync(id, ct);
        return Page();
    }
}
