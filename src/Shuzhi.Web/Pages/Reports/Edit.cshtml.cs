using Shuzhi.Domain.Reports;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Reports;

/// <summary>
/// The secretary's editor: the track's outline sections as text areas with headings and guidance, the
/// campaign's topics, live checks (?handler=Check), autosave (?handler=Autosave), save and submit. The same
/// checks run on the server on submit. Out of scope is 404; in scope but not a writer is 403 (the reviewer is
/// sent to the review page).
/// </summary>
public sealed class EditModel(ReportCommands cmd, TimeProvider clock) : PageModel
{
    public ReporterContext Ctx { get; private set; } = null!;
    public IReadOnlyList<CampaignTopic> Topics { get; private set; } = [];
    public ReportText Text { get; private set; } = ReportText.Empty;
    public CheckRun Checks { get; private set; } = null!;
    public IReadOnlyList<CheckResult> Blocking { get; private set; } = [];
    public bool Editable => Ctx.Report?.IsEditable ?? true;
    public bool IsLate => Ctx.Report?.IsLate(Ctx.Campaign.Timeline.ReportDeadline, cmd.Today, clock.LocalTimeZone)
        ?? Report.IsLateWithoutReport(Ctx.Campaign.Timeline.ReportDeadline, cmd.Today);
    public TimeProvider Clock => clock;
    [TempData] public string? Message { get; set; }

    private async Task<IActionResult?> LoadAsync(int reporterId, CancellationToken ct)
    {
        if (await cmd.FindAsync(reporterId, ct) is not { } c) return NotFound();
        Ctx = c;
        if (!await cmd.MayWriteAsync(User, c.Reporter, ct))
            return ReportCommands.IsReviewer(User, c.Reporter) ? Redirect($"/Reports/Review/{reporterId}") : Forbid();
        Topics = await cmd.TopicListAsync(c.Campaign.Id, ct);
        Text = c.Text;
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
            var text = ReportCommands.TextFrom(Ctx, texts ?? []);
            return new JsonResult(ReportUi.Json(await cmd.CheckAsync(Ctx, text, ct)));
        }
        catch (DomainException e) { return new UnprocessableEntityObjectResult(new { error = Messages.For(e) }); }
    }

    public async Task<IActionResult> OnPostAutosaveAsync(int reporterId, string?[]? texts, CancellationToken ct)
    {
        if (await LoadAsync(reporterId, ct) is { } stop) return stop;
        try
        {
            var r = await cmd.SaveDraftAsync(User, Ctx, ReportCommands.TextFrom(Ctx, texts ?? []), ct);
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
            Text = ReportCommands.TextFrom(Ctx, texts ?? []);
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
            Text = ReportCommands.TextFrom(Ctx, texts ?? []);
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
}
