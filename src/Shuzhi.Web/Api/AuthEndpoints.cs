using Microsoft.AspNetCore.Identity;

namespace Shuzhi.Web.Api;

public sealed record TokenRequest(string UserName, string Password, string? TotpCode);

public static class AuthEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/auth/token", IssueToken).WithTags("auth").AllowAnonymous();
        v1.MapGet("/me", Me).WithTags("auth").RequireAuthorization(Policies.Api);
    }

    /// <summary>Exchanges user name, password (and TOTP where enabled) for a bearer token; failures count towards lockout.</summary>
    private static async Task<IResult> IssueToken(TokenRequest req, UserManager<AppUser> users, SignInManager<AppUser> signIn, AppDbContext db)
    {
        var user = await users.FindByNameAsync(req.UserName ?? "");
        if (user is null)
            return await Fail(db, req.UserName, "login-failed", Strings.Auth_Failed, 401);
        if (user.IsDisabled)
            return await Fail(db, user.UserName, "login-failed", Strings.Auth_Disabled, 401);
        var check = await signIn.CheckPasswordSignInAsync(user, req.Password ?? "", lockoutOnFailure: true);
        if (check.IsLockedOut)
            return await Fail(db, user.UserName, "login-locked-out", Strings.Auth_LockedOut, 401);
        if (!check.Succeeded)
            return await Fail(db, user.UserName, "login-failed", Strings.Auth_Failed, 401);
        if (user.TwoFactorEnabled)
        {
            if (string.IsNullOrWhiteSpace(req.TotpCode))
                return TypedResults.Problem(statusCode: 401, title: Strings.Auth_TotpRequired);
            var code = req.TotpCode.Replace(" ", "").Replace("-", "");
            if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                await users.AccessFailedAsync(user);
                return await Fail(db, user.UserName, "login-failed", Strings.Auth_TotpInvalid, 401);
            }
        }
        else if (await TwoFactor.RequiredForAsync(db, users, user))
            return await Fail(db, user.UserName, "login-refused", Strings.Auth_MustEnrollTotp, 403);

        db.Audit("login", "Account", user.Id, "{\"via\":\"api\"}");
        await db.SaveChangesAsync();
        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static async Task<IResult> Fail(AppDbContext db, string? userName, string action, string message, int status)
    {
        db.Audit(action, "Account", null, System.Text.Json.JsonSerializer.Serialize(new { userName, via = "api" }));
        await db.SaveChangesAsync();
        return TypedResults.Problem(statusCode: status, title: message);
    }

    private static async Task<IResult> Me(HttpContext http, UserManager<AppUser> users, CurrentScope scope)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null) return ApiSetup.NotFound();
        return TypedResults.Ok(new
        {
            user.Id, user.UserName, user.DisplayName, user.ScopeOrganizationId,
            Roles = await users.GetRolesAsync(user),
        });
    }
}
