namespace Shuzhi.Web.Pages.Admin;

/// <summary>Which roles must use TOTP two-factor authentication.</summary>
public sealed class SecurityModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<RolePolicy> Policies { get; private set; } = [];
    [BindProperty] public List<string> RequireTwoFactor { get; set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Policies = await db.RolePolicies.OrderBy(p => p.RoleName).ToListAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        foreach (var p in await db.RolePolicies.ToListAsync(ct))
            p.RequireTwoFactor = RequireTwoFactor.Contains(p.RoleName);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = Strings.Common_Saved;
        return RedirectToPage();
    }
}
