using System.Linq.Expressions;
using Shuzhi.Web.Documents;

namespace Shuzhi.Web.Pages.Accounts;

public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public ListQuery Query { get; set; } = new();
    public PageResult<Row> Result { get; private set; } = new([], 1, 50, 0);
    public DateTimeOffset Now { get; private set; }

    // Member-initialized (not positional) so EF can sort and filter on the projection.
    public sealed class Row
    {
        public string Id { get; init; } = "";
        public string UserName { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string? ScopeName { get; init; }
        public bool IsDisabled { get; init; }
        public bool TwoFactor { get; init; }
        public DateTimeOffset? LockoutEnd { get; init; }
        public List<string> Roles { get; init; } = [];
    }

    private static readonly Dictionary<string, Expression<Func<Row, object>>> Columns = new()
    {
        ["user"] = r => r.UserName,
        ["name"] = r => r.DisplayName,
        ["scope"] = r => r.ScopeName!,
    };

    private IQueryable<Row> Filtered()
    {
        var rows = db.ScopedUsers().AsNoTracking().Select(u => new Row
        {
            Id = u.Id, UserName = u.UserName!, DisplayName = u.DisplayName, ScopeName = u.ScopeOrganization!.Name, IsDisabled = u.IsDisabled,
            TwoFactor = u.TwoFactorEnabled, LockoutEnd = u.LockoutEnd,
            Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
        });
        if (!string.IsNullOrWhiteSpace(Query.Q)) rows = rows.Where(r => r.UserName.Contains(Query.Q.Trim()) || r.DisplayName.Contains(Query.Q.Trim()));
        return Query.Apply(rows, Columns);
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        Result = await Query.PageAsync(Filtered(), ct);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await Filtered().Take(Xlsx.MaxExportRows).ToListAsync(ct);
        var sheet = new XlsxSheet(Strings.Nav_Accounts, [Strings.Login_UserName, Strings.Account_DisplayName, Strings.Account_Roles, Strings.Account_Scope, Strings.Org_Status, Strings.Account_TwoFactor],
            rows.Select(r => (IReadOnlyList<object?>)[r.UserName, r.DisplayName, string.Join("、", r.Roles.Select(Roles.Label)), r.ScopeName ?? Strings.Account_WholeTree,
                r.IsDisabled ? Strings.Account_Disabled : Strings.Org_Active, r.TwoFactor]));
        return XlsxResult.File(this, [sheet], Strings.Nav_Accounts);
    }
}
