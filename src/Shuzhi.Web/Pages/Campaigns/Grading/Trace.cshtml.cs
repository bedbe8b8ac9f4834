using Microsoft.AspNetCore.Authorization;
using Shuzhi.Domain.Scoring;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Campaigns.Grading;

/// <summary>
/// One reporter's composite traced back: each component line, the meeting tally (grade counts, categories) behind the
/// ballot score, the sheets (items, totals, who, when) behind the others; and the opinion (综合评价意见) in three parts,
/// prefilled while empty from the meeting comments, the sheets' notes and the report's failing checks.
/// </summary>
[Authorize(Policy = Policies.ManageCampaigns)]
public sealed class TraceModel(GradingCommands cmd, AppDbContext db, TimeProvider clock) : PageModel
{
    public Campaign Campaign { get; private set; } = null!;
    public GradingBoard Board { get; private set; } = null!;
    public GradingRow Row { get; private set; } = null!;
    public string TrackName { get; private set; } = "";
    public bool CanEdit { get; private set; }
    public bool ReadOnly => !CanEdit || Board.IsLocked;
    public bool Prefilled { get; private set; }
    public TimeProvider Clock => clock;

    [BindProperty] public string? Achievements { get; set; }
    [BindProperty] public string? Problems { get; set; }
    [BindProperty] public string? Direction { get; set; }

    private async Task<IActionResult?> LoadAsync(int reporterId, CancellationToken ct)
    {
        var campaignId = await db.CampaignReporters.Where(r => r.Id == reporterId).Select(r => (int?)r.CampaignId).SingleOrDefaultAsync(ct);
        if (campaignId is null || await cmd.FindCampaignAsync(campaignId.Value, ct) is not { } c || !await cmd.MayReadAsync(c, ct)) return NotFound();
        Campaign = c;
        CanEdit = cmd.MayEdit(User, c);
        Board = await cmd.BoardAsync(c, ct);
        if (Board.Row(reporterId) is not { } row) return NotFound();
        Row = row;
        TrackName = Board.Tracks.First(t => t.Track.Id == row.Reporter.TrackId).Track.Name;
        return null;
    }

    public async Task<IActionResult> OnGetAsync(int reporterId, CancellationToken ct)
    {
        if (await LoadAsync(reporterId, ct) is { } stop) return stop;
        var o = Row.Entry?.Opinion ?? Opinion.Empty;
        if (o.Achievements.Length == 0 && o.Problems.Length == 0 && o.Direction.Length == 0 && !Board.IsLocked)
        {
            o = await cmd.PrefillAsync(Row, ct);
            Prefilled = o.Achievements.Length + o.Problems.Length > 0;
        }
        else if (Board.IsLocked && Board.Deliberation!.Grades.FirstOrDefault(g => g.ReporterId == reporterId) is { } decided) o = decided.Opinion;
        (Achievements, Problems, Direction) = (o.Achievements, o.Problems, o.Direction);
        return Page();
    }

    public async Task<IActionResult> OnPostOpinionAsync(int reporterId, CancellationToken ct)
    {
        if (await LoadAsync(reporterId, ct) is { } stop) return stop;
        if (!CanEdit) return Forbid();
        try
        {
            await cmd.SaveOpinionAsync(User, Campaign, reporterId, Achievements, Problems, Direction, ct);
            TempData["Flash"] = GradingStrings.Gr_OpinionSaved;
            return Redirect($"/Campaigns/Grading/Trace/{reporterId}");
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", Messages.For(e));
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
    }

    public string Time(DateTimeOffset at) => ChineseDates.Format(at, clock.LocalTimeZone);
}
