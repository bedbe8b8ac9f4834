using Shuzhi.Domain.Scoring;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Sheets;

/// <summary>
/// An account's score sheets to fill: the units its own unit inspects (交叉检查互评, through the assignment rows) and the
/// reporters it reviews (党总支考评 by the parent unit's accounts), with the state of each sheet.
/// </summary>
public sealed class IndexModel(SheetCommands cmd, AppDbContext db) : PageModel
{
    public IReadOnlyList<(CrossPairRow Row, string TrackName, string CampaignTitle)> Cross { get; private set; } = [];
    public IReadOnlyList<ReviewRow> Reviews { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Cross = await cmd.MyCrossAsync(User, ct);
        if (db.CurrentScope.ScopeOrganizationId is { } org && cmd.IsUnitAccount(User, org))
            Reviews = (await cmd.ReviewRowsAsync(SheetKind.UpperReview, null, org, ct)).Where(r => r.ReviewingOrganizationId == org).ToList();
    }
}
