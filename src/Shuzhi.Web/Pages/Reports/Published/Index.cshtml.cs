using System.Linq.Expressions;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Reports.Published;

/// <summary>The published debrief reports the account may read (seed 001 第五条): by year, searched by organization or person.</summary>
public sealed class IndexModel(PublicationCommands cmd, AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public ListQuery Query { get; set; } = new();
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public PageResult<PublishedRow> Result { get; private set; } = new([], 1, 50, 0);
    public IReadOnlyList<int> Years { get; private set; } = [];
    public string Time(DateTimeOffset at) => ChineseDates.Format(at, clock.LocalTimeZone);

    private static readonly Dictionary<string, Expression<Func<PublishedRow, object>>> Columns = new()
    {
        ["order"] = r => r.SortOrder,
        ["org"] = r => r.OrganizationName,
        ["track"] = r => r.TrackName,
        ["campaign"] = r => r.CampaignTitle,
        ["approved"] = r => r.ApprovedAt,
    };

    private async Task<IQueryable<PublishedRow>> FilteredAsync(CancellationToken ct)
    {
        var rows = cmd.Rows();
        Years = await rows.Select(r => r.Year).Distinct().OrderByDescending(y => y).ToListAsync(ct);
        Year ??= Years.Count > 0 ? Years[0] : null;
        if (Year is { } y) rows = rows.Where(r => r.Year == y);
        if (!string.IsNullOrWhiteSpace(Query.Q))
        {
            var text = Query.Q.Trim();
            rows = rows.Where(r => r.OrganizationName.Contains(text) || (r.PersonName != null && r.PersonName.Contains(text)) || r.CampaignTitle.Contains(text));
        }
        // Within one campaign the order of the publication (tracks, then reporters); campaigns newest first.
        return Query.Sort is null ? rows.OrderByDescending(r => r.CampaignId).ThenBy(r => r.SortOrder) : Query.Apply(rows, Columns);
    }

    public async Task OnGetAsync(CancellationToken ct) => Result = await Query.PageAsync(await FilteredAsync(ct), ct);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await (await FilteredAsync(ct)).Take(Xlsx.MaxExportRows).ToListAsync(ct);
        var sheet = new XlsxSheet(PublicationStrings.Pb_ListTitle,
            [PublicationStrings.Pb_Col_Year, PublicationStrings.Pb_Col_Campaign, PublicationStrings.Pb_Col_Track, PublicationStrings.Pb_Col_Organization,
             PublicationStrings.Pb_Col_Person, PublicationStrings.Pb_Col_Approved, PublicationStrings.Pb_Scope],
            rows.Select(r => (IReadOnlyList<object?>)[r.Year, r.CampaignTitle, r.TrackName, r.OrganizationName, r.PersonName, Time(r.ApprovedAt), r.ScopeName]));
        db.Audit("export", nameof(Domain.Reports.PublishedReport), null, "{\"file\":\"published-reports\"}", db.CurrentScope.Scope.Prefix);
        await db.SaveChangesAsync(ct);
        return XlsxResult.File(this, [sheet], PublicationStrings.Pb_ExportName);
    }
}
