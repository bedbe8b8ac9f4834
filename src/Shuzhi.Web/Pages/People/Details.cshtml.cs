using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;

namespace Shuzhi.Web.Pages.People;

/// <summary>A person with every post held; staff edit the personal data here.</summary>
public sealed class DetailsModel(AppDbContext db, IAuthorizationService authz) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Person_NameRequired))]
        [StringLength(50, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Person_NameTooLong50))]
        public string Name { get; set; } = "";
        [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_GenderRequired))]
        public Gender? Gender { get; set; }
        [Range(1920, 2015, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Person_BirthYearRange))]
        public int BirthYear { get; set; }
        [StringLength(20, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Person_PhoneInvalid))]
        public string? Phone { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public Person Person { get; private set; } = null!;
    public IReadOnlyList<Position> Positions { get; private set; } = [];
    public bool CanManage { get; private set; }
    /// <summary>述职评议考核结果运用 recorded for the person (seed 001 第七条).</summary>
    public IReadOnlyList<Shuzhi.Domain.Results.ConsequenceRecord> Consequences { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Input = new InputModel { Name = Person.Name, Gender = Person.Gender, BirthYear = Person.BirthYear, Phone = Person.Phone };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!CanManage) return Forbid();
        if (!ModelState.IsValid) return Page();
        try
        {
            Person.Update(Input.Name, Input.Gender!.Value, Input.BirthYear, Input.Phone);
            await db.SaveChangesAsync(ct);
            TempData["Flash"] = Strings.Common_Saved;
            return Redirect($"/People/Details/{id}");
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", Messages.For(e));
            return Page();
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!CanManage) return Forbid();
        if (await db.Positions.IgnoreQueryFilters().AnyAsync(p => p.PersonId == id, ct))
        {
            TempData["Flash"] = Strings.Person_HasPositions;
            return Redirect($"/People/Details/{id}");
        }
        db.People.Remove(Person);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = Strings.Person_Deleted;
        return Redirect("/People");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var person = await db.People.Include(p => p.Organization).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (person is null) return false;
        Person = person;
        Positions = await db.Positions.AsNoTracking().Include(p => p.Organization).Where(p => p.PersonId == id)
            .OrderByDescending(p => p.StartDate).ToListAsync(ct);
        Consequences = await db.ConsequenceRecords.AsNoTracking().Where(x => x.PersonId == id)
            .OrderByDescending(x => x.Year).ThenByDescending(x => x.Id).ToListAsync(ct);
        CanManage = (await authz.AuthorizeAsync(User, Policies.ManageOrganizations)).Succeeded;
        return true;
    }
}
