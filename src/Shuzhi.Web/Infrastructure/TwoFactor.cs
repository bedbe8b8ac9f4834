using Microsoft.AspNetCore.Identity;

namespace Shuzhi.Web.Infrastructure;

public static class TwoFactor
{
    /// <summary>Whether any of the account's roles requires TOTP (set by administrators per role).</summary>
    public static async Task<bool> RequiredForAsync(AppDbContext db, UserManager<AppUser> users, AppUser user)
    {
        var roles = await users.GetRolesAsync(user);
        return await db.RolePolicies.AnyAsync(p => roles.Contains(p.RoleName) && p.RequireTwoFactor);
    }
}
