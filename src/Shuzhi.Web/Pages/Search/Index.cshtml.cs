using Microsoft.AspNetCore.Authorization;
using Shuzhi.Web.Pages.Dashboard;

namespace Shuzhi.Web.Pages.Search;

/// <summary>
/// Search across the subtree (issue 8): organizations by name or code (a code matches from its start, on the code
/// index), people by name; paged, each result leading to its history. The scope filters keep it to the subtree.
/// </summary>
[Authorize(Roles = DashboardAccess.Roles)]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public const int MaxQuery = 50;

    [BindProperty(SupportsGet = true)] public ListQuery Query { get; set; } = new() { Size = 20 };
    /// <summary>"org" (default) or "person": which list is paged.</summary>
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }

    public bool People => Type == "person";
    public string Text { get; private set; } = "";
    public int OrgTotal { get; private set; }
    public int PersonTotal { get; private set; }
    public PageResult<OrgHit> Orgs { get; private set; } = new([], 1, 20, 0);
    public PageResult<PersonHit> Persons { get; private set; } = new([], 1, 20, 0);

    public sealed record OrgHit(int Id, string Code, string Name, OrganizationKind Kind, UnitType UnitType, bool IsActive);
    public sealed record PersonHit(int Id, string Name, int OrganizationId, string Organization);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Text = (Query.Q ?? "").Trim();
        if (Text.Length > MaxQuery) Text = Text[..MaxQuery];
        if (Text.Length == 0) return;
        var q = Text;
        var orgs = db.Organizations.AsNoTracking().Where(o => o.Name.Contains(q) || o.Code.StartsWith(q));
        var people = db.People.AsNoTracking().Where(p => p.Name.Contains(q));
        if (People)
        {
            OrgTotal = await orgs.CountAsync(ct);
            Persons = await Query.PageAsync(people.OrderBy(p => p.Name).ThenBy(p => p.Id)
                .Select(p => new PersonHit(p.Id, p.Name, p.OrganizationId, p.Organization!.Name)), ct);
            PersonTotal = Persons.Total;
        }
        else
        {
            PersonTotal = await people.CountAsync(ct);
            Orgs = await Query.PageAsync(orgs.OrderBy(o => o.Path)
                .Select(o => new OrgHit(o.Id, o.Code, o.Name, o.Kind, o.UnitType, o.IsActive)), ct);
            OrgTotal = Orgs.Total;
        }
    }

    public string TabLink(string type) => ListQuery.Link(Request, ("type", type), ("page", null));
}
