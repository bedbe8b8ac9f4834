using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Organizations;
using Shuzhi.Domain.Reports;

namespace Shuzhi.Domain.Tests.Reports;

/// <summary>Publication after the meeting within a subtree, writing limited to its stages, and the editable outline's rules.</summary>
public sealed class PublicationTests
{
    private static readonly DateTimeOffset Now = new(2024, 1, 20, 2, 0, 0, TimeSpan.Zero);

    private static Campaign CampaignAt(CampaignStage stage)
    {
        var c = Campaign.Create(1, 2023, "方案", CampaignTimeline.Default(2023), planApprovalRequired: false);
        while (c.Stage < stage) c.Advance(0, "测试");
        return c;
    }

    private static (Organization Town, Organization Village, Organization Other) Tree()
    {
        var county = Organization.Create("C", "县委", OrganizationKind.PartyCommittee, UnitType.Agency, null);
        var town = Organization.Create("C-T", "镇党委", OrganizationKind.PartyCommittee, UnitType.Township, county);
        var village = Organization.Create("C-T-1", "一村", OrganizationKind.Branch, UnitType.Village, town);
        var other = Organization.Create("C-U", "另一镇", OrganizationKind.PartyCommittee, UnitType.Township, county);
        return (town, village, other);
    }

    [Theory]
    [InlineData(CampaignStage.Preparation, "Publication.BeforeMeeting")]
    [InlineData(CampaignStage.Writing, "Publication.BeforeMeeting")]
    [InlineData(CampaignStage.Evaluation, "Publication.BeforeMeeting")]
    [InlineData(CampaignStage.Assessment, null)]
    [InlineData(CampaignStage.Closed, null)]
    public void Publication_comes_after_the_meeting_stage(CampaignStage stage, string? code)
    {
        var (town, _, _) = Tree();
        var create = () => ReportPublication.Create(CampaignAt(stage), town.Path, town, Now, "staff");
        if (code is null) Assert.Equal(town.Path, create().ScopePath);
        else Assert.Equal(code, Assert.Throws<DomainException>(create).Code);
    }

    [Fact]
    public void The_scope_lies_within_the_organizer_and_is_read_within_it_and_above_it()
    {
        var (town, village, other) = Tree();
        var c = CampaignAt(CampaignStage.Assessment);
        Assert.Equal("Publication.ScopeOutsideOrganizer",
            Assert.Throws<DomainException>(() => ReportPublication.Create(c, town.Path, other, Now, "staff")).Code);
        var p = ReportPublication.Create(c, town.Path, village, Now, "staff");
        Assert.Equal("/C/C-T/C-T-1/", p.ScopePath);
        Assert.Equal("/C/C-T/C-T-10", p.ScopeUpper);
        Assert.True(p.IsReadBy("/C/C-T/C-T-1/"));      // the village itself
        Assert.True(p.IsReadBy("/C/C-T/C-T-1/G1/"));   // a branch below it
        Assert.True(p.IsReadBy("/C/C-T/"));            // the town above
        Assert.True(p.IsReadBy("/C/"));                // the county above
        Assert.False(p.IsReadBy("/C/C-T/C-T-2/"));     // the next village
        Assert.False(p.IsReadBy("/C/C-T/C-T-10/"));    // a village whose code only starts alike
        Assert.False(p.IsReadBy("/C/C-U/"));           // another town
    }

    [Fact]
    public void Only_approved_reports_are_copied_and_a_withdrawal_needs_a_reason()
    {
        var (town, _, _) = Tree();
        var c = CampaignAt(CampaignStage.Assessment);
        var track = Track.Create(c.Id, "村书记", 1, DebriefMode.Written, [new(ScoreComponent.DailyReview, 100)], BallotForm.DefaultGrade(), null, false);
        var p = ReportPublication.Create(c, town.Path, town, Now, "staff");
        Assert.Equal("Publication.NothingApproved", Assert.Throws<DomainException>(p.EnsureNotEmpty).Code);
        var draft = Report.Start(1);
        Assert.Equal("Publication.NotApproved", Assert.Throws<DomainException>(() => p.Add(c, track, draft, "一村", "张三")).Code);

        // A good seed-003 text (1000 + 540 + 60 characters, every blocking check passes), text outside the outline and a response.
        var text = ReportBuilder.Seed003(1000, 540, 60).WithSection("orphan", "未归入提纲的文字").WithResponse(7, "已整改");
        var approved = Report.Start(2);
        approved.Submit(text, ReportChecks.Run(ReportOutline.Seed003, ReportRules.Seed003, text, [], []), Now, "secretary");
        approved.Approve(Now);
        var copy = p.Add(c, track, approved, "一村", "张三");
        Assert.Equal(1, p.ReportCount);
        Assert.Equal(text.Section("problems"), copy.Text.Section("problems"));
        Assert.Equal("", copy.Text.Section("orphan"));
        Assert.Equal(track.Outline.Sections.Count, copy.Text.Sections.Count); // the outline's sections only
        Assert.Empty(copy.Text.RectificationResponses);

        Assert.Equal("Publication.WithdrawReasonRequired", Assert.Throws<DomainException>(() => p.Withdraw("  ", Now, "staff")).Code);
        p.Withdraw("重新公开", Now, "staff");
        Assert.False(p.IsActive);
        Assert.Equal("Publication.AlreadyWithdrawn", Assert.Throws<DomainException>(() => p.Withdraw("再撤", Now, "staff")).Code);
    }

    [Theory]
    [InlineData(CampaignStage.Preparation, "Report.WritingNotStarted")]
    [InlineData(CampaignStage.Writing, null)]
    [InlineData(CampaignStage.Evaluation, null)]
    [InlineData(CampaignStage.Assessment, "Report.WritingClosed")]
    [InlineData(CampaignStage.Closed, "Report.WritingClosed")]
    public void Reports_are_written_in_the_writing_and_meeting_stages(CampaignStage stage, string? code)
    {
        if (code is null) Report.EnsureStageAllowsWriting(stage);
        else Assert.Equal(code, Assert.Throws<DomainException>(() => Report.EnsureStageAllowsWriting(stage)).Code);
    }

    [Fact]
    public void An_edited_outline_needs_parts_first_headings_and_unique_keys()
    {
        static ReportOutline O(params OutlineSection[] s) => new(s);
        static OutlineSection S(string key, int level, string heading) => new(key, level, heading, "", SectionRole.Achievements, true);
        Assert.Same(ReportOutline.Seed004, ReportOutline.Seed004.EnsureValid());
        Assert.Equal("Track.OutlineEmpty", Assert.Throws<DomainException>(() => O().EnsureValid()).Code);
        Assert.Equal("Outline.FirstMustBePart", Assert.Throws<DomainException>(() => O(S("a", 2, "子项"), S("b", 1, "部分")).EnsureValid()).Code);
        Assert.Equal("Outline.HeadingRequired", Assert.Throws<DomainException>(() => O(S("a", 1, "部分"), S("b", 2, " ")).EnsureValid()).Code);
        Assert.Equal("Track.OutlineDuplicateKey", Assert.Throws<DomainException>(() => O(S("a", 1, "一"), S("a", 1, "二")).EnsureValid()).Code);
        Assert.Equal("Outline.BadLevel", Assert.Throws<DomainException>(() => O(S("a", 1, "一"), S("b", 3, "三级")).EnsureValid()).Code);
        Assert.Equal("Outline.HeadingTooLong", Assert.Throws<DomainException>(() => O(S("a", 1, new string('长', 101))).EnsureValid()).Code);
        O(S("a", 1, new string('长', 100))).EnsureValid();
        var thirtyOne = Enumerable.Range(0, 31).Select(i => S($"k{i}", 1, $"部分{i}")).ToArray();
        Assert.Equal("Outline.TooManySections", Assert.Throws<DomainException>(() => O(thirtyOne).EnsureValid()).Code);
        O(thirtyOne[..30]).EnsureValid();
        // Removed: what the new outline no longer has, by key.
        Assert.Equal(["highlights"], ReportOutline.Seed004.Removed(O([.. ReportOutline.Seed004.Sections.Where(s => s.Key != "highlights")])).Select(s => s.Key));
    }
}
