using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;

namespace Shuzhi.Web.Pages.Account;

public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, AppDbContext db) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Login_UserNameRequired))]
        public string UserName { get; set; } = "";

        [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Login_PasswordRequired))]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.FindByNameAsync(Input.UserName.Trim());
        if (user is { IsDisabled: true })
        {
            await AuditAsync("login-failed", user.Id, "disabled");
            ModelState.AddModelError("", Strings.Auth_Disabled);
            return Page();
        }
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
            return RedirectToPage("LoginWith2fa", new { ReturnUrl });
        if (result.Succeeded)
        {
            await AuditAsync("login", user!.Id, "password");
            return LocalRedirect(SafeReturnUrl(ReturnUrl));
        }
        await AuditAsync(result.IsLockedOut ? "login-locked-out" : "login-failed", user?.Id, "password");
        ModelState.AddModelError("", result.IsLockedOut ? Strings.Auth_LockedOut : Strings.Auth_Failed);
        return Page();
    }

    private async Task AuditAsync(string action, string? userId, string via)
    {
        // The attempted user name is recorded, never the password.
        db.Audit(action, "Account", userId, System.Text.Json.JsonSerializer.Serialize(new { userName = Input.UserName, via }));
        await db.SaveChangesAsync();
    }

    internal static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") ? url : "/";
}
