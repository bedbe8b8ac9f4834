using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Shuzhi.Domain.Rectification;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Rectification;

/// <summary>
/// 问责记录 (/Rectification/Accountability/{campaignId}): records of the campaign's reporter organizations (basis,
/// decision, document number, date, effect period), recorded by the organizer's staff, listed and exported as .xlsx.
/// </summary>
[Authorize(Policy = Policies.ManageCampaigns)]
public sealed class AccountabilityModel(RectificationCommands commands, CampaignCommands campaigns, AppDbContext db) : PageModel
{
    public Campaign Campaign { get; private set; } = null!;
    public IReadOnlyList<AccountabilityRecord> Records { get; private set; } = [];
    public IReadOnlyDictionary<int, string> Orgs { get; private set; } = new Dictionary<int, string>();
    public string? Error { get; private set; }
    public DateOnly Today => commands.Today;

    private async Task<IActionResult?> LoadAsync(int campaignId, CancellationToken ct)
    {
        var c = await campaigns.FindAsync(campaignId, ct);
        if (c is null) return NotFound();
        if (!campaigns.IsOrganizerStaff(User, c.OrganizerId)) return Forbid();
        Campaign = c;
        Records = await commands.AccountabilityAsync(campaignId, ct);
        var reporterOrgs = db.CampaignReporters.Where(r => r.CampaignId == campaignId).Select(r => r.OrganizationId);
        Orgs = await db.Organizations.Where(o => reporterOrgs.Contains(o.Id)).OrderBy(o => o.Path).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return null;
    }

    public async Task<IActionResult> OnGetAsync(int campaignId, CancellationToken ct) => await LoadAsync(campaignId, ct) ?? Page();

    public static string[] Headers => [RectPageStrings.Col_Organization, RectPageStrings.Acc_Person, RectPageStrings.Acc_Basis, RectPageStrings.Acc_Decision,
        RectPageStrings.Acc_DocumentNumber, RectPageStrings.Acc_DecidedOn, RectPageStrings.Acc_Effect];

    public string Effect(AccountabilityRecord r) => $"{ChineseDates.Format(r.EffectStart)}至{ChineseDates.Format(r.EffectEnd)}";

    public async Task<IActionResult> OnGetXlsxAsync(int campaignId, CancellationToken ct)
    {
        if (await LoadAsync(campaignId, ct) is { } stop) return stop;
        var rows = Records.Select(r => (IReadOnlyList<object?>)[Orgs.GetValueOrDefault(r.OrganizationId, ""), r.Person, r.Basis, r.Decision, r.DocumentNumber, ChineseDates.Format(r.DecidedOn), Effect(r)]).ToList();
        db.Audit("Export", "AccountabilityRecord", campaignId.ToString(CultureInfo.InvariantCulture), "{\"format\":\"xlsx\"}");
        await db.SaveChangesAsync(ct);
        return XlsxResult.File(this, [new XlsxSheet(RectPageStrings.Acc_Title, Headers, rows)], $"{Campaign.Year}年度{RectPageStrings.Acc_Title}");
    }

    public async Task<IActionResult> OnPostAsync(int campaignId, int organizationId, string? person, string? basis, string? decision, string? documentNumber,
        DateOnly? decidedOn, DateOnly? effectStart, DateOnly? effectEnd, CancellationToken ct)
    {
        if (await LoadAsync(campaignId, ct) is { } stop) return stop;
        try
        {
            await commands.AddAccountabilityAsync(User, Campaign, organizationId, person, basis, decision, documentNumber, decidedOn, effectStart, effectEnd, ct);
            TempData["Flash"] = RectPageStrings.Flash_AccountabilityAdded;
            return Redirect($"/Rectification/Accountability/{campaignId}");
        }
        catch (DomainException e)
        {
            Error = Messages.For(e);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
    }
}
