using System.ComponentModel.DataAnnotations;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Campaigns.Manage;

/// <summary>The plan of a campaign: title, texts, basis documents, timeline and term settings. Only the organizer's own staff (or an administrator) edit.</summary>
public sealed class EditModel(AppDbContext db, CampaignCommands commands) : PageModel
{
    public Campaign Campaign { get; private set; } = null!;

    [BindProperty] public PlanInput Input { get; set; } = new();
    [BindProperty] public TimelineFields Timeline { get; set; } = new();

    public sealed class PlanInput
    {
        [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Campaign_TitleRequired))]
        public string Title { get; set; } = "";
        public string? PlanText { get; set; }
        public string? MeetingPlanText { get; set; }
        public string? BasisDocuments { get; set; }

        [Required(ErrorMessageResourceType = typeof(CampaignStrings), ErrorMessageResourceName = nameof(CampaignStrings.Cp_TermStartRequired))]
        public int? TermStartYear { get; set; }

        [Required(ErrorMessageResourceType = typeof(CampaignStrings), ErrorMessageResourceName = nameof(CampaignStrings.Cp_TermLengthRange))]
        [Range(1, 10, ErrorMessageResourceType = typeof(CampaignStrings), ErrorMessageResourceName = nameof(CampaignStrings.Cp_TermLengthRange))]
        public int? TermLength { get; set; } = 5;

        [Required(ErrorMessageResourceType = typeof(CampaignStrings), ErrorMessageResourceName = nameof(CampaignStrings.Cp_ShortTenureRange))]
        [Range(0, 60, ErrorMessageResourceType = typeof(CampaignStrings), ErrorMessageResourceName = nameof(CampaignStrings.Cp_ShortTenureRange))]
        public int? ShortTenureMonths { get; set; }
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var c = await commands.FindAsync(id, ct);
        if (c is null) return NotFound();
        if (!commands.MayManage(c.Organizer!)) return Forbid();
        Campaign = c;
        return null;
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } fail) return fail;
        var c = Campaign;
        Input = new PlanInput
        {
            Title = c.Title, PlanText = c.PlanText, MeetingPlanText = c.MeetingPlanText, BasisDocuments = c.BasisDocuments,
            TermStartYear = c.TermStartYear, TermLength = c.TermLength, ShortTenureMonths = c.ShortTenureMonths,
        };
        Timeline = TimelineFields.From(c.Timeline);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } fail) return fail;
        TimelineFields.ChineseBindingErrors(ModelState);
        if (!Timeline.Validate(ModelState)) return Page();
        try
        {
            Campaign.UpdatePlan(Input.Title, Input.PlanText ?? "", Input.MeetingPlanText ?? "", Input.BasisDocuments ?? "");
            Campaign.SetTimeline(Timeline.ToTimeline());
            Campaign.SetTerm(Input.TermStartYear!.Value, Input.TermLength!.Value, Input.ShortTenureMonths!.Value);
            await db.SaveChangesAsync(ct);
            TempData["Flash"] = Strings.Common_Saved;
            return Redirect($"/Campaigns/Details/{id}");
        }
        catch (DomainException e)
        {
            var field = e.Code switch
            {
                "Campaign.TitleRequired" or "Campaign.TitleTooLong" => "Input.Title",
                "Campaign.PlanLocked" => "Input.PlanText",
                "Campaign.TermStartInvalid" => "Input.TermStartYear",
                "Campaign.TermLengthInvalid" => "Input.TermLength",
                "Campaign.ShortTenureInvalid" => "Input.ShortTenureMonths",
                _ => CampaignUi.TimelineField(e.Code),
            };
            ModelState.AddModelError(field, Messages.For(e));
            return Page();
        }
    }
}
