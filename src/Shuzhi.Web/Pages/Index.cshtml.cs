using System.Security.Claims;
using Shuzhi.Web.Pages.Campaigns;

namespace Shuzhi.Web.Pages;

public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public Organization? ScopeRoot { get; private set; }
    public int Organizations { get; private set; }
    public int Inactive { get; private set; }
    public int People { get; private set; }
    public IReadOnlyList<Notification> Unread { get; private set; } = [];
    public IReadOnlyList<OverdueModel.Row> MyOverdue { get; private set; } = [];

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (db.CurrentScope.ScopeOrganizationId is { } id)
        {
            ScopeRoot = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct);
            // The account's own steps: those its organization is responsible for, and those of the campaigns it organizes.
            MyOverdue = await OverdueModel.Open(db)
                .Where(r => db.OverdueItems.Any(o => o.Id == r.Id && (o.OrganizationId == id || db.Campaigns.Any(c => c.Id == o.CampaignId && c.OrganizerId == id))))
                .OrderBy(r => r.DueDate).Take(50).ToListAsync(ct);
        }
        Organizations = await db.Organizations.CountAsync(ct);
        Inactive = await db.Organizations.CountAsync(o => !o.IsActive, ct);
        People = await db.People.CountAsync(ct);
        var userId = UserId;
        Unread = await db.Notifications.AsNoTracking().Where(n => n.UserId == userId && n.ReadAt == null)
            .OrderByDescending(n => n.Id).Take(50).ToListAsync(ct);
    }

    /// <summary>Marks one of the account's own notifications read (or all of them without an id).</summary>
    public async Task<IActionResult> OnPostReadAsync(long? notificationId, CancellationToken ct)
    {
        var userId = UserId;
        var items = await db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null && (notificationId == null || n.Id == notificationId)).ToListAsync(ct);
        foreach (var n in items) n.ReadAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return Redirect("/");
    }
}
