using System.ComponentModel.DataAnnotations;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Organizations.Manage;

/// <summary>Moves an organization, with its whole subtree, under another parent (调整隶属关系).</summary>
public sealed class MoveModel(AppDbContext db) : PageModel
{
    [BindProperty]
    [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Org_NewParentRequired))]
    public string NewParentCode { get; set; } = "";

    public Organization Org { get; private set; } = null!;
    public int SubtreeSize { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Org.Id == db.CurrentScope.ScopeOrganizationId) ModelState.AddModelError("", Strings.Org_CannotMoveScopeRoot);
        var parent = await db.Organizations.SingleOrDefaultAsync(o => o.Code == NewParentCode.Trim(), ct);
        if (parent is null) ModelState.AddModelError(nameof(NewParentCode), Strings.Org_NotFound);
        if (!ModelState.IsValid) return Page();
        try
        {
            var moved = await OrganizationCommands.MoveAsync(db, Org, parent!, ct);
            TempData["Flash"] = string.Format(Strings.Org_Moved, moved);
            return Redirect($"/Organizations/Details/{Org.Id}");
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(nameof(NewParentCode), Messages.For(e));
            return Page();
        }
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await db.Organizations.SingleOrDefaultAsync(o => o.Id == id, ct) is not { } org) return false;
        Org = org;
        SubtreeSize = await db.Subtree(org.Path, includeRoot: false).CountAsync(ct);
        return true;
    }
}
