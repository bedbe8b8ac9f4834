using Shuzhi.Domain.Reports;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Reports;

/// <summary>
/// A report as submitted, with its checks, its versions and a compare of two of them; the assigned reviewer
/// (包片领导) approves it or returns it with a reason. Readable by its writers, its reviewer and the organizer's
/// staff; out of scope is 404, anyone else in scope 403.
/// </summary>
public sealed class ReviewModel(ReportCommands cmd, ReportFileCommands files, TimeProvider clock) : PageModel
{
    public IReadOnlyList<ReportFileRow> Files { get; private set; } = [];
    public ReporterContext Ctx { get; private set; } = null!;
    public IReadOnlyList<ReportVersion> Versions { get; private set; } = [];
    public ReportText Shown { get; private set; } = ReportText.Empty;
    public CheckRun Checks { get; private set; } = null!;
    public IReadOnlyList<SectionDiff>? Diff { get; private set; }
    public bool IsReviewer => ReportCommands.IsReviewer(User, Ctx.Reporter);
    public bool CanDecide => IsReviewer && Ctx.Status == ReportStatus.Submitted;
    public bool IsLate => Ctx.Report?.IsLate(Ctx.Campaign.Timeline.ReportDeadline, cmd.Today, clock.LocalTimeZone)
        ?? Report.IsLateWithoutReport(Ctx.Campaign.Timeline.ReportDeadline, cmd.Today);
    public TimeProvider Clock => clock;
    [BindProperty(SupportsGet = true)] public int? A { get; set; }
    [BindProperty(SupportsGet = true)] public int? B { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [TempData] public string? Message { get; set; }

    private async Task<IActionResult?> LoadAsync(int reporterId, CancellationToken ct)
    {
        if (await cmd.FindAsync(reporterId, ct) is not { } c) return NotFound();
        Ctx = c;
        if (!await cmd.MayReadAsync(User, c.Reporter, ct)) return Forbid();
        Versions = await cmd.VersionsAsync(reporterId, ct);
        Files = await files.ListAsync(reporterId, ct);
        // What the reviewer judges is the latest submission; before any, the current draft.
        Shown = Versions.LastOrDefault()?.Text ?? c.Text;
        Checks = await cmd.CheckAsync(c, Shown, ct);
        if (A is { } a && B is { } b && Versions.FirstOrDefault(v => v.Number == a) is { } va && Versions.FirstOrDefault(v => v.Number == b) is { } vb)
            Diff = [.. ParagraphDiff.Compare(c.Track.Outline, va.Text, vb.Text),
                .. ParagraphDiff.CompareResponses(c.RectificationItems, va.Text, vb.Text, (n, item) => string.Format(ReportStrings.Rr_Diff_Item, n, item.Text))];
        return null;
    }

    public async Task<IActionResult> OnGetAsync(int reporterId, CancellationToken ct) =>
        await LoadAsync(reporterId, ct) ?? Page();

    /// <summary>The text shown here (the latest submission, or the draft before any) as a .docx.</summary>
    public async Task<IActionResult> OnGetDocxAsync(int reporterId, CancellationToken ct)
    {
        if (await LoadAsync(reporterId, ct) is { } stop) return stop;
        return DocxResult.Report(files.Export(Ctx, Shown), ReportFileCommands.BaseName(Ctx));
    }

    public async Task<IActionResult> OnPostApproveAsync(int reporterId, CancellationToken ct)
    {
        if (await LoadAsync(reporterId, ct) is { } stop) return stop;
        if (!IsReviewer) return Forbid();
        try
        {
            await cmd.ApproveAsync(User, Ctx, ct);
            Message = ReportStrings.Rp_ApprovedMsg;
            return RedirectToPage(new { reporterId });
        }
        catch (DomainException e) { ModelState.AddModelError("", Messages.For(e)); return Page(); }
    }

    public async Task<IActionResult> OnPostReturnAsync(int reporterId, CancellationToken ct)
    {
        if (await LoadAsync(reporterId, ct) is { } stop) return stop;
        if (!IsReviewer) return Forbid();
        try
        {
            await cmd.ReturnAsync(User, Ctx, Reason, ct);
            Message = ReportStrings.Rp_ReturnedMsg;
            return RedirectToPage(new { reporterId });
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(nameof(Reason), Messages.For(e));
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
    }
}
