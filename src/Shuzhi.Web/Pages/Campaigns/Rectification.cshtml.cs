using Shuzhi.Domain.Reports;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Campaigns;

/// <summary>
/// Last year's rectification items (整改事项) of each reporter organization, entered by the organizer's own staff
/// (role by Policies.ManageCampaigns, organizer by <see cref="CampaignCommands.MayManage"/>); each must be answered
/// in the report of this campaign (seed 001 第四条, seed 002 二.7). Out of scope is 404; changes are audited.
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Policies.ManageCampaigns)]
public sealed class RectificationModel(AppDbContext db, CampaignCommands commands, TimeProvider clock) : PageModel
{
    public sealed record ReporterOrg(int Id, string Code, string Name);

    public Campaign Campaign { get; private set; } = null!;
    public IReadOnlyList<ReporterOrg> Reporters { get; private set; } = [];
    public ILookup<int, RectificationItem> Items { get; private set; } = Array.Empty<RectificationItem>().ToLookup(i => i.OrganizationId);

    /// <summary>Which form failed ("new-{orgId}", the item id, or "top" for an organization not on the page) and why, with what was typed.</summary>
    public string? ErrorForm { get; private set; }
    public string? Error { get; private set; }
    public (string Text, string Source) Typed { get; private set; }

    private async Task<IActionResult?> LoadAsync(int campaignId, CancellationToken ct)
    {
        var c = await commands.FindAsync(campaignId, ct);
        if (c is null) return NotFound();
        if (!commands.MayManage(c.Organizer!)) return Forbid();
        Campaign = c;
        Reporters = await (from r in db.CampaignReporters
                           join o in db.Organizations on r.OrganizationId equals o.Id
                           where r.CampaignId == campaignId
                           orderby r.SortOrder, o.Code
                           select new ReporterOrg(o.Id, o.Code, o.Name)).ToListAsync(ct);
        Reporters = Reporters.DistinctBy(r => r.Id).ToList();
        Items = (await db.RectificationItems.AsNoTracking().Where(x => x.CampaignId == campaignId)
            .OrderBy(x => x.SortOrder).ThenBy(x => x.Id).ToListAsync(ct)).ToLookup(x => x.OrganizationId);
        return null;
    }

    private string Here => $"/Campaigns/Rectification/{Campaign.Id}";

    public async Task<IActionResult> OnGetAsync(int campaignId, CancellationToken ct) => await LoadAsync(campaignId, ct) ?? Page();

    public async Task<IActionResult> OnPostAddAsync(int campaignId, int organizationId, string? text, string? source, CancellationToken ct)
    {
        if (await LoadAsync(campaignId, ct) is { } stop) return stop;
        try
        {
            if (Reporters.All(r => r.Id != organizationId)) return Failed("top", new DomainException("Rr.NotReporter"), text, source);
            var order = Items[organizationId].Select(i => i.SortOrder).DefaultIfEmpty(0).Max();
            db.RectificationItems.Add(RectificationItem.Create(Campaign.Id, organizationId, order + 1, text ?? "", source, clock.GetUtcNow()));
            await db.SaveChangesAsync(ct);
            TempData["Flash"] = ReportStrings.Rr_Added;
            return Redirect(Here);
        }
        catch (DomainException e) { return Failed($"new-{organizationId}", e, text, source); }
    }

    public async Task<IActionResult> OnPostUpdateAsync(int campaignId, int itemId, string? text, string? source, CancellationToken ct)
    {
        if (await LoadAsync(campaignId, ct) is { } stop) return stop;
        var item = await db.RectificationItems.SingleOrDefaultAsync(x => x.Id == itemId && x.CampaignId == campaignId, ct);
        if (item is null) return NotFound();
        try
        {
            item.Update(text, source);
            await db.SaveChangesAsync(ct);
            TempData["Flash"] = Strings.Common_Saved;
            return Redirect(Here);
        }
        catch (DomainException e) { return Failed(itemId.ToString(System.Globalization.CultureInfo.InvariantCulture), e, text, source); }
    }

    public async Task<IActionResult> OnPostDeleteAsync(int campaignId, int itemId, CancellationToken ct)
    {
        if (await LoadAsync(campaignId, ct) is { } stop) return stop;
        var item = await db.RectificationItems.SingleOrDefaultAsync(x => x.Id == itemId && x.CampaignId == campaignId, ct);
        if (item is null) return NotFound();
        db.RectificationItems.Remove(item);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = ReportStrings.Rr_Deleted;
        return Redirect(Here);
    }

    private PageResult Failed(string form, DomainException e, string? text, string? source)
    {
        ErrorForm = form;
        Error = Messages.For(e);
        Typed = (text ?? "", source ?? "");
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
