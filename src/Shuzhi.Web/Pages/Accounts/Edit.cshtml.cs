using Microsoft.AspNetCore.Identity;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Accounts;

/// <summary>Creates or edits an account: roles, scope organization (by code), password reset, disable, unlock, reset TOTP.</summary>
public sealed class EditModel(AppDbContext db, AccountCommands commands, UserManager<AppUser> users) : PageModel
{
    public sealed class InputModel
    {
        public string? UserName { get; set; }
        public string? DisplayName { get; set; }
        public string? Password { get; set; }
        public List<string> Roles { get; set; } = [];
        public string? ScopeCode { get; set; }
        public bool IsDisabled { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public AppUser? Account { get; private set; }
    public bool ActorIsAdmin => User.IsInRole(Infrastructure.Roles.Admin);

    public async Task<IActionResult> OnGetAsync(string? id, CancellationToken ct)
    {
        if (id is null) return Page();
        if (!await LoadAsync(id, ct)) return NotFound();
        Input = new InputModel
        {
            UserName = Account!.UserName, DisplayName = Account.DisplayName, IsDisabled = Account.IsDisabled,
            Roles = [.. await users.GetRolesAsync(Account)],
            ScopeCode = Account.ScopeOrganizationId is { } sid ? await db.Organizations.Where(o => o.Id == sid).Select(o => o.Code).SingleOrDefaultAsync(ct) : null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? id, CancellationToken ct)
    {
        if (id is not null && !await LoadAsync(id, ct)) return NotFound();
        int? scopeId = null;
        if (!string.IsNullOrWhiteSpace(Input.ScopeCode))
        {
            scopeId = await db.Organizations.Where(o => o.Code == Input.ScopeCode.Trim()).Select(o => (int?)o.Id).SingleOrDefaultAsync(ct);
            if (scopeId is null) { ModelState.AddModelError("Input.ScopeCode", Strings.Org_NotFound); return Page(); }
        }
        var input = new AccountInput(Input.UserName, Input.DisplayName, Input.Password, Input.Roles, scopeId, Input.IsDisabled);
        var outcome = Account is null ? await commands.CreateAsync(input, ActorIsAdmin, ct) : await commands.UpdateAsync(Account, input, ActorIsAdmin, ct);
        if (!outcome.Ok)
        {
            foreach (var (field, messages) in outcome.Errors)
                foreach (var m in messages)
                    ModelState.AddModelError(field.Length == 0 ? "" : "Input." + (field == "scopeOrganizationId" ? "ScopeCode" : char.ToUpperInvariant(field[0]) + field[1..]), m);
            return Page();
        }
        TempData["Flash"] = Strings.Common_Saved;
        return Redirect($"/Accounts/Edit/{outcome.User!.Id}");
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!ActorIsAdmin && await users.IsInRoleAsync(Account!, Infrastructure.Roles.Admin)) return Forbid();
        await users.SetLockoutEndDateAsync(Account!, null);
        await users.ResetAccessFailedCountAsync(Account!);
        db.Audit("unlock", "Account", Account!.Id);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = Strings.Account_Unlocked;
        return Redirect($"/Accounts/Edit/{id}");
    }

    public async Task<IActionResult> OnPostResetTwoFactorAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!ActorIsAdmin && await users.IsInRoleAsync(Account!, Infrastructure.Roles.Admin)) return Forbid();
        await users.SetTwoFactorEnabledAsync(Account!, false);
        await users.ResetAuthenticatorKeyAsync(Account!);
        db.Audit("reset-2fa", "Account", Account!.Id);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = Strings.Account_TwoFactorReset;
        return Redirect($"/Accounts/Edit/{id}");
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        Account = await db.ScopedUsers().SingleOrDefaultAsync(u => u.Id == id, ct);
        return Account is not null;
    }
}
