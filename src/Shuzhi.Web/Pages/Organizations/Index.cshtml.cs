using System.Linq.Expressions;

namespace Shuzhi.Web.Pages.Organizations;

/// <summary>The tree browser: roots of the account's scope, children fetched on demand, search by name or code.</summary>
public sealed class IndexModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public ListQuery Query { get; set; } = new();

    public IReadOnlyList<TreeNode> Roots { get; private set; } = [];
    public PageResult<Organization>? Results { get; private set; }

    public sealed record TreeNode(Organization Org, bool HasChildren);

    private static readonly Dictionary<string, Expression<Func<Organization, object>>> Columns = new()
    {
        ["path"] = o => o.Path,
        ["code"] = o => o.Code,
        ["name"] = o => o.Name,
        ["kind"] = o => o.Kind,
        ["unit"] = o => o.UnitType,
    };

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(Query.Q))
        {
            var q = Query.Q.Trim();
            var found = db.Organizations.AsNoTracking().Where(o => o.Name.Contains(q) || o.Code.StartsWith(q));
            Results = await Query.PageAsync(Query.Apply(found, Columns), ct);
            return;
        }
        var scopeRoot = db.CurrentScope.ScopeOrganizationId;
        var roots = db.Organizations.AsNoTracking().Where(o => scopeRoot == null ? o.ParentId == null : o.Id == scopeRoot);
        Roots = await WithChildFlag(roots.OrderBy(o => o.SortOrder).ThenBy(o => o.Code), ct);
    }

    public async Task<IActionResult> OnGetChildrenAsync(int id, CancellationToken ct)
    {
        if (!await db.Organizations.AnyAsync(o => o.Id == id, ct)) return NotFound();
        var nodes = await WithChildFlag(db.Organizations.AsNoTracking().Where(o => o.ParentId == id).OrderBy(o => o.SortOrder).ThenBy(o => o.Code), ct);
        return Partial("_TreeNodes", nodes);
    }

    /// <summary>Suggestions for organization pickers: by code prefix or name.</summary>
    public async Task<IActionResult> OnGetLookupAsync(string? q, CancellationToken ct)
    {
        q = q?.Trim() ?? "";
        if (q.Length == 0) return new JsonResult(Array.Empty<object>());
        var items = await db.Organizations.AsNoTracking().Where(o => o.IsActive && (o.Code.StartsWith(q) || o.Name.Contains(q)))
            .OrderBy(o => o.Depth).ThenBy(o => o.Path).Take(20).Select(o => new { o.Code, o.Name }).ToListAsync(ct);
        return new JsonResult(items);
    }

    private async Task<IReadOnlyList<TreeNode>> WithChildFlag(IQueryable<Organization> orgs, CancellationToken ct) =>
        (await orgs.Select(o => new { Org = o, HasChildren = db.Organizations.Any(c => c.ParentId == o.Id) }).Take(2000).ToListAsync(ct))
        .Select(x => new TreeNode(x.Org, x.HasChildren)).ToList();
}
