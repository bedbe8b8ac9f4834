using System.Globalization;
using Shuzhi.Domain.Scoring;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Sheets;

/// <summary>
/// One sheet of a cross-inspection unit (交叉检查互评, by assignment row) or of a direct-score kind (党总支考评、组织部日常考评、
/// 述职报告评价, by reporter): the track's template with items, bonus and deduction points and veto items and a running
/// total, or — direct kinds — a score 0–100 with a required note. Saved as a draft or submitted (locked); the organizer's
/// staff reopen it with a reason. Out of scope: 404; neither the entitled account nor the organizer's staff: 403.
/// </summary>
public sealed class FillModel(SheetCommands cmd) : PageModel
{
    [BindProperty] public string Mode { get; set; } = "template";
    [BindProperty] public Dictionary<string, string?> Points { get; set; } = new();
    [BindProperty] public Dictionary<string, string?> Bonus { get; set; } = new();
    [BindProperty] public Dictionary<string, string?> Deduction { get; set; } = new();
    [BindProperty] public List<string> Veto { get; set; } = new();
    [BindProperty] public string? Direct { get; set; }
    [BindProperty] public string? Notes { get; set; }
    [BindProperty] public string? Reason { get; set; }
    public SheetTarget Target { get; private set; } = null!;
    public SheetTemplate? Template => Target.Sheet?.Template ?? Target.TrackTemplate;
    public InspectionSheet? Sheet => Target.Sheet;
    public bool Locked => Sheet?.State == SheetState.Submitted;
    public bool ReadOnly => Locked || !Target.MayFill;
    public IReadOnlyList<SheetCommands.PhotoInfo> Photos { get; private set; } = [];
    public string SheetUrl => $"/Sheets/Fill/{Target.Kind}/{(Target.PairId ?? Target.ReporterId)}";

    private async Task<IActionResult?> LoadAsync(string kind, int id, CancellationToken ct)
    {
        if (SheetUi.ParseKind(kind) is not { } k || k == SheetKind.FieldInspection) return NotFound();
        if (await cmd.TargetAsync(User, k, id, ct) is not { } t) return NotFound();
        Target = t;
        if (!t.MayFill && !t.MayReopen) return Forbid();
        Photos = t.Sheet is { } s ? await cmd.PhotosAsync(s.Id, ct) : [];
        return null;
    }

    public async Task<IActionResult> OnGetAsync(string kind, int id, CancellationToken ct)
    {
        if (await LoadAsync(kind, id, ct) is { } stop) return stop;
        var s = Sheet;
        Mode = s is not null ? (s.IsDirect ? "direct" : "template") : Template is null && Target.AllowsDirect ? "direct" : "template";
        var scores = s?.Scores ?? SheetScores.Empty;
        Points = scores.Items.ToDictionary(kv => kv.Key, kv => (string?)SheetUi.Points(kv.Value));
        Bonus = scores.Bonuses.ToDictionary(kv => kv.Key, kv => (string?)SheetUi.Points(kv.Value));
        Deduction = scores.Deductions.ToDictionary(kv => kv.Key, kv => (string?)SheetUi.Points(kv.Value));
        Veto = scores.Vetoes.ToList();
        Direct = s?.DirectScore is { } d ? SheetUi.Points(d) : null;
        Notes = s?.Notes;
        return Page();
    }

    public Task<IActionResult> OnPostAsync(string kind, int id, CancellationToken ct) => SaveAsync(kind, id, false, ct);

    public Task<IActionResult> OnPostSubmitAsync(string kind, int id, CancellationToken ct) => SaveAsync(kind, id, true, ct);

    public async Task<IActionResult> OnPostReopenAsync(string kind, int id, CancellationToken ct)
    {
        if (await LoadAsync(kind, id, ct) is { } stop) return stop;
        if (!Target.MayReopen) return Forbid();
        try
        {
            await cmd.ReopenAsync(User, Target, Reason ?? "", ct);
            TempData["Flash"] = InspectionStrings.Insp_Reopened;
            return Redirect(SheetUrl);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", Messages.For(e));
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>A photo of the sheet, to the same people as the sheet (inline: its content was checked and rebuilt on upload).</summary>
    public async Task<IActionResult> OnGetPhotoAsync(string kind, int id, int photoId, CancellationToken ct)
    {
        if (await LoadAsync(kind, id, ct) is { } stop) return stop;
        if (Sheet is null || await cmd.PhotoAsync(Sheet.Id, photoId, ct) is not { } photo) return NotFound();
        Response.Headers.CacheControl = "private, max-age=3600";
        return File(photo.Content, photo.ContentType);
    }

    public async Task<IActionResult> OnPostPhotoAsync(string kind, int id, IFormFile? file, CancellationToken ct)
    {
        if (await LoadAsync(kind, id, ct) is { } stop) return stop;
        if (!Target.MayFill) return Forbid();
        return await ActAsync(async () =>
        {
            if (file is null) throw new DomainException("Sheets.PhotoInvalid");
            await using var stream = file.OpenReadStream();
            await cmd.AddPhotoAsync(User, Target, file.FileName, file.Length, stream, ct);
        }, SheetStrings.Photo_Added, kind, id, ct);
    }

    public async Task<IActionResult> OnPostRemovePhotoAsync(string kind, int id, int photoId, CancellationToken ct)
    {
        if (await LoadAsync(kind, id, ct) is { } stop) return stop;
        if (!Target.MayFill) return Forbid();
        return await ActAsync(() => cmd.RemovePhotoAsync(Target, photoId, ct), SheetStrings.Photo_Removed, kind, id, ct);
    }

    private async Task<IActionResult> ActAsync(Func<Task> act, string done, string kind, int id, CancellationToken ct)
    {
        try
        {
            await act();
            TempData["Flash"] = done;
            return Redirect(SheetUrl);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", Messages.For(e));
        }
        await LoadAsync(kind, id, ct);
        await OnGetAsync(kind, id, ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<IActionResult> SaveAsync(string kind, int id, bool submit, CancellationToken ct)
    {
        if (await LoadAsync(kind, id, ct) is { } stop) return stop;
        if (!Target.MayFill) return Forbid();
        try
        {
            var direct = Mode == "direct";
            var notes = (Notes ?? "").Replace("\r\n", "\n");
            decimal? score = null;
            var ok = true;
            SheetScores scores = SheetScores.Empty with { Notes = notes };
            if (direct)
            {
                if (!string.IsNullOrWhiteSpace(Direct))
                {
                    if (decimal.TryParse(Direct.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var v)) score = v;
                    else { ok = false; ModelState.AddModelError("", SheetStrings.Sheets_DirectNotNumber); }
                }
            }
            else
            {
                var t = Template ?? throw new DomainException("Insp.NoTemplate");
                var items = SheetUi.ReadPoints(ModelState, Points, t.Items.Select(i => (i.Key, i.Title)), ref ok);
                var bonuses = SheetUi.ReadPoints(ModelState, Bonus, t.Bonuses.Select(i => (i.Key, i.Title)), ref ok);
                var deductions = SheetUi.ReadPoints(ModelState, Deduction, t.Deductions.Select(i => (i.Key, i.Title)), ref ok);
                var vetoKeys = t.Vetoes.Select(v => v.Key).ToHashSet();
                scores = new SheetScores(items, bonuses, deductions, Veto.Where(vetoKeys.Contains).Distinct().ToList(), notes);
            }
            if (ok)
            {
                await cmd.SaveAsync(User, Target, direct, scores, score, submit, ct);
                TempData["Flash"] = submit ? InspectionStrings.Insp_Submitted : InspectionStrings.Insp_Saved;
                return Redirect(SheetUrl);
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
