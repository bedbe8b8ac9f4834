using Shuzhi.Domain.Scoring;

namespace Shuzhi.Domain.Results;

/// <summary>Who a letter or a record is about: the reporter row and the names as they stood at the release.</summary>
public sealed record ResultSubject(int ReporterId, int OrganizerId, int OrganizationId, int? PersonId, int SortOrder,
    string OrganizerName, string OrganizationName, string? PersonName, string PostName, string TrackName);

/// <summary>
/// 反馈意见 (seed 002 三.3: 综合评价意见及等次经党委研究后，向被评议考核对象反馈): one per reporter and release, a copy of the
/// decided grade and opinion and of what follows from the grade, so what was fed back stays what was read. The reporter
/// organization's accounts read it after the release and acknowledge it once. Withdrawn with its release.
/// </summary>
public sealed class FeedbackLetter
{
    private FeedbackLetter() { }

    public int Id { get; private set; }
    public int ReleaseId { get; private set; }
    public int CampaignId { get; private set; }
    public int ReporterId { get; private set; }
    public int OrganizerId { get; private set; }
    public int OrganizationId { get; private set; }
    public int? PersonId { get; private set; }
    public int SortOrder { get; private set; }
    public int Year { get; private set; }
    public string CampaignTitle { get; private set; } = "";
    public string OrganizerName { get; private set; } = "";
    public string OrganizationName { get; private set; } = "";
    public string? PersonName { get; private set; }
    public string PostName { get; private set; } = "";
    public string TrackName { get; private set; } = "";
    public Grade Grade { get; private set; }
    public string Achievements { get; private set; } = "";
    public string Problems { get; private set; } = "";
    public string Direction { get; private set; } = "";
    public bool NoExcellent { get; private set; }
    public bool ReminderInterview { get; private set; }
    public DateOnly? RectificationDeadline { get; private set; }
    public DateOnly MeetingDate { get; private set; }
    public DateTimeOffset ReleasedAt { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public string? AcknowledgedBy { get; private set; }
    public string? AcknowledgedByUserId { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }

    public bool IsAcknowledged => AcknowledgedAt is not null;

    public Opinion Opinion => new(Achievements, Problems, Direction);

    public ConsequenceSet Consequences => new(Grade, NoExcellent, ReminderInterview, RectificationDeadline);

    public static FeedbackLetter Of(ResultRelease release, int year, string campaignTitle, ResultSubject who, DecidedGrade decided, ConsequenceSet consequences)
    {
        if (decided.ReporterId != who.ReporterId || consequences.Grade != decided.Final) throw new DomainException("Results.OtherReporter");
        return new FeedbackLetter
        {
            ReleaseId = release.Id, CampaignId = release.CampaignId, ReporterId = who.ReporterId, OrganizerId = who.OrganizerId,
            OrganizationId = who.OrganizationId, PersonId = who.PersonId, SortOrder = who.SortOrder, Year = year, CampaignTitle = campaignTitle,
            OrganizerName = who.OrganizerName, OrganizationName = who.OrganizationName, PersonName = who.PersonName, PostName = who.PostName,
            TrackName = who.TrackName, Grade = decided.Final, Achievements = decided.Opinion.Achievements, Problems = decided.Opinion.Problems,
            Direction = decided.Opinion.Direction, NoExcellent = consequences.NoExcellentInAnnualAppraisal, ReminderInterview = consequences.ReminderInterview,
            RectificationDeadline = consequences.RectificationDeadline, MeetingDate = release.MeetingDate, ReleasedAt = release.ReleasedAt,
        };
    }

    /// <summary>The reporter's account confirms it has read the letter; once, and not after a withdrawal.</summary>
    public void Acknowledge(string userId, string userName, DateTimeOffset now)
    {
        if (WithdrawnAt is not null) throw new DomainException("Results.LetterWithdrawn");
        if (IsAcknowledged) throw new DomainException("Results.AlreadyAcknowledged");
        AcknowledgedAt = now;
        AcknowledgedBy = userName;
        AcknowledgedByUserId = userId;
    }

    /// <summary>Withdrawn with its release (the decision was reopened); no reporter reads it any more.</summary>
    public void Withdraw(DateTimeOffset now) => WithdrawnAt ??= now;
}
