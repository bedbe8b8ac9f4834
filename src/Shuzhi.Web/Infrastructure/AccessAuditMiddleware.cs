using System.Text.Json;

namespace Shuzhi.Web.Infrastructure;

/// <summary>
/// Audits every refusal an authenticated account meets: 403 (not allowed) and 404 (absent or
/// outside its subtree, which must look the same to it). Only the method and path are written,
/// never the query string, which can carry search terms.
/// </summary>
public sealed class AccessAuditMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        await next(http);
        var status = http.Response.StatusCode;
        if (status is not (StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound) || http.User.Identity?.IsAuthenticated != true) return;
        if (Path.HasExtension(http.Request.Path.Value)) return; // a missing static file (favicon.ico …) is no access to data
        var db = http.RequestServices.GetRequiredService<AppDbContext>(); // only for a refusal: other requests build no context here
        db.ChangeTracker.Clear(); // whatever the refused request left unsaved is not written with the audit entry
        db.Audit(status == 403 ? "access-denied" : "not-found", "Request", null,
            JsonSerializer.Serialize(new { method = http.Request.Method, path = http.Request.Path.Value }), db.CurrentScope.Scope.Prefix);
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
