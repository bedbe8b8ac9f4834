using Shuzhi.Domain.Reports;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Reports;

/// <summary>
/// The secretary's editor: the track's outline sections as text areas with headings and guidance, the
/// campaign's topics, live checks (?handler=Check), autosave (?handler=Autosave), save and submit. The same
/// checks run on the server on submit. Out of scope is 404; in scope but not a writer is 403 (the reviewer is
/// sent to the review page).
/// </summary>
// The largest upload here is the slides (Slides.MaxBytes, 50 MB); the limit is a little above it, so a file just too large
// reaches the upload's own check and its Chinese message instead of the framework's bare 400.
[RequestSizeLimit(Shuzhi.Web.Documents.Slides.MaxBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = Shuzhi.Web.Documents.Slides.MaxBytes + 1024 * 1024)]
public sealed class EditModel(ReportCommands cmd, ReportFileCommands files, TimeProvider clock) : PageModel
{
    /// <summary>Stored originals and stamped PDFs, newest first.</summary>
    public IReadOnlyList<ReportFileRow> Files { get; private set; } = [];
    /// <summary>After a .docx upload: the paragraphs that fit no section, shown so the writer can place them.</summary>
    public IReadOnlyList<UnplacedParagraph>? Unplaced { get; private set; }
    public string? UploadMessage { get; private set; }
    public bool HasText => Text.Sections.Values.Any(v => !string.IsNullOrWhiteSpace(v));
    public ReporterContext Ctx { get; private set; } = null!;
    public IReadOnlyList<CampaignTopic> Topics { get; private set; } = [];
    public ReportText Text { get; private set; } = ReportText.Empty;
    public CheckRun Checks { get; private set; } = null!;
    public IReadOnlyList<CheckResult> Blocking { get; private set; } = [];
    public bool Editable => (Ctx.Report?.IsEditable ?? true) && StageMessage is null;

    /// <summary>Why the campaign's stage allows no writing now, or null.</summary>
    public string? StageMessage
    {
        get
        {
            try { Report.EnsureStageAllowsWriting(Ctx.Campaign.Stage); return null; }
            catch (DomainException e) { return Messages.For(e); }
        }
    }
    public bool IsLate => Ctx.Report?.IsLate(Ctx.Campaign.Timeline.ReportDeadline, cmd.Today, clock.LocalTimeZone)
        ?? Report.IsLateWithoutReport(Ctx.Campaign.Timeline.ReportDeadline, cmd.Today);
    public TimeProvider Clock => clock;
    [TempData] public string? Message { get; set; }
    /// <summary>
    /// Posted responses to last year's rectification items (fields responses[itemId]). Read from the form, not model-bound:
    /// a dictionary bound without any such field would fall back to every form field and fail on the non-numeric keys.
    /// </summary>
    private Dictionary<int, string?>? Responses
    {
        get
        {
            if (!Request.HasFormContentType) return null;
            var d = new Dictionary<int, string?>();
            foreach (var (key, value) in Request.Form)
                if (key.StartsWith("responses[", StringComparison.OrdinalIgnoreCase) && key.EndsWith(']')
                    && int.TryParse(key.AsSpan(10, key.Length - 11), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
                    d.TryAdd(id, value.ToString());
            return d;
        }
    }

    private async Task<IActionResult?> LoadAsync(int reporterId, CancellationToken ct)
    {
        if (await cmd.FindAsync(reporterId, ct) is not { } c) return NotFound();
        Ctx = c;
        if (!await cmd.MayWriteAsync(User, c.Reporter, ct))
            return ReportCommands.IsReviewer(User, c.Reporter) ? Redirect($"/Reports/Review/{reporterId}") : Forbid();
        Topics = await cmd.TopicListAsync(c.Campaign.Id, ct);
        Text = c.Text;
        Files = await files.ListAsync(reporterId, ct);
        return null;
    }

    public async Task<IActionResult> OnGetAsync(int reporterId, CancellationToken ct)
    {
        if (await LoadAsync(reporterId, ct) is { } stop) return stop;
        Checks = await cmd.CheckAsync(Ctx, Text, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCheckAsync(int reporterId, string?[]? texts, CancellationToken ct)
    {
        if (await LoadAsync(reporterId, ct) is { } stop) return stop;
        try
        {
            var text = ReportCommands.TextFrom(Ctx, texts ?? [], Responses);
            return new JsonResult(ReportUi.Json(await cmd.CheckAsync(Ctx, text, ct)));
        }
        catch (DomainException e) { return new UnprocessableEntityObjectResult(new { error = Messages.For(e) }); }
    }

    public async Task<IActionResult> OnPostAutosaveAsync(int reporterId, string?[]? texts, CancellationToken ct)
    {
        if (await LoadAsync(reporterId, ct) is { } stop) return stop;
        try
        {
            var r = await cmd.SaveDraftAsync(User, Ctx, ReportCommands.TextFrom(Ctx, texts ?? [], Responses), ct);
            var at = TimeZoneInfo.ConvertTime(r.LastSavedAt!.Value, clock.LocalTimeZone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
            return new JsonResult(new { saved = true, at, message = string.Format(ReportStrings.Rp_AutoSaved, at) });
        }
        catch (DomainException e) { return new UnprocessableEntityObjectResult(new { error = Messages.For(e) }); }
    }

    public async Task<IActionResult> OnPostSaveAsync(int reporterId, string?[]? texts, CancellationToken ct)
    {
        if (await LoadAsync(reporterId, ct) is { } stop) return stop;
        try
        {
            Text = ReportCommands.TextFrom(Ctx, texts ?? [], Responses);
            await cmd.SaveDraftAsync(User, Ctx, Text, ct);
            Message = ReportStrings.Rp_Saved;
            return RedirectToPage(new { reporterId });
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", Messages.For(e));
            Checks = await cmd.CheckAsync(Ctx, Text, ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostSubmitAsync(int reporterId, string?[]? texts, CancellationToken ct)
    {
        if (await LoadAsync(reporterId, ct) is { } stop) return stop;
        try
        {
            Text = ReportCommands.TextFrom(Ctx, texts ?? [], Responses);
            await cmd.SubmitAsync(User, Ctx, Text, ct);
            Message = ReportStrings.Rp_SubmittedMsg;
            return RedirectToPage(new { reporterId });
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", Messages.For(e));
            // The draft was saved before the checks refused it: show it as it now stands.
            if (await cmd.FindAsync(reporterId, ct) is { } fresh) Ctx = fresh;
            Checks = await cmd.CheckAsync(Ctx, Text, ct);
            Blocking = Checks.Results.Where(r => r.Blocks).ToList();
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
    }

    /// <summary>Upload of a Word .docx: parsed into the outline and saved as the draft; the original is kept.</summary>
    public async Task<IActionResult> OnPostUploadAsync(int reporterId, IFormFile? file, CancellationToken ct)
    {
        if (await LoadAsync(reporterId, ct) is { } stop) return stop;
        string? error = null;
        if (file is null || file.Length == 0) error = ReportStrings.Rf_NoFile;
        else
        {
            try
            {
                await using var stream = file.OpenReadStream();
                var result = await files.UploadDocxAsync(User, Ctx, stream, file.FileName, ct);
                if (await cmd.FindAsync(reporterId, ct) is { } fresh) Ctx = fresh;
                Text = Ctx.Text;
                Files = await files.ListAsync(reporterId, ct);
                Unplaced = result.Unplaced;
                UploadMessage = result.Unplaced.Count == 0
                    ? string.Format(ReportStrings.Rf_Uploaded, result.PlacedSections)
                    : string.Format(ReportStrings.Rf_UploadedWithUnplaced, result.PlacedSections, result.Unplaced.Count);
                Checks = await cmd.CheckAsync(Ctx, Text, ct);
                return Page();
            }
            catch (DocxFormatException e) { error = Messages.Get(e.Code, []); }
            catch (DomainException e) { error = Messages.For(e); }
        }
        return await RefusedAsync(error!, ct);
    }

    /// <summary>Attaches the slides of an on-site debrief (a .pptx checked by its content).</summary>
    public async Task<IActionResult> OnPostUploadSlidesAsync(int reporterId, IFormFile? file, CancellationToken ct)
    {
        if (await LoadAsync(reporterId, ct) is { } stop) return stop;
        if (file is null || file.Length == 0) return await RefusedAsync(ReportStrings.Rf_NoFile, ct);
        try
        {
            await using var stream = file.OpenReadStream();
            await files.UploadSlidesAsync(User, Ctx, stream, file.FileName, ct);
            Message = PublicationStrings.Sl_Uploaded;
            return RedirectToPage(new { reporterId });
        }
        catch (DomainException e) { return await RefusedAsync(Messages.For(e), ct); }
    }

    /// <summary>Attaches a stamped PDF copy (checked by its first bytes, not its name).</summary>
    public async Task<IActionResult> OnPostUploadPdfAsync(int reporterId, IFormFile? file, CancellationToken ct)
    {
        if (await LoadAsync(reporterId, ct) is { } stop) return stop;
        if (file is null || file.Length == 0) return await RefusedAsync(ReportStrings.Rf_NoFile, ct);
        try
        {
            await using var stream = file.OpenReadStream();
            await files.UploadPdfAsync(User, Ctx, stream, file.FileName, ct);
            Message = ReportStrings.Rf_PdfUploaded;
            return RedirectToPage(new { reporterId });
        }
        catch (DomainException e) { return await RefusedAsync(Messages.For(e), ct); }
    }

    private async Task<IActionResult> RefusedAsync(string message, CancellationToken ct)
    {
        ModelState.AddModelError("", message);
        Checks = await cmd.CheckAsync(Ctx, Text, ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>A stored file, always as an attachment; for those who may read the report (the reviewer too).</summary>
    public async Task<IActionResult> OnGetFileAsync(int reporterId, int id, CancellationToken ct)
    {
        if (await cmd.FindAsync(reporterId, ct) is not { } c) return NotFound();
        if (!await cmd.MayReadAsync(User, c.Reporter, ct)) return Forbid();
        if (await files.FindAsync(reporterId, id, ct) is not { } f) return NotFound();
        return File(f.Content, f.ContentType, f.FileName);
    }

    /// <summary>The report as it now stands, as a .docx in the official layout.</summary>
    public async Task<IActionResult> OnGetDocxAsync(int reporterId, CancellationToken ct)
    {
        if (await cmd.FindAsync(reporterId, ct) is not { } c) return NotFound();
        if (!await cmd.MayReadAsync(User, c.Reporter, ct)) return Forbid();
        return DocxResult.Report(files.Export(c, c.Text), ReportFileCommands.BaseName(c));
    }
}
