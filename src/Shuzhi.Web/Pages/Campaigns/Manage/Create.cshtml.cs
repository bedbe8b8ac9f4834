using System.ComponentModel.DataAnnotations;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Campaigns.Manage;

public sealed class CreateModel(AppDbContext db, CampaignCommands commands, TimeProvider clock) : PageModel
{
    [BindProperty]
    [Required(ErrorMessageResourceType = typeof(CampaignStrings), ErrorMessageResourceName = nameof(CampaignStrings.Cp_OrganizerRequired))]
    public int? OrganizerId { get; set; }

    [BindProperty]
    [Required(ErrorMessageResourceType = typeof(CampaignStrings), ErrorMessageResourceName = nameof(CampaignStrings.Cp_YearRequired))]
    [Range(2000, 2100, ErrorMessageResourceType = typeof(CampaignStrings), ErrorMessageResourceName = nameof(CampaignStrings.Cp_YearRequired))]
    public int? Year { get; set; }

    [BindProperty]
    [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Campaign_TitleRequired))]
    public string Title { get; set; } = "";

    [BindProperty] public TimelineFields Timeline { get; set; } = new();
    [BindProperty] public bool CopyLastYear { get; set; }

    public IReadOnlyList<Organization> Organizers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Organizers = await commands.ManageableOrganizersAsync(ct);
        OrganizerId = Organizers.Count == 1 ? Organizers[0].Id : null;
        // Seed 001 第五条: 当年年底或次年年初 — the year just ending, until the summer.
        var now = clock.GetLocalNow();
        Year = now.Month <= 6 ? now.Year - 1 : now.Year;
        Timeline = TimelineFields.From(CampaignTimeline.Default(Year.Value));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Organizers = await commands.ManageableOrganizersAsync(ct);
        TimelineFields.ChineseBindingErrors(ModelState);
        var organizer = Organizers.FirstOrDefault(o => o.Id == OrganizerId);
        if (OrganizerId is not null && organizer is null) ModelState.AddModelError(nameof(OrganizerId), CampaignStrings.Cp_OrganizerNotFound);
        if (!Timeline.Validate(ModelState)) return Page();
        try
        {
            var tracked = await db.Organizations.SingleAsync(o => o.Id == organizer!.Id, ct);
            var campaign = await commands.CreateAsync(tracked, Year!.Value, Title, Timeline.ToTimeline(), CopyLastYear, ct);
            TempData["Flash"] = Strings.Common_Saved;
            return Redirect($"/Campaigns/Details/{campaign.Id}");
        }
        catch (DomainException e)
        {
            var field = e.Code switch
            {
                "Campaign.DuplicateYear" or "Campaign.YearOutOfRange" => nameof(Year),
                "Campaign.NothingToCopy" => nameof(CopyLastYear),
                "Campaign.TitleRequired" or "Campaign.TitleTooLong" => nameof(Title),
                _ => CampaignUi.TimelineField(e.Code),
            };
            ModelState.AddModelError(field, Messages.For(e));
            return Page();
        }
    }
}
