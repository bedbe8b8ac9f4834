using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Shuzhi.Domain.Rectification;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Rectification;

/// <summary>
/// 定期通报 (/Rectification/Bulletin/{campaignId}): the rectification progress per organization for a chosen period and
/// subtree (items, done, closed, closed in the period, overdue, rate), as a page, .xlsx and .docx — the figures are
/// counted from the items (Bulletin.Compute). Also the organizations with overdue items listed for supervision
/// (第七条: not only 问责), and the carry-over of the items to next year's campaign. The organizer's staff only.
/// </summary>
[Authorize(Policy = Policies.ManageCampaigns)]
public sealed class BulletinModel(RectificationCommands commands, CampaignCommands campaigns, AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public int? OrgId { get; set; }

    public Campaign Campaign { get; private set; } = null!;
    public IReadOnlyList<Organization> Subtrees { get; private set; } = [];
    public BulletinFigures? Figures { get; private set; }
    public IReadOnlyList<(SupervisionEntry Entry, string Name)> Supervision { get; private set; } = [];
    public Campaign? Next { get; private set; }
    public string? Error { get; private set; }

    private async Task<IActionResult?> LoadAsync(int campaignId, CancellationToken ct)
    {
        var c = await campaigns.FindAsync(campaignId, ct);
        if (c is null) return NotFound();
        if (!campaigns.IsOrganizerStaff(User, c.OrganizerId)) return Forbid();
        Campaign = c;
        var reporterOrgs = db.CampaignReporters.Where(r => r.CampaignId == campaignId).Select(r => r.OrganizationId);
        Subtrees = await db.Organizations.Where(o => o.Id == c.OrganizerId || reporterOrgs.Contains(o.Id)).OrderBy(o => o.Path).ToListAsync(ct);
        var today = commands.Today;
        From ??= new DateOnly(today.Year, today.Month, 1);
        To ??= today;
        var subtree = Subtrees.FirstOrDefault(o => o.Id == (OrgId ?? c.OrganizerId));
        if (subtree is null) return NotFound();
        OrgId = subtree.Id;
        try
        {
            Figures = Bulletin.Compute(await commands.BulletinItemsAsync(campaignId, subtree.Path, ct), From.Value, To.Value, today);
        }
        catch (DomainException e)
        {
            Error = Messages.For(e);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        Supervision = await commands.SupervisionListAsync(campaignId, ct);
        Next = await commands.NextCampaignAsync(c, ct);
        return null;
    }

    public async Task<IActionResult> OnGetAsync(int campaignId, CancellationToken ct) => await LoadAsync(campaignId, ct) ?? Page();

    private string Title => string.Format(CultureInfo.InvariantCulture, RectPageStrings.Bulletin_FileTitle, Campaign.Year, Subtrees.First(o => o.Id == OrgId).Name);

    public static string[] Headers => [RectPageStrings.Col_Organization, RectPageStrings.Col_Items, RectPageStrings.Col_Done, RectPageStrings.Col_Closed,
        RectPageStrings.Col_ClosedInPeriod, RectPageStrings.Col_Overdue, RectPageStrings.Col_Rate];

    private static string[] Cells(BulletinRow r) => [r.OrganizationName, N(r.Items), N(r.Done), N(r.Closed), N(r.ClosedInPeriod), N(r.Overdue), r.RateText];
    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetXlsxAsync(int campaignId, CancellationToken ct)
    {
        if (await LoadAsync(campaignId, ct) is { } stop) return stop;
        if (Figures is null) return Page();
        var rows = Figures.Rows.Append(Figures.Total).Select(r => (IReadOnlyList<object?>)[r.OrganizationName, r.Items, r.Done, r.Closed, r.ClosedInPeriod, r.Overdue, r.RateText]).ToList();
        db.Audit("Export", "RectificationBulletin", campaignId.ToString(CultureInfo.InvariantCulture), "{\"format\":\"xlsx\"}");
        await db.SaveChangesAsync(ct);
        return XlsxResult.File(this, [new XlsxSheet(RectPageStrings.Bulletin_Title, Headers, rows)], Title);
    }

    public async Task<IActionResult> OnGetDocxAsync(int campaignId, CancellationToken ct)
    {
        if (await LoadAsync(campaignId, ct) is { } stop) return stop;
        if (Figures is null) return Page();
        var f = Figures;
        var sub = new[] { string.Format(CultureInfo.InvariantCulture, RectPageStrings.Bulletin_Period, ChineseDates.Format(f.From), ChineseDates.Format(f.To), ChineseDates.Format(f.AsOf)) };
        var table = new DocxTable(RectPageStrings.Bulletin_Table, Headers, f.Rows.Append(f.Total).Select(r => (IReadOnlyList<string>)Cells(r)).ToList());
        db.Audit("Export", "RectificationBulletin", campaignId.ToString(CultureInfo.InvariantCulture), "{\"format\":\"docx\"}");
        await db.SaveChangesAsync(ct);
        return DocxTables.File(new DocxTableDocument(Title, sub, [table]), FileNames.Sanitize(Title));
    }

    public async Task<IActionResult> OnPostCarryOverAsync(int campaignId, CancellationToken ct)
    {
        if (await LoadAsync(campaignId, ct) is { } stop) return stop;
        try
        {
            var n = await commands.CarryOverAsync(User, Campaign, ct);
            TempData["Flash"] = string.Format(CultureInfo.InvariantCulture, RectPageStrings.Flash_CarriedOver, n);
            return Redirect($"/Rectification/Bulletin/{campaignId}");
        }
        catch (DomainException e)
        {
            Error = Messages.For(e);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
    }
}
