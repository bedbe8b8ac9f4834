using Shuzhi.Domain.Reports;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Reports;

/// <summary>
/// The reporters in scope with their campaign, track, report status and deadline: the secretary's own, the organizer's
/// all; filtered by year and status, searched by organization, sorted, paged and exported as .xlsx.
/// </summary>
public sealed class IndexModel(ReportCommands cmd, AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public ListQuery Query { get; set; } = new();
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public ReportStatus? Status { get; set; }

    public PageResult<ReportRow> Result { get; private set; } = new([], 1, 50, 0);
    public IReadOnlyList<int> Years { get; private set; } = [];
    public string UserId => ReportCommands.UserId(User);
    public bool MayWrite(ReportRow r) => cmd.MayWriteRow(User, r);

    private ReportFilter Filter => new(null, Status, Year, Query.Q, Query.Sort, Query.Desc);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Years = await db.CampaignReporters.Join(db.Campaigns, r => r.CampaignId, c => c.Id, (r, c) => c.Year).Distinct().OrderByDescending(y => y).ToListAsync(ct);
        var (rows, total) = await cmd.PageAsync(Filter, (Query.SafePage - 1) * Query.SafeSize, Query.SafeSize, count: true, ct);
        Result = new PageResult<ReportRow>(rows, Query.SafePage, Query.SafeSize, total);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var (rows, _) = await cmd.PageAsync(Filter, 0, Xlsx.MaxExportRows, count: false, ct);
        var sheet = new XlsxSheet(ReportStrings.Rp_Index_Title,
            [ReportStrings.Rp_Col_Organization, ReportStrings.Rp_Col_Campaign, ReportStrings.Rp_Col_Track, ReportStrings.Rp_Col_Status, ReportStrings.Rp_Late, ReportStrings.Rp_Col_Deadline],
            rows.Select(r => (IReadOnlyList<object?>)[r.OrganizationName, r.CampaignTitle, r.TrackName, r.HasReport ? ReportUi.StatusName(r.Status) : ReportStrings.Rp_NotStarted,
                r.IsLate ? ReportStrings.Rp_Late : "", ChineseDates.Format(r.Deadline)]));
        db.Audit("export", nameof(Report), null, "{\"file\":\"reports\"}", db.CurrentScope.Scope.Prefix);
        await db.SaveChangesAsync(ct);
        return XlsxResult.File(this, [sheet], ReportStrings.Rp_Index_Title);
    }
}
