using Microsoft.AspNetCore.Identity;

namespace Shuzhi.Web.Features;

public sealed record AccountInput(string? UserName, string? DisplayName, string? Password, IReadOnlyList<string>? Roles, int? ScopeOrganizationId, bool? IsDisabled);

/// <summary>
/// Account rules shared by pages and API: the scope organization must lie in the actor's subtree,
/// only administrators grant the administrator role or touch administrators' accounts.
/// </summary>
public sealed class AccountCommands(AppDbContext db, UserManager<AppUser> users)
{
    public sealed record Outcome(AppUser? User, Dictionary<string, string[]> Errors)
    {
        public bool Ok => Errors.Count == 0;
    }

    public async Task<Outcome> CreateAsync(AccountInput input, bool actorIsAdmin, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var roles = await ValidateRolesAndScopeAsync(input, actorIsAdmin, errors, ct);
        if (string.IsNullOrWhiteSpace(input.UserName)) errors["userName"] = [Strings.Account_UserNameRequired];
        if (string.IsNullOrWhiteSpace(input.DisplayName)) errors["displayName"] = [Strings.Account_DisplayNameRequired];
        if (string.IsNullOrEmpty(input.Password)) errors["password"] = [Strings.Account_PasswordRequired];
        if (errors.Count > 0) return new(null, errors);

        var user = new AppUser
        {
            UserName = input.UserName!.Trim(), DisplayName = input.DisplayName!.Trim(), ScopeOrganizationId = input.ScopeOrganizationId,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        var result = await users.CreateAsync(user, input.Password!);
        if (!result.Succeeded) return new(null, FromIdentity(result));
        await users.AddToRolesAsync(user, roles);
        return new(user, errors);
    }

    public async Task<Outcome> UpdateAsync(AppUser user, AccountInput input, bool actorIsAdmin, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!actorIsAdmin && await users.IsInRoleAsync(user, Roles.Admin)) errors[""] = [Strings.Account_AdminOnly];
        var roles = await ValidateRolesAndScopeAsync(input, actorIsAdmin, errors, ct);
        if (string.IsNullOrWhiteSpace(input.DisplayName)) errors["displayName"] = [Strings.Account_DisplayNameRequired];
        if (errors.Count > 0) return new(null, errors);

        user.DisplayName = input.DisplayName!.Trim();
        user.ScopeOrganizationId = input.ScopeOrganizationId;
        if (input.IsDisabled is { } disabled) user.IsDisabled = disabled;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded) return new(null, FromIdentity(result));
        var current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, current.Except(roles));
        await users.AddToRolesAsync(user, roles.Except(current));
        if (!string.IsNullOrEmpty(input.Password))
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var reset = await users.ResetPasswordAsync(user, token, input.Password);
            if (!reset.Succeeded) return new(null, FromIdentity(reset));
        }
        return new(user, errors);
    }

    private async Task<List<string>> ValidateRolesAndScopeAsync(AccountInput input, bool actorIsAdmin, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var roles = (input.Roles ?? []).Distinct().ToList();
        if (roles.Count == 0) errors["roles"] = [Strings.Account_RoleRequired];
        else if (roles.Any(r => !Roles.All.Contains(r))) errors["roles"] = [Strings.Account_RoleUnknown];
        else if (roles.Contains(Roles.Admin) && !actorIsAdmin) errors["roles"] = [Strings.Account_AdminOnly];

        if (input.ScopeOrganizationId is null)
        {
            if (!(actorIsAdmin && roles.Contains(Roles.Admin))) errors["scopeOrganizationId"] = [Strings.Account_ScopeRequired];
        }
        else if (!await db.Organizations.AnyAsync(o => o.Id == input.ScopeOrganizationId, ct))
            errors["scopeOrganizationId"] = [Strings.Org_NotFound];
        return roles;
    }

    private static Dictionary<string, string[]> FromIdentity(IdentityResult r) => r.Errors
        .GroupBy(e => e.Code.StartsWith("Password") ? "password" : e.Code.Contains("UserName") ? "userName" : "")
        .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
}
