using Shuzhi.Web.Documents;

namespace Shuzhi.Web.Pages.Organizations;

/// <summary>Downloads every organization and post of the account's scope in the import layout.</summary>
public sealed class ExportModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var sheets = await OrganizationWorkbook.ExportAsync(db, ct);
        db.Audit("export", "Organization", null, "{\"file\":\"organizations\"}", db.CurrentScope.Scope.Prefix);
        await db.SaveChangesAsync(ct);
        return XlsxResult.Create(sheets, Strings.Export_OrganizationsName, clock);
    }
}
