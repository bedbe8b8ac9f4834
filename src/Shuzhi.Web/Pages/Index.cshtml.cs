namespace Shuzhi.Web.Pages;

public sealed class IndexModel(AppDbContext db) : PageModel
{
    public Organization? ScopeRoot { get; private set; }
    public int Organizations { get; private set; }
    public int Inactive { get; private set; }
    public int People { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (db.CurrentScope.ScopeOrganizationId is { } id)
            ScopeRoot = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct);
        Organizations = await db.Organizations.CountAsync(ct);
        Inactive = await db.Organizations.CountAsync(o => !o.IsActive, ct);
        People = await db.People.CountAsync(ct);
    }
}
