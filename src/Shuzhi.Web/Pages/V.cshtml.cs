using Microsoft.AspNetCore.Authorization;

namespace Shuzhi.Web.Pages;

/// <summary>
/// The voter's phone page (/v#CODE): anonymous and light, for WeChat's built-in browser. The code is in the URL fragment,
/// which the browser never sends; vote.js reads it, clears it from the address bar and posts it in a JSON body.
/// </summary>
[AllowAnonymous]
public sealed class VModel : PageModel
{
    public void OnGet() => Response.Headers.CacheControl = "no-store";
}
