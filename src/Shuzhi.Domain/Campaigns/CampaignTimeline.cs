namespace Shuzhi.Domain.Campaigns;

/// <summary>
/// The dates of a campaign. The rectification-plan deadline defaults to one month after the
/// meeting and the upward report to 15 days after the end (seed 002).
/// </summary>
public sealed record CampaignTimeline(
    DateOnly Start,
    DateOnly ReportDeadline,
    DateOnly ReviewDeadline,
    DateOnly MeetingDate,
    DateOnly? MeetingEndDate,
    DateOnly AssessmentEnd,
    DateOnly FeedbackDate,
    DateOnly RectificationPlanDeadline,
    DateOnly UpwardReportDeadline)
{
    public static DateOnly DefaultRectificationPlanDeadline(DateOnly meeting) => meeting.AddMonths(1);
    public static DateOnly DefaultUpwardReportDeadline(DateOnly end) => end.AddDays(15);

    /// <summary>A timeline from the main dates, the two seed-002 deadlines filled in.</summary>
    public static CampaignTimeline From(DateOnly start, DateOnly reportDeadline, DateOnly reviewDeadline, DateOnly meeting, DateOnly assessmentEnd, DateOnly feedback) =>
        new(start, reportDeadline, reviewDeadline, meeting, null, assessmentEnd, feedback,
            DefaultRectificationPlanDeadline(meeting), DefaultUpwardReportDeadline(assessmentEnd));

    /// <summary>Year-end to mid-January, the usual shape (seed 001 第五条: 当年年底或次年年初).</summary>
    public static CampaignTimeline Default(int year) => From(
        new DateOnly(year, 12, 1), new DateOnly(year + 1, 1, 5), new DateOnly(year + 1, 1, 10),
        new DateOnly(year + 1, 1, 15), new DateOnly(year + 1, 1, 31), new DateOnly(year + 1, 2, 10));

    public IReadOnlyList<(string Code, object[] Args)> Validate()
    {
        var errors = new List<(string, object[])>();
        void Order(DateOnly earlier, DateOnly later, string code) { if (later < earlier) errors.Add((code, [])); }
        Order(Start, ReportDeadline, "Timeline.ReportBeforeStart");
        Order(ReportDeadline, ReviewDeadline, "Timeline.ReviewBeforeReport");
        Order(ReviewDeadline, MeetingDate, "Timeline.MeetingBeforeReview");
        if (MeetingEndDate is { } end) Order(MeetingDate, end, "Timeline.MeetingEndBeforeStart");
        Order(MeetingEndDate ?? MeetingDate, AssessmentEnd, "Timeline.EndBeforeMeeting");
        Order(MeetingEndDate ?? MeetingDate, FeedbackDate, "Timeline.FeedbackBeforeMeeting");
        Order(MeetingDate, RectificationPlanDeadline, "Timeline.RectificationBeforeMeeting");
        Order(AssessmentEnd, UpwardReportDeadline, "Timeline.UpwardBeforeEnd");
        return errors;
    }
}
