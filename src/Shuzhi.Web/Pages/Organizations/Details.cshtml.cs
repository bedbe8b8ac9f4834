using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Organizations;

public sealed class DetailsModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public Organization Org { get; private set; } = null!;
    public IReadOnlyList<Organization> Ancestors { get; private set; } = [];
    public IReadOnlyList<Organization> Children { get; private set; } = [];
    public IReadOnlyList<Position> Positions { get; private set; } = [];
    public (ReportingPersonResult Result, Person Person)? Reporter { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var org = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct);
        if (org is null) return NotFound();
        Org = org;
        var codes = OrgPath.Codes(org.Path).SkipLast(1).ToList();
        // Ancestors above the account's scope are filtered out: the breadcrumb starts at the scope root.
        Ancestors = await db.Organizations.AsNoTracking().Where(o => codes.Contains(o.Code)).OrderBy(o => o.Depth).ToListAsync(ct);
        Children = await db.Organizations.AsNoTracking().Where(o => o.ParentId == id).OrderBy(o => o.SortOrder).ThenBy(o => o.Code).Take(500).ToListAsync(ct);
        Positions = await db.Positions.AsNoTracking().Include(p => p.Person).Where(p => p.OrganizationId == id)
            .OrderBy(p => p.EndDate != null).ThenBy(p => p.Role).ThenBy(p => p.Rank).ThenByDescending(p => p.StartDate).ToListAsync(ct);
        Today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        Reporter = await OrganizationCommands.ReportingPersonAsync(db, id, Today, ct);
        return Page();
    }
}
