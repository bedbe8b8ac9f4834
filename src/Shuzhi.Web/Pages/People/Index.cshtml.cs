using System.Linq.Expressions;
using Shuzhi.Web.Documents;

namespace Shuzhi.Web.Pages.People;

public sealed class IndexModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public ListQuery Query { get; set; } = new();
    public PageResult<Row> Result { get; private set; } = new([], 1, 50, 0);

    // Member-initialized (not positional) so EF can sort and filter on the projection.
    public sealed class Row
    {
        public int Id { get; init; }
        public string Name { get; init; } = "";
        public Gender Gender { get; init; }
        public int BirthYear { get; init; }
        public string OrgName { get; init; } = "";
        public int OrgId { get; init; }
    }

    private static readonly Dictionary<string, Expression<Func<Row, object>>> Columns = new()
    {
        ["name"] = r => r.Name,
        ["birth"] = r => r.BirthYear,
        ["org"] = r => r.OrgName,
    };

    private IQueryable<Row> Filtered()
    {
        var rows = db.People.AsNoTracking().Select(p => new Row { Id = p.Id, Name = p.Name, Gender = p.Gender, BirthYear = p.BirthYear, OrgName = p.Organization!.Name, OrgId = p.OrganizationId });
        if (!string.IsNullOrWhiteSpace(Query.Q)) rows = rows.Where(r => r.Name.Contains(Query.Q.Trim()) || r.OrgName.Contains(Query.Q.Trim()));
        return Query.Apply(rows, Columns);
    }

    public async Task OnGetAsync(CancellationToken ct) => Result = await Query.PageAsync(Filtered(), ct);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await Filtered().Take(Xlsx.MaxExportRows).ToListAsync(ct);
        var sheet = new XlsxSheet(Strings.Nav_People, [Strings.Person_Name, Strings.Person_Gender, Strings.Person_BirthYear, Strings.Person_Organization],
            rows.Select(r => (IReadOnlyList<object?>)[r.Name, r.Gender == Gender.Male ? "男" : "女", r.BirthYear, r.OrgName]));
        return XlsxResult.File(this, [sheet], Strings.Nav_People);
    }
}
