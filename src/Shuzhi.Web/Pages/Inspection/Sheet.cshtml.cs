using System.Globalization;
using Shuzhi.Domain.Scoring;
using Shuzhi.Web.Features;
using Shuzhi.Web.Pages.Sheets;

namespace Shuzhi.Web.Pages.Inspection;

/// <summary>
/// The assigned inspector fills the field-inspection sheet of one reporter on a phone: points per item (never above
/// the item's maximum, checked here and by the domain), notes of what they saw and heard (seed 001 第六条), a running
/// total; saved as a draft or submitted (locked). Out of scope: 404; not the assigned inspector: 403.
/// </summary>
public sealed class SheetModel(InspectionCommands cmd, SheetCommands sheets, AppDbContext db) : PageModel
{
    [BindProperty] public Dictionary<string, string?> Points { get; set; } = new();
    [BindProperty] public Dictionary<string, string?> Bonus { get; set; } = new();
    [BindProperty] public Dictionary<string, string?> Deduction { get; set; } = new();
    [BindProperty] public List<string> Veto { get; set; } = new();
    [BindProperty] public string? Notes { get; set; }
    public CampaignReporter Reporter { get; private set; } = null!;
    public string OrganizationName { get; private set; } = "";
    public SheetTemplate? Template { get; private set; }
    public InspectionSheet? Sheet { get; private set; }
    public bool Locked => Sheet?.State == SheetState.Submitted;
    public IReadOnlyList<SheetCommands.PhotoInfo> Photos { get; private set; } = [];
    public SheetPhotosView PhotosView => new($"/Inspection/Sheet/{Reporter.Id}", Photos, Locked, Sheet is not null);

    /// <summary>The photo commands' view of this sheet: the assigned inspector fills it (checked in LoadAsync).</summary>
    private SheetTarget Target => new() { Kind = SheetKind.FieldInspection, ReporterId = Reporter.Id, MayFill = true, Sheet = Sheet };

    private async Task<IActionResult?> LoadAsync(int reporterId, CancellationToken ct)
    {
        if (await db.CampaignReporters.SingleOrDefaultAsync(r => r.Id == reporterId, ct) is not { } r) return NotFound();
        Reporter = r;
        if (!await cmd.IsAssignedAsync(User, r.Id, ct)) return Forbid();
        OrganizationName = await db.Organizations.Where(o => o.Id == r.OrganizationId).Select(o => o.Name).SingleOrDefaultAsync(ct) ?? "";
        Sheet = await cmd.SheetAsync(r.Id, InspectionCommands.UserId(User), ct);
        Template = Sheet?.Template ?? await cmd.TemplateAsync(r.TrackId, ct);
        Photos = Sheet is { } sheet ? await sheets.PhotosAsync(sheet.Id, ct) : [];
        return null;
    }

    public async Task<IActionResult> OnGetAsync(int reporterId, CancellationToken ct)
    {
        if (await LoadAsync(reporterId, ct) is { } stop) return stop;
        var scores = Sheet?.Scores ?? SheetScores.Empty;
        Points = scores.Items.ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString(CultureInfo.InvariantCulture));
        Bonus = scores.Bonuses.ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString(CultureInfo.InvariantCulture));
        Deduction = scores.Deductions.ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString(CultureInfo.InvariantCulture));
        Veto = scores.Vetoes.ToList();
        Notes = Sheet?.Notes;
        return Page();
    }

    public Task<IActionResult> OnPostAsync(int reporterId, CancellationToken ct) => SaveAsync(reporterId, false, ct);

    /// <summary>A photo of the sheet, to the assigned inspector (the content was checked and rebuilt on upload).</summary>
    public async Task<IActionResult> OnGetPhotoAsync(int reporterId, int photoId, CancellationToken ct)
    {
        if (await LoadAsync(reporterId, ct) is { } stop) return stop;
        if (Sheet is null || await sheets.PhotoAsync(Sheet.Id, photoId, ct) is not { } photo) return NotFound();
        Response.Headers.CacheControl = "private, max-age=3600";
        return File(photo.Content, photo.ContentType);
    }

    public Task<IActionResult> OnPostPhotoAsync(int reporterId, IFormFile? file, CancellationToken ct) => PhotoActAsync(reporterId, async () =>
    {
        if (file is null) throw new DomainException("Sheets.PhotoInvalid");
        await using var stream = file.OpenReadStream();
        await sheets.AddPhotoAsync(User, Target, file.FileName, file.Length, stream, ct);
    }, SheetStrings.Photo_Added, ct);

    public Task<IActionResult> OnPostRemovePhotoAsync(int reporterId, int photoId, CancellationToken ct) =>
        PhotoActAsync(reporterId, () => sheets.RemovePhotoAsync(Target, photoId, ct), SheetStrings.Photo_Removed, ct);

    private async Task<IActionResult> PhotoActAsync(int reporterId, Func<Task> act, string done, CancellationToken ct)
    {
        if (await LoadAsync(reporterId, ct) is { } stop) return stop;
        try
        {
            await act();
            TempData["Flash"] = done;
            return Redirect($"/Inspection/Sheet/{reporterId}");
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", Messages.For(e));
            var scores = Sheet?.Scores ?? SheetScores.Empty;
            Points = scores.Items.ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString(CultureInfo.InvariantCulture));
            Notes = Sheet?.Notes;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
    }

    public Task<IActionResult> OnPostSubmitAsync(int reporterId, CancellationToken ct) => SaveAsync(reporterId, true, ct);

    private async Task<IActionResult> SaveAsync(int reporterId, bool submit, CancellationToken ct)
    {
        if (await LoadAsync(reporterId, ct) is { } stop) return stop;
        try
        {
            if (Template is null) throw new DomainException("Insp.NoTemplate");
            var ok = true;
            var items = SheetUi.ReadPoints(ModelState, Points, Template.Items.Select(i => (i.Key, i.Title)), ref ok);
            var bonuses = SheetUi.ReadPoints(ModelState, Bonus, Template.Bonuses.Select(i => (i.Key, i.Title)), ref ok);
            var deductions = SheetUi.ReadPoints(ModelState, Deduction, Template.Deductions.Select(i => (i.Key, i.Title)), ref ok);
            var vetoKeys = Template.Vetoes.Select(v => v.Key).ToHashSet();
            if (ok)
            {
                var scores = new SheetScores(items, bonuses, deductions, Veto.Where(vetoKeys.Contains).Distinct().ToList(), (Notes ?? "").Replace("\r\n", "\n"));
                await cmd.SaveAsync(User, Reporter, scores, submit, ct);
                TempData["Flash"] = submit ? InspectionStrings.Insp_Submitted : InspectionStrings.Insp_Saved;
                return Redirect($"/Inspection/Sheet/{reporterId}");
            }
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", Messages.For(e));
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

}
