using System.Security.Claims;

namespace Shuzhi.Web.Infrastructure;

/// <summary>
/// Binds the request to the account's subtree before any page or endpoint runs. The path is
/// read per request (one indexed lookup), so a moved organization or a changed scope applies at once.
/// Also sends an account whose role requires TOTP, and who has not set it up, to the set-up page.
/// </summary>
public sealed class ScopeMiddleware(RequestDelegate next)
{
    private static readonly string[] EnrollmentAllowed = ["/Account/TwoFactor", "/Account/Logout", "/Error", "/lib", "/css", "/js"];

    public async Task InvokeAsync(HttpContext http, CurrentScope scope, CurrentActor actor)
    {
        var user = http.User;
        if (user.Identity?.IsAuthenticated == true && user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            // Resolved here, not as a parameter: an anonymous request (the ballot page, probes, static files) builds no context.
            var db = http.RequestServices.GetRequiredService<AppDbContext>();
            var account = await db.Users.IgnoreQueryFilters().AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new
                {
                    u.UserName, u.IsDisabled, u.ScopeOrganizationId, Path = u.ScopeOrganization!.Path,
                    MustEnroll = !u.TwoFactorEnabled && db.UserRoles.Any(ur => ur.UserId == u.Id &&
                        db.Roles.Any(r => r.Id == ur.RoleId && db.RolePolicies.Any(p => p.RoleName == r.Name && p.RequireTwoFactor))),
                })
                .FirstOrDefaultAsync(http.RequestAborted);
            if (account is null || account.IsDisabled)
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
            actor.Name = account.UserName ?? userId;
            if (account.ScopeOrganizationId is null)
                scope.Set(user.IsInRole(Roles.Admin) ? OrgScope.Unrestricted : OrgScope.Nothing);
            else
                scope.Set(OrgScope.Subtree(account.Path), account.ScopeOrganizationId);

            if (account.MustEnroll && !http.Request.Path.StartsWithSegments("/api")
                && !EnrollmentAllowed.Any(p => http.Request.Path.StartsWithSegments(p)))
            {
                http.Response.Redirect("/Account/TwoFactor?required=1");
                return;
            }
        }
        await next(http);
    }
}
