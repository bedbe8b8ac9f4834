using Microsoft.AspNetCore.Authorization;
using Shuzhi.Domain.Rectification;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Rectification;

/// <summary>
/// One reporter's rectification (/Rectification/Plan/{reporterId}): the 问题清单 collected from where the problems were
/// found, the items the secretary writes (责任清单、整改清单) and files, the staff's review, tracking with notes and
/// evidence, verification (销号) and supervision checks; exports .xlsx and .docx. A reporter out of scope is 404;
/// an action the account may not take is 403. Every refused action re-renders with 422 and the Chinese message.
/// </summary>
[Authorize]
public sealed class PlanModel(RectificationCommands commands) : PageModel
{
    public RectContext C { get; private set; } = null!;
    public bool IsStaff { get; private set; }
    public bool IsSecretary { get; private set; }
    public RectificationLists Lists { get; private set; } = null!;
    public IReadOnlyList<RectificationCommands.EvidenceRow> Evidence { get; private set; } = [];
    public IReadOnlyList<SupervisionCheck> Checks { get; private set; } = [];
    public DateOnly Today => commands.Today;

    /// <summary>The form that failed (e.g. "item-12", "file", "return") and its message.</summary>
    public string? ErrorForm { get; private set; }
    public string? Error { get; private set; }

    /// <summary>What was typed into the failed form, by field name.</summary>
    public string Typed(string field, string? stored) =>
        ErrorForm is not null && Request.HasFormContentType && Request.Form.TryGetValue(field, out var v) ? v.ToString() : stored ?? "";

    private async Task<IActionResult?> LoadAsync(int reporterId, CancellationToken ct)
    {
        var c = await commands.FindAsync(reporterId, ct);
        if (c is null) return NotFound();
        C = c;
        IsStaff = commands.IsStaff(User, c.Reporter);
        IsSecretary = await commands.IsSecretaryAsync(User, c.Reporter, ct);
        Lists = commands.Lists(c);
        Evidence = await commands.EvidenceAsync(reporterId, ct);
        Checks = c.Plan is { } p ? await commands.ChecksAsync(p.Id, ct) : [];
        return null;
    }

    public async Task<IActionResult> OnGetAsync(int reporterId, CancellationToken ct) => await LoadAsync(reporterId, ct) ?? Page();

    public async Task<IActionResult> OnGetXlsxAsync(int reporterId, CancellationToken ct)
    {
        if (await LoadAsync(reporterId, ct) is { } stop) return stop;
        var result = commands.ExportXlsx(C);
        await HttpContext.RequestServices.GetRequiredService<AppDbContext>().SaveChangesAsync(ct);
        return result;
    }

    public async Task<IActionResult> OnGetDocxAsync(int reporterId, CancellationToken ct)
    {
        if (await LoadAsync(reporterId, ct) is { } stop) return stop;
        var result = commands.ExportDocx(C);
        await HttpContext.RequestServices.GetRequiredService<AppDbContext>().SaveChangesAsync(ct);
        return result;
    }

    public async Task<IActionResult> OnGetEvidenceAsync(int reporterId, int fileId, CancellationToken ct)
    {
        var file = await commands.EvidenceFileAsync(reporterId, fileId, ct);
        if (file is null) return NotFound();
        return File(file.Content, file.ContentType, file.FileName);
    }

    private async Task<IActionResult> ActAsync(int reporterId, string form, string flash, Func<RectContext, Task> act, CancellationToken ct)
    {
        if (await LoadAsync(reporterId, ct) is { } stop) return stop;
        try
        {
            await act(C);
            TempData["Flash"] ??= flash;
            return Redirect($"/Rectification/Plan/{reporterId}" + (form.StartsWith("item-", StringComparison.Ordinal) ? "#" + form : ""));
        }
        catch (DomainException e) when (e.Code is "RectPage.NotSecretary" or "RectPage.NotStaff") { return Forbid(); }
        catch (DomainException e)
        {
            // Reload: a failed save may have left tracked changes behind; the page shows what is stored.
            HttpContext.RequestServices.GetRequiredService<AppDbContext>().ChangeTracker.Clear();
            await LoadAsync(reporterId, ct);
            ErrorForm = form;
            Error = Messages.For(e);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
    }

    public Task<IActionResult> OnPostCollectAsync(int reporterId, CancellationToken ct) =>
        ActAsync(reporterId, "collect", RectPageStrings.Flash_Collected, async c =>
        {
            var n = await commands.CollectAsync(User, c, ct);
            TempData["Flash"] = string.Format(System.Globalization.CultureInfo.InvariantCulture, RectPageStrings.Flash_Collected, n);
        }, ct);

    public Task<IActionResult> OnPostProblemAsync(int reporterId, string? text, string? source, CancellationToken ct) =>
        ActAsync(reporterId, "problem", RectPageStrings.Flash_ProblemAdded, c => commands.AddStaffProblemAsync(User, c, text, source, ct), ct);

    public Task<IActionResult> OnPostEditProblemAsync(int reporterId, int problemId, string? text, CancellationToken ct) =>
        ActAsync(reporterId, $"problem-{problemId}", Strings.Common_Saved, c => commands.EditProblemAsync(User, c, problemId, text, ct), ct);

    public Task<IActionResult> OnPostItemAsync(int reporterId, int problemId, string? measures, string? responsible, DateOnly? deadline, string? expected, CancellationToken ct) =>
        ActAsync(reporterId, $"item-{problemId}", Strings.Common_Saved, c => commands.SaveItemAsync(User, c, problemId, measures, responsible, deadline, expected, ct), ct);

    public Task<IActionResult> OnPostFileAsync(int reporterId, CancellationToken ct) =>
        ActAsync(reporterId, "file", RectPageStrings.Flash_Filed, c => commands.FileAsync(User, c, ct), ct);

    public Task<IActionResult> OnPostAcceptAsync(int reporterId, CancellationToken ct) =>
        ActAsync(reporterId, "review", RectPageStrings.Flash_Accepted, c => commands.AcceptAsync(User, c, ct), ct);

    public Task<IActionResult> OnPostReturnAsync(int reporterId, string? reason, CancellationToken ct) =>
        ActAsync(reporterId, "review", RectPageStrings.Flash_Returned, c => commands.ReturnAsync(User, c, reason, ct), ct);

    public Task<IActionResult> OnPostStartAsync(int reporterId, int itemId, CancellationToken ct) =>
        ActAsync(reporterId, $"track-{itemId}", RectPageStrings.Flash_Started, c => commands.StartAsync(User, c, itemId, ct), ct);

    public Task<IActionResult> OnPostNoteAsync(int reporterId, int itemId, string? note, CancellationToken ct) =>
        ActAsync(reporterId, $"track-{itemId}", RectPageStrings.Flash_NoteAdded, c => commands.NoteAsync(User, c, itemId, note, ct), ct);

    public Task<IActionResult> OnPostEvidenceAsync(int reporterId, int itemId, IFormFile? file, CancellationToken ct) =>
        ActAsync(reporterId, $"track-{itemId}", RectPageStrings.Flash_EvidenceAdded, async c =>
        {
            if (file is null || file.Length == 0) throw new DomainException("RectPage.EvidenceMissing");
            await using var s = file.OpenReadStream();
            await commands.AddEvidenceAsync(User, c, itemId, s, file.FileName, ct);
        }, ct);

    public Task<IActionResult> OnPostDoneAsync(int reporterId, int itemId, CancellationToken ct) =>
        ActAsync(reporterId, $"track-{itemId}", RectPageStrings.Flash_Done, c => commands.MarkDoneAsync(User, c, itemId, ct), ct);

    public Task<IActionResult> OnPostCloseAsync(int reporterId, int itemId, CancellationToken ct) =>
        ActAsync(reporterId, $"track-{itemId}", RectPageStrings.Flash_Closed, c => commands.CloseAsync(User, c, itemId, ct), ct);

    public Task<IActionResult> OnPostRejectAsync(int reporterId, int itemId, string? reason, CancellationToken ct) =>
        ActAsync(reporterId, $"track-{itemId}", RectPageStrings.Flash_Rejected, c => commands.RejectAsync(User, c, itemId, reason, ct), ct);

    public Task<IActionResult> OnPostCheckAsync(int reporterId, int? itemId, DateOnly? checkedOn, string? checker, string? finding, string? nextStep, CancellationToken ct) =>
        ActAsync(reporterId, itemId is { } i ? $"check-{i}" : "check", RectPageStrings.Flash_Checked, c => commands.CheckAsync(User, c, itemId, checkedOn, checker, finding, nextStep, ct), ct);
}
