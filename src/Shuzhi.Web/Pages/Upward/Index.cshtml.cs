using System.Linq.Expressions;
using Microsoft.AspNetCore.Authorization;
using Shuzhi.Domain.Results;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Upward;

/// <summary>
/// 上报情况: the campaigns of the account's subtree (its own and those of the organizers below it) with their reports to
/// the upper unit and where each stands against its deadline; filtered, sorted and paged by the database, and as .xlsx.
/// </summary>
[Authorize(Roles = Dashboard.DashboardAccess.Roles)]
public sealed class IndexModel(AppDbContext db, UpwardCommands cmd) : PageModel
{
    [BindProperty(SupportsGet = true)] public ListQuery Query { get; set; } = new();
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public UpwardDeadline? Status { get; set; }

    public PageResult<UpwardRow> Result { get; private set; } = new([], 1, 50, 0);
    public IReadOnlyList<int> Years { get; private set; } = [];

    private static readonly Dictionary<string, Expression<Func<UpwardRow, object>>> Columns = new()
    {
        ["deadline"] = r => r.Deadline,
        ["year"] = r => r.Year,
        ["organizer"] = r => r.OrganizerName,
        ["campaign"] = r => r.Title,
        ["status"] = r => r.Status,
    };

    private IQueryable<UpwardRow> Filtered()
    {
        var rows = cmd.Rows();
        if (Year is { } y) rows = rows.Where(r => r.Year == y);
        if (Status is { } s) rows = rows.Where(r => r.Status == s);
        if (!string.IsNullOrWhiteSpace(Query.Q))
        {
            var q = Query.Q.Trim();
            rows = rows.Where(r => r.OrganizerName.Contains(q) || r.Title.Contains(q));
        }
        return Query.Apply(rows, Columns);
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Years = await db.Campaigns.Select(c => c.Year).Distinct().OrderByDescending(y => y).ToListAsync(ct);
        Result = await Query.PageAsync(Filtered(), ct);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await Filtered().Take(Xlsx.MaxExportRows).ToListAsync(ct);
        var sheet = new XlsxSheet(UpwardStrings.Up_ListTitle,
            [UpwardStrings.Up_RowYear, UpwardStrings.Up_RowOrganizer, UpwardStrings.Up_ColCampaign, UpwardStrings.Up_Deadline, UpwardStrings.Up_ColState, UpwardStrings.Up_ColStatus],
            rows.Select(r => (IReadOnlyList<object?>)[r.Year, r.OrganizerName, r.Title, r.Deadline, r.State?.Name() ?? UpwardStrings.Up_NotStarted, r.Status.Name()]));
        db.Audit("export", nameof(UpwardReport), null, "{\"file\":\"upward-list\"}", db.CurrentScope.Scope.Prefix);
        await db.SaveChangesAsync(ct);
        return XlsxResult.File(this, [sheet], UpwardStrings.Up_ListTitle);
    }
}
