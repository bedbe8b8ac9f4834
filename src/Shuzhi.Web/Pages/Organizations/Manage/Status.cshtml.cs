using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Organizations.Manage;

/// <summary>POST-only actions of the details page: deactivate (with subtree), activate, delete.</summary>
public sealed class StatusModel(AppDbContext db) : PageModel
{
    public IActionResult OnGet(int id) => Redirect($"/Organizations/Details/{id}");

    public Task<IActionResult> OnPostDeactivateAsync(int id, CancellationToken ct) => Run(id, async org =>
    {
        var n = await OrganizationCommands.DeactivateAsync(db, org, ct);
        TempData["Flash"] = string.Format(Strings.Org_Deactivated, n);
        return Redirect($"/Organizations/Details/{id}");
    });

    public Task<IActionResult> OnPostActivateAsync(int id, CancellationToken ct) => Run(id, async org =>
    {
        await OrganizationCommands.ActivateAsync(db, org, ct);
        TempData["Flash"] = Strings.Org_Activated;
        return Redirect($"/Organizations/Details/{id}");
    });

    public Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct) => Run(id, async org =>
    {
        if (org.Id == db.CurrentScope.ScopeOrganizationId) throw new DomainException("Org.CannotMoveScopeRoot");
        var parentId = org.ParentId;
        await OrganizationCommands.DeleteAsync(db, org, ct);
        TempData["Flash"] = Strings.Org_Deleted;
        return Redirect(parentId is null ? "/Organizations" : $"/Organizations/Details/{parentId}");
    });

    private async Task<IActionResult> Run(int id, Func<Domain.Organizations.Organization, Task<IActionResult>> action)
    {
        var org = await db.Organizations.SingleOrDefaultAsync(o => o.Id == id);
        if (org is null) return NotFound();
        try { return await action(org); }
        catch (DomainException e)
        {
            TempData["Flash"] = Messages.For(e);
            return Redirect($"/Organizations/Details/{id}");
        }
    }
}
