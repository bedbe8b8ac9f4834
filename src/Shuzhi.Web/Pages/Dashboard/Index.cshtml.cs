using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Dashboard;

/// <summary>
/// The view from above (issue 8, dashboards): the year's campaigns by stage, open overdue steps, grade distributions,
/// ballot turnout and on-site coverage over the account's subtree; each chart with a table and an .xlsx of the same numbers.
/// </summary>
[Authorize(Roles = DashboardAccess.Roles)]
public sealed class IndexModel(DashboardQueries queries, AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public OrganizationKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public UnitType? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Track { get; set; }

    public DashboardFilter Filter { get; private set; } = null!;
    public IReadOnlyList<Chart> Charts { get; private set; } = [];
    public IReadOnlyList<string> TrackNames { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ChartsJson => JsonSerializer.Serialize(Charts, Json);

    private async Task LoadAsync(CancellationToken ct)
    {
        var thisYear = clock.GetLocalNow().Year;
        Filter = new DashboardFilter(Year is >= 2000 and <= 2100 ? Year.Value : thisYear, Kind, Unit, string.IsNullOrWhiteSpace(Track) ? null : Track.Trim());
        var years = await queries.YearsAsync(ct);
        years.Add(thisYear);
        years.Add(Filter.Year);
        Years = years.Distinct().OrderDescending().ToList();
        (Charts, TrackNames) = await queries.AllAsync(Filter, ct);
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>One chart's numbers (or all of them, one sheet each) as .xlsx: the table the page shows.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? chart, CancellationToken ct)
    {
        await LoadAsync(ct);
        var chosen = chart is null ? Charts : Charts.Where(c => c.Id == chart).ToList();
        if (chosen.Count == 0) return NotFound();
        db.Audit("export", "Dashboard", null, JsonSerializer.Serialize(new { chart, Filter.Year, Kind = Filter.Kind?.ToString(), Unit = Filter.UnitType?.ToString(), Filter.Track }),
            db.CurrentScope.Scope.Prefix);
        await db.SaveChangesAsync(ct);
        var name = chosen.Count == 1 ? chosen[0].Title : DashboardStrings.Dash_Title;
        return XlsxResult.File(this, chosen.Select(Sheet), $"{Filter.Year}{name}");
    }

    public static XlsxSheet Sheet(Chart c)
    {
        var headers = new List<string> { c.LabelHeader };
        headers.AddRange(c.Series.Select(s => s.Name));
        var rows = c.Labels.Select((label, i) =>
        {
            var row = new List<object?> { label };
            row.AddRange(c.Series.Select(s => (object?)s.Cell(i)));
            return (IReadOnlyList<object?>)row;
        });
        // Sheet names are at most 31 characters in Excel.
        return new XlsxSheet(c.Title.Length > 31 ? c.Title[..31] : c.Title, headers, rows);
    }

    public string ExportLink(string? chart) => ListQuery.Link(Request, ("handler", "Export"), ("chart", chart));
}

/// <summary>Who reads the dashboards and histories: staff and upper-level viewers (and administrators), within their subtree.</summary>
public static class DashboardAccess
{
    public const string Roles = $"{Infrastructure.Roles.Admin},{Infrastructure.Roles.OrgStaff},{Infrastructure.Roles.Viewer}";
}
