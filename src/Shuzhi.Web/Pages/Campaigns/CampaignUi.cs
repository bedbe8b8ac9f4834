using System.ComponentModel.DataAnnotations;

namespace Shuzhi.Web.Pages.Campaigns;

/// <summary>Chinese names of campaign states, shared by the campaign pages and exports.</summary>
public static class CampaignUi
{
    public static string ApprovalName(PlanApproval a) => CampaignStrings.ResourceManager.GetString("Cp_Approval_" + a) ?? a.ToString();
    public static string EventName(CampaignEventKind k) => CampaignStrings.ResourceManager.GetString("Cp_Event_" + k) ?? k.ToString();
    public static string OverdueName(OverdueKind k) => Messages.Get("Overdue." + k);
    public static string Date(DateOnly? d) => d is { } x ? ChineseDates.Format(x) : "";
    public static string Iso(DateOnly? d) => d?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>The form field a timeline rule is about, to show its message next to it.</summary>
    public static string TimelineField(string code) => code switch
    {
        "Timeline.ReportBeforeStart" => "Timeline.ReportDeadline",
        "Timeline.ReviewBeforeReport" => "Timeline.ReviewDeadline",
        "Timeline.MeetingBeforeReview" => "Timeline.MeetingDate",
        "Timeline.MeetingEndBeforeStart" => "Timeline.MeetingEndDate",
        "Timeline.EndBeforeMeeting" => "Timeline.AssessmentEnd",
        "Timeline.FeedbackBeforeMeeting" => "Timeline.FeedbackDate",
        "Timeline.RectificationBeforeMeeting" => "Timeline.RectificationPlanDeadline",
        "Timeline.UpwardBeforeEnd" => "Timeline.UpwardReportDeadline",
        _ => "",
    };
}

/// <summary>The dates of a campaign as a form (create and edit).</summary>
public sealed class TimelineFields
{
    private const string Msg = nameof(CampaignStrings.Cp_DateRequired);

    [Required(ErrorMessageResourceType = typeof(CampaignStrings), ErrorMessageResourceName = Msg)] public DateOnly? Start { get; set; }
    [Required(ErrorMessageResourceType = typeof(CampaignStrings), ErrorMessageResourceName = Msg)] public DateOnly? ReportDeadline { get; set; }
    [Required(ErrorMessageResourceType = typeof(CampaignStrings), ErrorMessageResourceName = Msg)] public DateOnly? ReviewDeadline { get; set; }
    [Required(ErrorMessageResourceType = typeof(CampaignStrings), ErrorMessageResourceName = Msg)] public DateOnly? MeetingDate { get; set; }
    public DateOnly? MeetingEndDate { get; set; }
    [Required(ErrorMessageResourceType = typeof(CampaignStrings), ErrorMessageResourceName = Msg)] public DateOnly? AssessmentEnd { get; set; }
    [Required(ErrorMessageResourceType = typeof(CampaignStrings), ErrorMessageResourceName = Msg)] public DateOnly? FeedbackDate { get; set; }
    [Required(ErrorMessageResourceType = typeof(CampaignStrings), ErrorMessageResourceName = Msg)] public DateOnly? RectificationPlanDeadline { get; set; }
    [Required(ErrorMessageResourceType = typeof(CampaignStrings), ErrorMessageResourceName = Msg)] public DateOnly? UpwardReportDeadline { get; set; }

    public static TimelineFields From(CampaignTimeline t) => new()
    {
        Start = t.Start, ReportDeadline = t.ReportDeadline, ReviewDeadline = t.ReviewDeadline, MeetingDate = t.MeetingDate,
        MeetingEndDate = t.MeetingEndDate, AssessmentEnd = t.AssessmentEnd, FeedbackDate = t.FeedbackDate,
        RectificationPlanDeadline = t.RectificationPlanDeadline, UpwardReportDeadline = t.UpwardReportDeadline,
    };

    public CampaignTimeline ToTimeline() => new(Start!.Value, ReportDeadline!.Value, ReviewDeadline!.Value, MeetingDate!.Value, MeetingEndDate,
        AssessmentEnd!.Value, FeedbackDate!.Value, RectificationPlanDeadline!.Value, UpwardReportDeadline!.Value);

    /// <summary>Checks the order of the dates; each broken rule goes to its field. True when all hold.</summary>
    public bool Validate(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state)
    {
        if (!state.IsValid) return false;
        foreach (var (code, args) in ToTimeline().Validate())
            state.AddModelError(CampaignUi.TimelineField(code), Messages.Get(code, args));
        return state.IsValid;
    }

    /// <summary>Rewrites the framework's English "value is not valid" messages of date fields in Chinese.</summary>
    public static void ChineseBindingErrors(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state)
    {
        foreach (var (key, entry) in state.Where(kv => kv.Key.StartsWith("Timeline.", StringComparison.Ordinal)).ToList())
        {
            if (entry is null || entry.Errors.Count == 0 || entry.Errors.All(e => e.ErrorMessage == CampaignStrings.Cp_DateRequired)) continue;
            entry.Errors.Clear();
            state.AddModelError(key, CampaignStrings.Cp_DateRequired);
        }
    }
}
