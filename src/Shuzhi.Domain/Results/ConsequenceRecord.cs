using Shuzhi.Domain.Scoring;

namespace Shuzhi.Domain.Results;

/// <summary>
/// 结果运用 (seed 001 第七条, seed 002 三.4) for one reporter of a campaign: below 好 the person's annual appraisal may
/// not be 优秀; 一般 or 差 call for a reminder interview (约谈提醒) and rectification by a deadline (限期整改), which the
/// rectification part carries out. One record per reporter and campaign, updated by each release; withdrawn while the
/// decision is reopened or once a new decision leaves nothing to follow.
/// </summary>
public sealed class ConsequenceRecord
{
    private ConsequenceRecord() { }

    public int Id { get; private set; }
    public int CampaignId { get; private set; }
    public int ReporterId { get; private set; }
    public int OrganizerId { get; private set; }
    public int OrganizationId { get; private set; }
    public int? PersonId { get; private set; }
    public int Year { get; private set; }
    public string OrganizationName { get; private set; } = "";
    public string? PersonName { get; private set; }
    public string PostName { get; private set; } = "";
    public int SortOrder { get; private set; }
    public Grade Grade { get; private set; }
    /// <summary>年度考核不得评定为“优秀”.</summary>
    public bool NoExcellent { get; private set; }
    /// <summary>约谈提醒 required.</summary>
    public bool ReminderInterview { get; private set; }
    /// <summary>限期整改: the deadline.</summary>
    public DateOnly? RectificationDeadline { get; private set; }
    /// <summary>The party committee's meeting date, from which the deadline runs.</summary>
    public DateOnly DecisionDate { get; private set; }
    public int ReleaseId { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }
    public string? WithdrawReason { get; private set; }

    public bool InForce => WithdrawnAt is null;

    public static ConsequenceRecord For(int campaignId, int year, ResultSubject who)
        => new() { CampaignId = campaignId, Year = year, ReporterId = who.ReporterId, OrganizerId = who.OrganizerId, OrganizationId = who.OrganizationId };

    /// <summary>Puts the consequences of a released grade in force (again), with the names as they now stand.</summary>
    public void Apply(ResultSubject who, ConsequenceSet set, ResultRelease release, DateTimeOffset now)
    {
        if (who.ReporterId != ReporterId || release.CampaignId != CampaignId) throw new DomainException("Results.OtherReporter");
        if (!set.Any) throw new DomainException("Results.NoConsequence");
        PersonId = who.PersonId;
        OrganizationName = who.OrganizationName;
        PersonName = who.PersonName;
        PostName = who.PostName;
        SortOrder = who.SortOrder;
        Grade = set.Grade;
        NoExcellent = set.NoExcellentInAnnualAppraisal;
        ReminderInterview = set.ReminderInterview;
        RectificationDeadline = set.RectificationDeadline;
        DecisionDate = release.MeetingDate;
        ReleaseId = release.Id;
        UpdatedAt = now;
        WithdrawnAt = null;
        WithdrawReason = null;
    }

    public void Withdraw(string reason, DateTimeOffset now)
    {
        if (!InForce) return;
        WithdrawReason = Reasons.Required(reason, ResultRelease.MaxReason);
        WithdrawnAt = now;
        UpdatedAt = now;
    }
}
