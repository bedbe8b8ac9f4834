using Microsoft.AspNetCore.Authorization;
using Shuzhi.Web.Features;
using Shuzhi.Web.Pages.Dashboard;

namespace Shuzhi.Web.Pages.People;

/// <summary>Every year a person debriefed: report, grade, opinion and consequences, newest first. Out of scope is 404.</summary>
[Authorize(Roles = DashboardAccess.Roles)]
public sealed class HistoryModel(AppDbContext db, HistoryQueries history) : PageModel
{
    public Person Person { get; private set; } = null!;
    public IReadOnlyList<HistoryRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await db.People.AsNoTracking().Include(p => p.Organization).SingleOrDefaultAsync(p => p.Id == id, ct) is not { } person) return NotFound();
        Person = person;
        Rows = await history.OfPersonAsync(id, ct);
        return Page();
    }
}
