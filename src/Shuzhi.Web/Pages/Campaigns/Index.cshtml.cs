using System.Linq.Expressions;
using Shuzhi.Web.Documents;

namespace Shuzhi.Web.Pages.Campaigns;

/// <summary>
/// The cascade overview: every campaign of the account's subtree for a year, with its stage, the
/// state of its plan approval and its open overdue steps (seed 002 四).
/// </summary>
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public ListQuery Query { get; set; } = new();
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public CampaignStage? Stage { get; set; }

    public PageResult<Row> Result { get; private set; } = new([], 1, 50, 0);
    public IReadOnlyList<int> Years { get; private set; } = [];

    public sealed class Row
    {
        public int Id { get; init; }
        public int Year { get; init; }
        public string Organizer { get; init; } = "";
        public string OrganizerPath { get; init; } = "";
        public string Title { get; init; } = "";
        public CampaignStage Stage { get; init; }
        public PlanApproval PlanApproval { get; init; }
        public int Overdue { get; init; }
    }

    private static readonly Dictionary<string, Expression<Func<Row, object>>> Columns = new()
    {
        ["org"] = r => r.OrganizerPath,
        ["title"] = r => r.Title,
        ["stage"] = r => r.Stage,
        ["approval"] = r => r.PlanApproval,
        ["overdue"] = r => r.Overdue,
    };

    private async Task<IQueryable<Row>> FilteredAsync(CancellationToken ct)
    {
        Years = await db.Campaigns.Select(c => c.Year).Distinct().OrderByDescending(y => y).ToListAsync(ct);
        Year ??= Years.Count > 0 ? Years[0] : clock.GetLocalNow().Year;
        var year = Year.Value;
        var q = db.Campaigns.AsNoTracking().Where(c => c.Year == year);
        if (Stage is { } s) q = q.Where(c => c.Stage == s);
        var rows = q.Select(c => new Row
        {
            Id = c.Id, Year = c.Year, Organizer = c.Organizer!.Name, OrganizerPath = c.Organizer.Path, Title = c.Title, Stage = c.Stage,
            PlanApproval = c.PlanApproval, Overdue = db.OverdueItems.Count(o => o.CampaignId == c.Id && o.ResolvedOn == null),
        });
        if (!string.IsNullOrWhiteSpace(Query.Q))
        {
            var text = Query.Q.Trim();
            rows = rows.Where(r => r.Organizer.Contains(text) || r.Title.Contains(text));
        }
        return Query.Apply(rows, Columns);
    }

    public async Task OnGetAsync(CancellationToken ct) => Result = await Query.PageAsync(await FilteredAsync(ct), ct);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await (await FilteredAsync(ct)).Take(Xlsx.MaxExportRows).ToListAsync(ct);
        var sheet = new XlsxSheet(CampaignStrings.Cp_Title,
            [CampaignStrings.Cp_Year, CampaignStrings.Cp_Organizer, CampaignStrings.Cp_CampaignTitle, CampaignStrings.Cp_Stage, CampaignStrings.Cp_PlanApproval, CampaignStrings.Cp_OverdueCount],
            rows.Select(r => (IReadOnlyList<object?>)[r.Year, r.Organizer, r.Title, r.Stage.Name(), CampaignUi.ApprovalName(r.PlanApproval), r.Overdue]));
        db.Audit("export", "Campaign", null, "{\"file\":\"campaigns\"}", db.CurrentScope.Scope.Prefix);
        await db.SaveChangesAsync(ct);
        return XlsxResult.File(this, [sheet], CampaignStrings.Cp_ExportName);
    }
}
