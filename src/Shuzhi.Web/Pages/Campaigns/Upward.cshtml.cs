using Microsoft.AspNetCore.Authorization;
using Shuzhi.Domain.Results;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Campaigns;

/// <summary>
/// 上报 of one campaign: the organizer's staff see the figures compiled live, write the three narrative parts, save and
/// send; the upper unit's staff acknowledge or return what was sent; viewers at or above the organizer read what was sent.
/// Below the organizer (a reporter's accounts) the page does not exist (404).
/// </summary>
[Authorize(Roles = Dashboard.DashboardAccess.Roles)]
public sealed class UpwardModel(AppDbContext db, CampaignCommands campaigns, UpwardCommands cmd, TimeProvider clock) : PageModel
{
    public Campaign Campaign { get; private set; } = null!;
    public Organization Organizer { get; private set; } = null!;
    public UpwardReport? Report { get; private set; }
    /// <summary>What this account is shown: compiled now while the organizer's staff edit, else what was sent (null: nothing yet).</summary>
    public UpwardFigures? Figures { get; private set; }
    public bool CanWrite { get; private set; }
    public bool CanReview { get; private set; }
    public UpwardDeadline Status { get; private set; }
    public string? Error { get; private set; }

    [BindProperty] public string? Conduct { get; set; }
    [BindProperty] public string? ProblemAnalysis { get; set; }
    [BindProperty] public string? NextSteps { get; set; }
    [BindProperty] public string? Comment { get; set; }

    public string Time(DateTimeOffset at) => ChineseDates.Format(at, clock.LocalTimeZone);

    private async Task<IActionResult?> LoadAsync(int campaignId, bool figures, CancellationToken ct)
    {
        if (await campaigns.FindAsync(campaignId, ct) is not { } c) return NotFound();
        // The organizer must be in the account's subtree (or the account above it); a reporter's own accounts see no report.
        if (await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == c.OrganizerId, ct) is not { } organizer) return NotFound();
        Campaign = c;
        Organizer = organizer;
        Report = await cmd.ReportAsync(campaignId, ct);
        CanWrite = cmd.MayWrite(User, c);
        CanReview = cmd.MayReview(User, organizer);
        Status = UpwardReport.Status(Report, c.Timeline.UpwardReportDeadline, cmd.Today);
        if (figures) Figures = CanWrite && Report is not { IsEditable: false } ? await cmd.CompileAsync(User, c, ct) : Report?.Sent;
        Conduct ??= Report?.Conduct;
        ProblemAnalysis ??= Report?.ProblemAnalysis;
        NextSteps ??= Report?.NextSteps;
        return null;
    }

    public async Task<IActionResult> OnGetAsync(int campaignId, CancellationToken ct) => await LoadAsync(campaignId, true, ct) ?? Page();

    /// <summary>Runs one action of the writer or of the upper unit; a refusal shows the page again with the typed text kept.</summary>
    private async Task<IActionResult> ActAsync(int campaignId, Func<bool> allowed, Func<Task> act, string flash, CancellationToken ct)
    {
        if (await LoadAsync(campaignId, false, ct) is { } stop) return stop;
        if (!allowed()) return Forbid();
        try
        {
            await act();
            TempData["Flash"] = flash;
            return Redirect($"/Campaigns/Upward/{campaignId}");
        }
        catch (DomainException e)
        {
            Error = Messages.For(e);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            db.ChangeTracker.Clear();
            await LoadAsync(campaignId, true, ct);
            return Page();
        }
    }

    public Task<IActionResult> OnPostSaveAsync(int campaignId, CancellationToken ct) =>
        ActAsync(campaignId, () => CanWrite, () => cmd.SaveAsync(User, Campaign, Conduct, ProblemAnalysis, NextSteps, ct), UpwardStrings.Up_Saved, ct);

    public Task<IActionResult> OnPostSubmitAsync(int campaignId, CancellationToken ct) =>
        ActAsync(campaignId, () => CanWrite, () => cmd.SubmitAsync(User, Campaign, Organizer, Conduct, ProblemAnalysis, NextSteps, ct), UpwardStrings.Up_Submitted, ct);

    public Task<IActionResult> OnPostAcknowledgeAsync(int campaignId, CancellationToken ct) =>
        ActAsync(campaignId, () => CanReview, () => cmd.AcknowledgeAsync(User, Campaign, Organizer, Comment, ct), UpwardStrings.Up_Acknowledged, ct);

    public Task<IActionResult> OnPostReturnAsync(int campaignId, CancellationToken ct) =>
        ActAsync(campaignId, () => CanReview, () => cmd.ReturnAsync(User, Campaign, Organizer, Comment, ct), UpwardStrings.Up_Returned, ct);

    /// <summary>The report as shown to this account (.docx); nothing to download before there is a text or a sent report.</summary>
    public async Task<IActionResult> OnGetDocxAsync(int campaignId, CancellationToken ct)
    {
        if (await LoadAsync(campaignId, true, ct) is { } stop) return stop;
        if (Figures is null) return NotFound();
        await cmd.AuditDownloadAsync(Campaign, "docx", ct);
        // The writer may take the draft before saving it: the parts are then empty.
        var report = Report ?? UpwardReport.Start(Campaign.Id, Campaign.OrganizerId, Campaign.Year);
        return DocxResult.Report(cmd.Document(report, Figures), UpwardCommands.FileBase(Figures));
    }

    /// <summary>The appendix (.xlsx) of the figures shown to this account.</summary>
    public async Task<IActionResult> OnGetXlsxAsync(int campaignId, CancellationToken ct)
    {
        if (await LoadAsync(campaignId, true, ct) is { } stop) return stop;
        if (Figures is null) return NotFound();
        await cmd.AuditDownloadAsync(Campaign, "xlsx", ct);
        return XlsxResult.File(this, UpwardCommands.Appendix(Figures), UpwardCommands.FileBase(Figures) + UpwardStrings.Up_AppendixSuffix);
    }
}
