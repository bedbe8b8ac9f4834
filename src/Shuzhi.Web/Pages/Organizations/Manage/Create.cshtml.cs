using System.ComponentModel.DataAnnotations;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Organizations.Manage;

public sealed class CreateModel(AppDbContext db) : PageModel
{
    [BindProperty]
    [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Org_CodeRequired))]
    [RegularExpression("^[A-Za-z0-9_.-]{1,32}$", ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Org_CodeFormat))]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)] public string? ParentCode { get; set; }
    [BindProperty] public OrgFields Fields { get; set; } = new();

    public bool MayCreateRoot => db.CurrentScope.Scope.IsUnrestricted;

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Organization? parent = null;
        if (!string.IsNullOrWhiteSpace(ParentCode))
        {
            parent = await db.Organizations.SingleOrDefaultAsync(o => o.Code == ParentCode.Trim(), ct);
            if (parent is null) ModelState.AddModelError(nameof(ParentCode), Strings.Org_NotFound);
        }
        else if (!MayCreateRoot) ModelState.AddModelError(nameof(ParentCode), Strings.Import_ParentRequired);
        if (ModelState.IsValid && await OrganizationCommands.CodeTakenAsync(db, Code.Trim(), ct))
            ModelState.AddModelError(nameof(Code), Messages.Get("Org.CodeTaken", Code.Trim()));
        if (!ModelState.IsValid) return Page();
        try
        {
            var org = Organization.Create(Code, Fields.Name, Fields.Kind!.Value, Fields.UnitType!.Value, parent, Fields.SortOrder);
            db.Organizations.Add(org);
            await db.SaveChangesAsync(ct);
            TempData["Flash"] = Strings.Common_Saved;
            return Redirect($"/Organizations/Details/{org.Id}");
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", Messages.For(e));
            return Page();
        }
    }
}
