using System.Globalization;
using Shuzhi.Domain.Scoring;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Inspection;

/// <summary>
/// The assigned inspector fills the field-inspection sheet of one reporter on a phone: points per item (never above
/// the item's maximum, checked here and by the domain), notes of what they saw and heard (seed 001 第六条), a running
/// total; saved as a draft or submitted (locked). Out of scope: 404; not the assigned inspector: 403.
/// </summary>
public sealed class SheetModel(InspectionCommands cmd, AppDbContext db) : PageModel
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

    private async Task<IActionResult?> LoadAsync(int reporterId, CancellationToken ct)
    {
        if (await db.CampaignReporters.SingleOrDefaultAsync(r => r.Id == reporterId, ct) is not { } r) return NotFound();
        Reporter = r;
        if (!await cmd.IsAssignedAsync(User, r.Id, ct)) return Forbid();
        OrganizationName = await db.Organizations.Where(o => o.Id == r.OrganizationId).Select(o => o.Name).SingleOrDefaultAsync(ct) ?? "";
        Sheet = await cmd.SheetAsync(r.Id, InspectionCommands.UserId(User), ct);
        Template = Sheet?.Template ?? await cmd.TemplateAsync(r.TrackId, ct);
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

    public Task<IActionResult> OnPostSubmitAsync(int reporterId, CancellationToken ct) => SaveAsync(reporterId, true, ct);

    private async Task<IActionResult> SaveAsync(int reporterId, bool submit, CancellationToken ct)
    {
        if (await LoadAsync(reporterId, ct) is { } stop) return stop;
        try
        {
            if (Template is null) throw new DomainException("Insp.NoTemplate");
            var ok = true;
            var items = Read(Points, Template.Items.Select(i => (i.Key, i.Title)), ref ok);
            var bonuses = Read(Bonus, Template.Bonuses.Select(i => (i.Key, i.Title)), ref ok);
            var deductions = Read(Deduction, Template.Deductions.Select(i => (i.Key, i.Title)), ref ok);
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

    /// <summary>The points typed for a group of items (blank left out); a text that is not a number is a model error.</summary>
    private Dictionary<string, decimal> Read(Dictionary<string, string?> typed, IEnumerable<(string Key, string Title)> items, ref bool ok)
    {
        var result = new Dictionary<string, decimal>();
        foreach (var (key, title) in items)
        {
            var text = typed.GetValueOrDefault(key)?.Trim();
            if (string.IsNullOrEmpty(text)) continue;
            if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var v)) result[key] = v;
            else
            {
                ok = false;
                ModelState.AddModelError("", string.Format(CultureInfo.InvariantCulture, InspectionStrings.Insp_PointsNotNumber, title));
            }
        }
        return result;
    }
}
