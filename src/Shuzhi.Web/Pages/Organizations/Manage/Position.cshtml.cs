using System.ComponentModel.DataAnnotations;

namespace Shuzhi.Web.Pages.Organizations.Manage;

/// <summary>Adds or edits a post (任职) in an organization; a new person can be registered on the way.</summary>
public sealed class PositionModel(AppDbContext db) : PageModel
{
    public sealed class InputModel
    {
        public int? PersonId { get; set; }
        [StringLength(50, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Person_NameTooLong50))]
        public string? NewPersonName { get; set; }
        public Gender? NewPersonGender { get; set; }
        public int? NewPersonBirthYear { get; set; }

        [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_RoleRequired))]
        public PositionRole? Role { get; set; }
        public string? Title { get; set; }
        [Range(0, 99, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Position_RankOutOfRange))]
        public int Rank { get; set; }
        [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_StartDateRequired))]
        public DateOnly? StartDate { get; set; }
        public DateOnly? EndDate { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public int? OrganizationId { get; set; }

    public Organization Org { get; private set; } = null!;
    public Position? Existing { get; private set; }
    public IReadOnlyList<Person> People { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Existing is { } p)
            Input = new InputModel { PersonId = p.PersonId, Role = p.Role, Title = p.Title, Rank = p.Rank, StartDate = p.StartDate, EndDate = p.EndDate };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!ModelState.IsValid) return Page();
        try
        {
            int personId;
            if (Existing is not null) personId = Existing.PersonId;
            else if (Input.PersonId is { } pid && People.Any(p => p.Id == pid)) personId = pid;
            else if (!string.IsNullOrWhiteSpace(Input.NewPersonName))
            {
                if (Input.NewPersonGender is null) { ModelState.AddModelError("Input.NewPersonGender", Strings.Validation_GenderRequired); return Page(); }
                var person = Person.Create(Input.NewPersonName, Input.NewPersonGender.Value, Input.NewPersonBirthYear ?? 0, null, Org.Id);
                db.People.Add(person);
                await db.SaveChangesAsync(ct);
                personId = person.Id;
            }
            else { ModelState.AddModelError("Input.PersonId", Strings.Position_PersonRequired); return Page(); }

            if (Existing is { } e) e.Update(Input.Role!.Value, Input.Title, Input.Rank, Input.StartDate!.Value, Input.EndDate);
            else db.Positions.Add(Position.Create(Org.Id, personId, Input.Role!.Value, Input.Title, Input.Rank, Input.StartDate!.Value, Input.EndDate));
            await db.SaveChangesAsync(ct);
            TempData["Flash"] = Strings.Common_Saved;
            return Redirect($"/Organizations/Details/{Org.Id}");
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError("", Messages.For(ex));
            return Page();
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || Existing is null) return NotFound();
        db.Positions.Remove(Existing);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = Strings.Position_Deleted;
        return Redirect($"/Organizations/Details/{Org.Id}");
    }

    private async Task<bool> LoadAsync(int? id, CancellationToken ct)
    {
        if (id is not null)
        {
            Existing = await db.Positions.Include(p => p.Person).SingleOrDefaultAsync(p => p.Id == id, ct);
            if (Existing is null) return false;
            OrganizationId = Existing.OrganizationId;
        }
        var org = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == OrganizationId, ct);
        if (org is null) return false;
        Org = org;
        People = await db.People.AsNoTracking().Where(p => p.OrganizationId == org.Id).OrderBy(p => p.Name).Take(500).ToListAsync(ct);
        return true;
    }
}
