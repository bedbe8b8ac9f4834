using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Inspection;

/// <summary>The reporters an inspector (检查人员) is assigned to inspect, with the state of each sheet.</summary>
public sealed class IndexModel(InspectionCommands cmd) : PageModel
{
    public IReadOnlyList<InspectionRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await cmd.MineAsync(InspectionCommands.UserId(User), ct);
}
