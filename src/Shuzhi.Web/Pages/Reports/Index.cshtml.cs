using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Reports;

/// <summary>The reporters in scope with their campaign, track, report status and deadline: the secretary's own, the organizer's all.</summary>
public sealed class IndexModel(ReportCommands cmd) : PageModel
{
    public const int Max = 500;
    public IReadOnlyList<ReportRow> Rows { get; private set; } = [];
    public string UserId => ReportCommands.UserId(User);
    public bool MayWrite(ReportRow r) => cmd.MayWriteRow(User, r);

    public async Task OnGetAsync(CancellationToken ct) => Rows = await cmd.RowsAsync(Max, ct);
}
