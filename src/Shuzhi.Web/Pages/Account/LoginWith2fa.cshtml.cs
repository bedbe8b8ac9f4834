using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;

namespace Shuzhi.Web.Pages.Account;

public sealed class LoginWith2faModel(SignInManager<AppUser> signIn, AppDbContext db) : PageModel
{
    [BindProperty]
    [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.TwoFactor_CodeRequired))]
    [RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.TwoFactor_CodeFormat))]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return RedirectToPage("Login");
        if (!ModelState.IsValid) return Page();
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(Code.Replace(" ", ""), isPersistent: false, rememberClient: false);
        db.Audit(result.Succeeded ? "login" : result.IsLockedOut ? "login-locked-out" : "login-failed", "Account", user.Id, "{\"via\":\"totp\"}");
        await db.SaveChangesAsync();
        if (result.Succeeded) return LocalRedirect(LoginModel.SafeReturnUrl(ReturnUrl));
        ModelState.AddModelError("", result.IsLockedOut ? Strings.Auth_LockedOut : Strings.Auth_TotpInvalid);
        return Page();
    }
}
