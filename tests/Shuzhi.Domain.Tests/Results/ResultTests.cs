using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Organizations;
using Shuzhi.Domain.Results;
using Shuzhi.Domain.Scoring;

namespace Shuzhi.Domain.Tests.Results;

public class ResultTests
{
    private static readonly DateTimeOffset Now = new(2024, 1, 15, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly Meeting = new(2024, 1, 10);
    private static readonly Opinion Opinion = new("成绩", "问题", "方向");

    private static string Code(Action a) => Assert.Throws<DomainException>(a).Code;

    private static Deliberation Locked(params (int Reporter, Grade Grade)[] grades)
    {
        var d = Deliberation.Start(7);
        d.Lock(Meeting, "纪要1号", grades.Select(g => new DecidedGrade(g.Reporter, g.Grade, g.Grade, null, Opinion)).ToList(), Quota.Default, "测试", "u", Now);
        return d;
    }

    private static ResultSubject Who(int reporter) => new(reporter, 1, 10 + reporter, 100 + reporter, reporter, "镇党委", $"{reporter}村党支部", $"书记{reporter}", "书记", "村");

    [Fact]
    public void An_open_decision_is_not_released_and_a_release_stands_only_for_the_lock_it_released()
    {
        var d = Deliberation.Start(7);
        Assert.Equal("Results.NotLocked", Code(() => ResultRelease.Of(d, Now, "staff")));

        d = Locked((1, Grade.Good), (2, Grade.Average));
        var release = ResultRelease.Of(d, Now, "staff");
        Assert.Equal((7, Meeting, "纪要1号", 2, 1), (release.CampaignId, release.MeetingDate, release.MinuteReference, release.LetterCount, release.LockNumber));
        Assert.True(release.Matches(d));

        // Reopened: no longer; locked again (even at the same moment): another decision.
        d.Reopen("复核", "u", Now);
        Assert.False(release.Matches(d));
        d.Lock(Meeting, "纪要2号", [new(1, Grade.Good, Grade.Good, null, Opinion), new(2, Grade.Average, Grade.Average, null, Opinion)], Quota.Default, null, "u", Now);
        Assert.False(release.Matches(d));
        Assert.Equal(2, ResultRelease.Of(d, Now, "staff").LockNumber);

        Assert.Equal("Results.ReasonRequired", Code(() => release.Withdraw(" ", Now, "staff")));
        release.Withdraw("党委研究结果已重新打开", Now, "staff");
        Assert.False(release.IsActive);
        Assert.Equal("Results.AlreadyWithdrawn", Code(() => release.Withdraw("再次", Now, "staff")));
    }

    [Fact]
    public void A_letter_copies_grade_opinion_and_consequences_and_is_acknowledged_once_unless_withdrawn()
    {
        var d = Locked((1, Grade.Poor), (2, Grade.Good));
        var release = ResultRelease.Of(d, Now, "staff");
        var letter = FeedbackLetter.Of(release, 2023, "方案", Who(1), d.Grades[0], Consequences.For(Grade.Poor, Meeting));
        Assert.Equal((Grade.Poor, "成绩", "问题", "方向", true, true, new DateOnly(2024, 2, 9)),
            (letter.Grade, letter.Achievements, letter.Problems, letter.Direction, letter.NoExcellent, letter.ReminderInterview, letter.RectificationDeadline));
        Assert.Equal("Results.OtherReporter", Code(() => FeedbackLetter.Of(release, 2023, "方案", Who(2), d.Grades[0], Consequences.For(Grade.Poor, Meeting))));

        letter.Acknowledge("id-1", "secretary", Now);
        Assert.Equal(("secretary", Now), (letter.AcknowledgedBy, letter.AcknowledgedAt));
        Assert.Equal("Results.AlreadyAcknowledged", Code(() => letter.Acknowledge("id-1", "secretary", Now.AddMinutes(1))));

        var other = FeedbackLetter.Of(release, 2023, "方案", Who(2), d.Grades[1], Consequences.For(Grade.Good, Meeting));
        other.Withdraw(Now);
        Assert.Equal("Results.LetterWithdrawn", Code(() => other.Acknowledge("id-2", "secretary2", Now)));
    }

    [Fact]
    public void A_consequence_record_is_updated_in_place_and_withdrawn_with_a_reason()
    {
        var d = Locked((1, Grade.FairlyGood));
        var release = ResultRelease.Of(d, Now, "staff");
        var record = ConsequenceRecord.For(7, 2023, Who(1));
        record.Apply(Who(1), Consequences.For(Grade.FairlyGood, Meeting), release, Now);
        Assert.Equal((true, false, (DateOnly?)null, true), (record.NoExcellent, record.ReminderInterview, record.RectificationDeadline, record.InForce));
        Assert.Equal("Results.NoConsequence", Code(() => record.Apply(Who(1), Consequences.For(Grade.Good, Meeting), release, Now)));

        record.Withdraw("党委研究结果已重新打开", Now);
        Assert.False(record.InForce);
        record.Apply(Who(1), Consequences.For(Grade.Average, Meeting), release, Now);
        Assert.Equal((Grade.Average, true, true, new DateOnly(2024, 2, 9), true, (string?)null),
            (record.Grade, record.NoExcellent, record.ReminderInterview, record.RectificationDeadline, record.InForce, record.WithdrawReason));
    }

    [Fact]
    public void A_bulletin_is_read_within_its_scope_and_above_and_a_filing_needs_a_person_and_a_standing_letter()
    {
        var county = Organization.Create("C", "县委", OrganizationKind.PartyCommittee, UnitType.Agency, null);
        var town = Organization.Create("T", "镇党委", OrganizationKind.PartyCommittee, UnitType.Township, county);
        var village = Organization.Create("V", "一村党支部", OrganizationKind.Branch, UnitType.Village, town);
        var other = Organization.Create("W", "二村党支部", OrganizationKind.Branch, UnitType.Village, town);
        var campaign = Campaign.Create(0, 2023, "方案", CampaignTimeline.From(new(2023, 12, 20), new(2024, 1, 5), new(2024, 1, 8), new(2024, 1, 10), new(2024, 1, 20), new(2024, 1, 25)), false);
        var d = Locked((1, Grade.Good), (2, Grade.FairlyGood));
        var release = ResultRelease.Of(LockedFor(campaign.Id), Now, "staff");
        var entries = new List<BulletinEntry> { new("村", "一村党支部", "张三", Grade.Good), new("村", "二村党支部", null, Grade.FairlyGood) };

        Assert.Equal("Results.ScopeOutsideOrganizer", Code(() => ResultBulletin.Create(campaign, town.Path, "镇党委", county, release, entries, Now, "staff")));
        Assert.Equal("Results.NothingToBulletin", Code(() => ResultBulletin.Create(campaign, town.Path, "镇党委", village, release, [], Now, "staff")));
        var b = ResultBulletin.Create(campaign, town.Path, "镇党委", village, release, entries, Now, "staff");
        Assert.True(b.IsReadBy(village.Path));
        Assert.True(b.IsReadBy(town.Path));
        Assert.True(b.IsReadBy(county.Path));
        Assert.False(b.IsReadBy(other.Path));
        Assert.Equal([(Grade.Good, 1), (Grade.FairlyGood, 1), (Grade.Average, 0), (Grade.Poor, 0)], b.Counts());

        var letter = FeedbackLetter.Of(ResultRelease.Of(d, Now, "staff"), 2023, "方案", Who(1), d.Grades[0], Consequences.For(Grade.Good, Meeting));
        Assert.Equal("Results.NoteTooLong", Code(() => DossierFiling.Of(letter, new string('注', DossierFiling.MaxNote + 1), Now, "staff")));
        var filing = DossierFiling.Of(letter, " 档案号A-1 ", Now, "staff");
        Assert.Equal((101, "档案号A-1", "staff"), (filing.PersonId, filing.Note, filing.FiledBy));
        var vacant = FeedbackLetter.Of(ResultRelease.Of(d, Now, "staff"), 2023, "方案", Who(1) with { PersonId = null }, d.Grades[0], Consequences.For(Grade.Good, Meeting));
        Assert.Equal("Results.NoPerson", Code(() => DossierFiling.Of(vacant, "", Now, "staff")));
        letter.Withdraw(Now);
        Assert.Equal("Results.LetterWithdrawn", Code(() => DossierFiling.Of(letter, "", Now, "staff")));
    }

    private static Deliberation LockedFor(int campaignId)
    {
        var d = Deliberation.Start(campaignId);
        d.Lock(Meeting, "纪要1号", [new(1, Grade.Good, Grade.Good, null, Opinion), new(2, Grade.FairlyGood, Grade.FairlyGood, null, Opinion)], Quota.Default, null, "u", Now);
        return d;
    }
}
