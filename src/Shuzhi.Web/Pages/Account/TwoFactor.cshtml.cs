using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using QRCoder;

namespace Shuzhi.Web.Pages.Account;

/// <summary>My account: TOTP set-up (authenticator app) and password change.</summary>
public sealed class TwoFactorModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AppDbContext db) : PageModel
{
    public bool Enabled { get; private set; }
    public bool Required { get; private set; }
    public string SharedKey { get; private set; } = "";
    public string QrSvg { get; private set; } = "";

    [BindProperty]
    [RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.TwoFactor_CodeFormat))]
    public string? Code { get; set; }

    public sealed class PasswordInput
    {
        [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Password_CurrentRequired))]
        public string Current { get; set; } = "";
        [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Password_NewRequired))]
        [MinLength(8, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Password_TooShort))]
        public string New { get; set; } = "";
        [Compare(nameof(New), ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Password_Mismatch))]
        public string Confirm { get; set; } = "";
    }

    [BindProperty] public PasswordInput Password { get; set; } = new();

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : Challenge();

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        ModelState.Clear();
        var code = (Code ?? "").Replace(" ", "");
        if (code.Length != 6 || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Code), Strings.Auth_TotpInvalid);
            await LoadAsync();
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = Strings.TwoFactor_Enabled;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (await TwoFactor.RequiredForAsync(db, users, user))
        {
            TempData["Flash"] = Strings.TwoFactor_CannotDisable;
            return RedirectToPage();
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        TempData["Flash"] = Strings.TwoFactor_Disabled;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        ModelState.Remove(nameof(Code));
        if (!ModelState.IsValid) { await LoadAsync(); return Page(); }
        var result = await users.ChangePasswordAsync(user, Password.Current, Password.New);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) ModelState.AddModelError("Password.New", e.Description);
            await LoadAsync();
            return Page();
        }
        await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = Strings.Password_Changed;
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return false;
        Enabled = user.TwoFactorEnabled;
        Required = await TwoFactor.RequiredForAsync(db, users, user);
        if (!Enabled)
        {
            var key = await users.GetAuthenticatorKeyAsync(user);
            if (string.IsNullOrEmpty(key))
            {
                await users.ResetAuthenticatorKeyAsync(user);
                key = await users.GetAuthenticatorKeyAsync(user);
            }
            SharedKey = string.Join(' ', key!.Chunk(4).Select(c => new string(c)));
            var uri = $"otpauth://totp/{Uri.EscapeDataString("述职评议考核系统")}:{Uri.EscapeDataString(user.UserName!)}?secret={key}&issuer={Uri.EscapeDataString("述职评议考核系统")}&digits=6";
            using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
            QrSvg = new SvgQRCode(data).GetGraphic(4);
        }
        return true;
    }
}
