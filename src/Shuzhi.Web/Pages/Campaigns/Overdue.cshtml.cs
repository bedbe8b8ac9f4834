using System.Linq.Expressions;
using Microsoft.AspNetCore.Authorization;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Campaigns;

/// <summary>Open overdue steps in scope (the organizer's or the responsible organization's), and the staff's "check now".</summary>
public sealed class OverdueModel(AppDbContext db, IAuthorizationService authz) : PageModel
{
    [BindProperty(SupportsGet = true)] public ListQuery Query { get; set; } = new();
    [BindProperty(SupportsGet = true)] public int? CampaignId { get; set; }

    public PageResult<Row> Result { get; private set; } = new([], 1, 50, 0);
    public string? CampaignTitle { get; private set; }

    public sealed class Row
    {
        public int Id { get; init; }
        public int CampaignId { get; init; }
        public string? Campaign { get; init; }
        public string? Organization { get; init; }
        public OverdueKind Kind { get; init; }
        public DateOnly DueDate { get; init; }
        public DateOnly DetectedOn { get; init; }
    }

    private static readonly Dictionary<string, Expression<Func<Row, object>>> Columns = new()
    {
        ["due"] = r => r.DueDate,
        ["detected"] = r => r.DetectedOn,
        ["campaign"] = r => r.Campaign!,
        ["org"] = r => r.Organization!,
        ["kind"] = r => r.Kind,
    };

    /// <summary>Open items visible in scope; names come through the scope filters too (a campaign above the account's subtree stays unnamed).</summary>
    public static IQueryable<Row> Open(AppDbContext db) =>
        db.OverdueItems.AsNoTracking().Where(o => o.ResolvedOn == null).Select(o => new Row
        {
            Id = o.Id, CampaignId = o.CampaignId, Kind = o.Kind, DueDate = o.DueDate, DetectedOn = o.DetectedOn,
            Campaign = db.Campaigns.Where(c => c.Id == o.CampaignId).Select(c => c.Title).FirstOrDefault(),
            Organization = db.Organizations.Where(x => x.Id == o.OrganizationId).Select(x => x.Name).FirstOrDefault(),
        });

    private IQueryable<Row> Filtered()
    {
        var rows = Open(db);
        if (CampaignId is { } id) rows = rows.Where(r => r.CampaignId == id);
        if (!string.IsNullOrWhiteSpace(Query.Q))
        {
            var q = Query.Q.Trim();
            rows = rows.Where(r => r.Campaign!.Contains(q) || r.Organization!.Contains(q));
        }
        return Query.Apply(rows, Columns);
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (CampaignId is { } id) CampaignTitle = await db.Campaigns.Where(c => c.Id == id).Select(c => c.Title).FirstOrDefaultAsync(ct);
        Result = await Query.PageAsync(Filtered(), ct);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await Filtered().Take(Xlsx.MaxExportRows).ToListAsync(ct);
        var sheet = new XlsxSheet(CampaignStrings.Cp_Overdue,
            [CampaignStrings.Cp_Campaign, CampaignStrings.Cp_Organization, CampaignStrings.Cp_OverdueKind, CampaignStrings.Cp_DueDate, CampaignStrings.Cp_DetectedOn],
            rows.Select(r => (IReadOnlyList<object?>)[r.Campaign ?? "", r.Organization ?? "", CampaignUi.OverdueName(r.Kind), r.DueDate, r.DetectedOn]));
        db.Audit("export", "OverdueItem", null, "{\"file\":\"overdue\"}", db.CurrentScope.Scope.Prefix);
        await db.SaveChangesAsync(ct);
        return XlsxResult.File(this, [sheet], CampaignStrings.Cp_Overdue);
    }

    /// <summary>Runs the daily scan now. The scanner looks at every campaign itself; it only writes, the page reads in scope.</summary>
    public async Task<IActionResult> OnPostScanAsync([FromServices] OverdueScanner scanner, CancellationToken ct)
    {
        if (!(await authz.AuthorizeAsync(User, Policies.ManageCampaigns)).Succeeded) return Forbid();
        var (opened, resolved) = await scanner.RunAsync(ct);
        TempData["Flash"] = string.Format(CampaignStrings.Cp_ScanDone, opened, resolved);
        return Redirect(CampaignId is { } id ? $"/Campaigns/Overdue?campaignId={id}" : "/Campaigns/Overdue");
    }
}
