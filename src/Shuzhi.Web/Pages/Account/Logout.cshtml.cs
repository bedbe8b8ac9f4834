using Microsoft.AspNetCore.Identity;

namespace Shuzhi.Web.Pages.Account;

/// <summary>POST only: signing out changes state, so it is never a GET link.</summary>
public sealed class LogoutModel(SignInManager<AppUser> signIn) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return RedirectToPage("Login");
    }
}
