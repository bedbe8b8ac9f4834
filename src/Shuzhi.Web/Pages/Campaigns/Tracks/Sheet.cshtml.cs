using System.Globalization;
using Shuzhi.Domain.Scoring;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Campaigns.Tracks;

/// <summary>
/// A track's field-inspection sheet (检查考核表): seed 000's 12-item, 100-point sheet, or items edited by hand
/// (title, criteria, maximum points) whose maxima must add up to the total; bonus (加分) and deduction (减分) items with
/// their maxima and caps, and veto items (一票否决) with the grade they force. The organizer's own staff.
/// </summary>
public sealed class SheetModel(InspectionCommands cmd, AppDbContext db) : PageModel
{
    public sealed class ItemRow
    {
        public string? Key { get; set; }
        public string? Title { get; set; }
        public string? Criteria { get; set; }
        public string? Max { get; set; }
        public bool Remove { get; set; }
    }

    /// <summary>A bonus or deduction row (title, maximum points) or a veto row (title, forced grade).</summary>
    public sealed class ExtraRow
    {
        public string? Key { get; set; }
        public string? Title { get; set; }
        public string? Max { get; set; }
        public Grade Grade { get; set; } = Grade.Poor;
        public bool Remove { get; set; }

        public bool IsBlankNew => string.IsNullOrEmpty(Key) && string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Max);
    }

    public const int NewRows = 2;

    /// <summary>One group of extra rows as the partial renders it: the form field's name, the rows, and veto (grade) or points.</summary>
    public sealed record ExtrasView(string Field, List<ExtraRow> Rows, string NewLabel, bool Veto);

    /// <summary>"keep": the items below as edited; "000": seed 000's sheet.</summary>
    [BindProperty] public string Use { get; set; } = "keep";
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Total { get; set; }
    [BindProperty] public List<ItemRow> Items { get; set; } = new();
    [BindProperty] public List<ExtraRow> Bonuses { get; set; } = new();
    [BindProperty] public string? BonusCap { get; set; }
    [BindProperty] public List<ExtraRow> Deductions { get; set; } = new();
    [BindProperty] public string? DeductionCap { get; set; }
    [BindProperty] public List<ExtraRow> Vetoes { get; set; } = new();
    public Campaign Campaign { get; private set; } = null!;
    public Track Track { get; private set; } = null!;
    public SheetTemplate? Current { get; private set; }

    private async Task<IActionResult?> LoadAsync(int campaignId, int trackId, CancellationToken ct)
    {
        if (await cmd.FindCampaignAsync(campaignId, ct) is not { } c) return NotFound();
        if (await db.Tracks.SingleOrDefaultAsync(t => t.Id == trackId && t.CampaignId == c.Id, ct) is not { } t) return NotFound();
        Campaign = c;
        Track = t;
        Current = await cmd.TemplateAsync(t.Id, ct);
        return cmd.IsOrganizerStaff(User, c.OrganizerId) ? null : Forbid();
    }

    public async Task<IActionResult> OnGetAsync(int campaignId, int trackId, CancellationToken ct)
    {
        if (await LoadAsync(campaignId, trackId, ct) is { } stop) return stop;
        var t = Current ?? SheetTemplate.Seed000;
        Title = t.Title;
        Total = t.Total.ToString(CultureInfo.InvariantCulture);
        Items = t.Items.Select(i => new ItemRow { Key = i.Key, Title = i.Title, Criteria = i.Criteria, Max = i.MaxPoints.ToString(CultureInfo.InvariantCulture) }).ToList();
        Bonuses = t.Bonuses.Select(b => new ExtraRow { Key = b.Key, Title = b.Title, Max = b.MaxPoints.ToString(CultureInfo.InvariantCulture) }).ToList();
        BonusCap = t.BonusCap.ToString(CultureInfo.InvariantCulture);
        Deductions = t.Deductions.Select(d => new ExtraRow { Key = d.Key, Title = d.Title, Max = d.MaxPoints.ToString(CultureInfo.InvariantCulture) }).ToList();
        DeductionCap = t.DeductionCap.ToString(CultureInfo.InvariantCulture);
        Vetoes = t.Vetoes.Select(v => new ExtraRow { Key = v.Key, Title = v.Title, Grade = v.ForcedGrade }).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int campaignId, int trackId, CancellationToken ct)
    {
        if (await LoadAsync(campaignId, trackId, ct) is { } stop) return stop;
        var template = Use == "000" ? SheetTemplate.Seed000 : FromForm();
        if (template is not null)
        {
            var errors = template.Validate();
            foreach (var (code, args) in errors) ModelState.AddModelError("", Messages.Get(code, args));
            if (errors.Count == 0)
            {
                await cmd.SetTemplateAsync(User, Campaign, Track, template, ct);
                TempData["Flash"] = InspectionStrings.Insp_Sheet_Saved;
                return Redirect($"/Campaigns/Tracks/{campaignId}");
            }
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private static bool TryPoints(string? text, out decimal value) =>
        decimal.TryParse((text ?? "").Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out value);

    /// <summary>The rows as posted, in order, without removed and blank new ones; null with model errors when a number is unreadable.</summary>
    private SheetTemplate? FromForm()
    {
        var ok = true;
        if (!TryPoints(Total, out var total))
        {
            ok = false;
            ModelState.AddModelError("", InspectionStrings.Insp_Sheet_TotalNotNumber);
        }
        var used = Items.Select(r => r.Key).Concat(Bonuses.Select(r => r.Key)).Concat(Deductions.Select(r => r.Key)).Concat(Vetoes.Select(r => r.Key))
            .Select(k => k ?? "").ToHashSet(StringComparer.Ordinal);
        var next = 1;
        var items = new List<SheetItem>();
        foreach (var row in Items.Where(r => !r.Remove && !(string.IsNullOrEmpty(r.Key) && string.IsNullOrWhiteSpace(r.Title) && string.IsNullOrWhiteSpace(r.Max))))
        {
            var title = (row.Title ?? "").Trim();
            if (!TryPoints(row.Max, out var max))
            {
                ok = false;
                ModelState.AddModelError("", string.Format(CultureInfo.InvariantCulture, InspectionStrings.Insp_Sheet_MaxNotNumber, title.Length > 0 ? title : "新项目"));
                continue;
            }
            var key = row.Key;
            if (string.IsNullOrEmpty(key))
            {
                while (used.Contains(next.ToString(CultureInfo.InvariantCulture))) next++;
                key = next.ToString(CultureInfo.InvariantCulture);
                used.Add(key);
            }
            items.Add(new SheetItem(key, title, (row.Criteria ?? "").Replace("\r\n", "\n").Trim(), max));
        }
        var bonuses = Adjustments(Bonuses, "b", used, ref ok);
        var deductions = Adjustments(Deductions, "d", used, ref ok);
        var vetoes = Kept(Vetoes).Select(r => new VetoItem(NewKey(r.Key, "v", used), (r.Title ?? "").Trim(),
            Enum.IsDefined(r.Grade) ? r.Grade : Grade.Poor)).ToList();
        var bonusCap = Cap(BonusCap, InspectionStrings.Insp_Sheet_BonusCap, ref ok);
        var deductionCap = Cap(DeductionCap, InspectionStrings.Insp_Sheet_DeductionCap, ref ok);
        return ok ? new SheetTemplate((Title ?? "").Trim(), total, items, bonuses, bonusCap, deductions, deductionCap, vetoes) : null;
    }

    private static IEnumerable<ExtraRow> Kept(List<ExtraRow> rows) => rows.Where(r => !r.Remove && !r.IsBlankNew);

    /// <summary>A kept row's key, or a new one: the prefix and the first number not used yet (b1, d2, v1 …).</summary>
    private static string NewKey(string? key, string prefix, HashSet<string> used)
    {
        if (!string.IsNullOrEmpty(key)) return key;
        var n = 1;
        while (used.Contains(prefix + n.ToString(CultureInfo.InvariantCulture))) n++;
        key = prefix + n.ToString(CultureInfo.InvariantCulture);
        used.Add(key);
        return key;
    }

    private List<AdjustmentItem> Adjustments(List<ExtraRow> rows, string prefix, HashSet<string> used, ref bool ok)
    {
        var list = new List<AdjustmentItem>();
        foreach (var row in Kept(rows))
        {
            var title = (row.Title ?? "").Trim();
            if (!TryPoints(row.Max, out var max))
            {
                ok = false;
                ModelState.AddModelError("", string.Format(CultureInfo.InvariantCulture, InspectionStrings.Insp_Sheet_MaxNotNumber, title.Length > 0 ? title : "新项目"));
                continue;
            }
            list.Add(new AdjustmentItem(NewKey(row.Key, prefix, used), title, max));
        }
        return list;
    }

    /// <summary>A cap: blank is 0 (no bonus or deduction counts).</summary>
    private decimal Cap(string? text, string name, ref bool ok)
    {
        if (string.IsNullOrWhiteSpace(text)) return 0;
        if (TryPoints(text, out var cap)) return cap;
        ok = false;
        ModelState.AddModelError("", string.Format(CultureInfo.InvariantCulture, InspectionStrings.Insp_Sheet_MaxNotNumber, name));
        return 0;
    }
}
