using Shuzhi.Domain.Scoring;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Sheets;

/// <summary>
/// A track's reporters for one direct-score kind (党总支考评、组织部日常考评、述职报告评价) with the reviewing unit, the sheet's
/// state and total, and a link to fill or read it. The organizer's staff see every row; a reviewing unit's account only its own.
/// </summary>
public sealed class ReviewsModel(SheetCommands cmd, AppDbContext db) : PageModel
{
    public Campaign Campaign { get; private set; } = null!;
    public Track Track { get; private set; } = null!;
    public SheetKind Kind { get; private set; }
    public IReadOnlyList<ReviewRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int campaignId, int trackId, string kind, CancellationToken ct)
    {
        if (SheetUi.ParseKind(kind) is not { } k || !SheetCommands.ReviewKinds.Contains(k)) return NotFound();
        // Not CampaignCommands.FindAsync: it includes the organizer, which a reviewing unit below it does not see.
        if (await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(x => x.Id == campaignId, ct) is not { } c) return NotFound();
        if (await db.Tracks.SingleOrDefaultAsync(t => t.Id == trackId && t.CampaignId == c.Id, ct) is not { } t) return NotFound();
        Campaign = c;
        Track = t;
        Kind = k;
        var rows = await cmd.ReviewRowsAsync(k, t.Id, null, ct);
        if (!cmd.IsOrganizerStaff(User, c.OrganizerId))
        {
            var org = db.CurrentScope.ScopeOrganizationId;
            rows = org is { } o && cmd.IsUnitAccount(User, o) ? rows.Where(r => r.ReviewingOrganizationId == o && o != c.OrganizerId).ToList() : [];
            if (rows.Count == 0) return Forbid();
        }
        Rows = rows;
        return Page();
    }

    public static SheetResult? Result(InspectionSheet? s)
    {
        if (s is null || s.State != SheetState.Submitted) return null;
        try { return s.Result(); } catch (DomainException) { return null; }
    }
}
