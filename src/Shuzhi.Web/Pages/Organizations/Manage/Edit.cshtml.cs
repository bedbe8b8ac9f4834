namespace Shuzhi.Web.Pages.Organizations.Manage;

public sealed class EditModel(AppDbContext db) : PageModel
{
    [BindProperty] public OrgFields Fields { get; set; } = new();
    public Organization Org { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct) is not { } org) return NotFound();
        Org = org;
        Fields = new OrgFields { Name = org.Name, Kind = org.Kind, UnitType = org.UnitType, SortOrder = org.SortOrder };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await db.Organizations.SingleOrDefaultAsync(o => o.Id == id, ct) is not { } org) return NotFound();
        Org = org;
        if (!ModelState.IsValid) return Page();
        try
        {
            org.Rename(Fields.Name);
            org.Reclassify(Fields.Kind!.Value, Fields.UnitType!.Value, Fields.SortOrder);
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
