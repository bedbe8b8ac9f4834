using System.Globalization;
using Shuzhi.Domain.Scoring;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Campaigns.Tracks;

/// <summary>
/// A track's field-inspection sheet (检查考核表): seed 000's 12-item, 100-point sheet, or items edited by hand
/// (title, criteria, maximum points) whose maxima must add up to the total. The organizer's own staff.
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

    public const int NewRows = 2;

    /// <summary>"keep": the items below as edited; "000": seed 000's sheet.</summary>
    [BindProperty] public string Use { get; set; } = "keep";
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Total { get; set; }
    [BindProperty] public List<ItemRow> Items { get; set; } = new();
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
        var used = Items.Select(r => r.Key ?? "").ToHashSet(StringComparer.Ordinal);
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
        var keep = Current ?? SheetTemplate.Seed000;
        return ok ? keep with { Title = (Title ?? "").Trim(), Total = total, Items = items } : null;
    }
}
