using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shuzhi.Domain;
using Shuzhi.Domain.Organizations;
using Shuzhi.Domain.Campaigns;
using Shuzhi.Web.Features;
using Shuzhi.Web.Infrastructure;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Campaigns;

public abstract class CampaignCommandTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    private static CampaignTimeline Timeline(int year) => CampaignTimeline.Default(year);

    [Fact]
    public async Task A_campaign_starts_with_the_seed_topics_and_one_per_year_is_allowed()
    {
        await f.WithDbAsync(async (db, sp) =>
        {
            var cmd = sp.GetRequiredService<CampaignCommands>();
            var town = await db.Organizations.SingleAsync(o => o.Id == D.A.Town.Id);
            var c = await cmd.CreateAsync(town, 2023, "城关镇2023年度述职评议考核工作方案", Timeline(2023), copyLastYear: false, default);
            Assert.Equal(CampaignStage.Preparation, c.Stage);
            Assert.Equal(PlanApproval.NotRequired, c.PlanApproval);
            var topics = await db.CampaignTopics.Where(t => t.CampaignId == c.Id).ToListAsync();
            Assert.Equal(5, topics.Count(t => !t.IsMustAnswer));
            Assert.Equal(["拼经济搞建设", "防风险保安全"], topics.Where(t => t.IsMustAnswer).OrderBy(t => t.SortOrder).Select(t => t.Title));
            Assert.Equal(new DateOnly(2024, 2, 15), c.Timeline.RectificationPlanDeadline); // meeting 2024-01-15 + 1 month
            Assert.Equal(new DateOnly(2024, 2, 15), c.Timeline.UpwardReportDeadline);      // end 2024-01-31 + 15 days

            var e = await Assert.ThrowsAsync<DomainException>(() => cmd.CreateAsync(town, 2023, "再来一个", Timeline(2023), false, default));
            Assert.Equal("Campaign.DuplicateYear", e.Code);
            return 0;
        });
    }

    [Fact]
    public async Task Reporters_are_derived_with_acting_deputies_and_the_meeting_waits_for_reports_or_a_reason()
    {
        await f.WithDbAsync(async (db, sp) =>
        {
            var cmd = sp.GetRequiredService<CampaignCommands>();
            var town = await db.Organizations.SingleAsync(o => o.Id == D.B.Town.Id);
            var c = await cmd.CreateAsync(town, 2023, "乙县城关镇方案", Timeline(2023), false, default);
            var track = Track.Create(c.Id, "村（社区）党组织书记", 1, DebriefMode.OnSite, [new(ScoreComponent.OnSiteBallot, 100)], BallotForm.DefaultGrade(), 8, false);
            db.Tracks.Add(track);
            await db.SaveChangesAsync();
            var subs = await cmd.DirectSubordinatesAsync(c, OrganizationKind.Branch, default);
            Assert.Equal(2, await cmd.AddReportersAsync(c, track, subs.Select(o => o.Id).ToList(), default));
            var reporters = await db.CampaignReporters.Where(r => r.CampaignId == c.Id).OrderBy(r => r.SortOrder).ToListAsync();
            // An organization a campaign refers to is deactivated, never deleted (this one has no posts or people).
            var bare = Organization.Create("CB-T-9", "乙县九村党支部", OrganizationKind.Branch, UnitType.Village, await db.Organizations.SingleAsync(o => o.Id == D.B.Town.Id));
            db.Organizations.Add(bare);
            await db.SaveChangesAsync();
            await cmd.AddReportersAsync(c, track, [bare.Id], default);
            Assert.Equal("Org.Referenced", (await Assert.ThrowsAsync<DomainException>(() => OrganizationCommands.DeleteAsync(db, bare, default))).Code);
            Assert.False(reporters[0].IsActing);
            Assert.True(reporters[1].IsActing); // village 2 has only a deputy

            await cmd.AdvanceAsync(c, null, default);
            Assert.Equal(CampaignStage.Writing, c.Stage);
            var e = await Assert.ThrowsAsync<DomainException>(() => cmd.AdvanceAsync(c, null, default));
            Assert.Equal("Campaign.ReportsNotApproved", e.Code);
            await cmd.AdvanceAsync(c, "书面材料已齐，报告系统尚未启用", default);
            Assert.Equal(CampaignStage.Evaluation, c.Stage);
            Assert.Contains(await db.CampaignEvents.Where(x => x.CampaignId == c.Id).ToListAsync(), x => x.Comment.Contains("报告系统尚未启用"));
            return 0;
        });
    }

    [Fact]
    public async Task Copying_last_year_takes_the_tracks_topics_and_settings_never_the_reporters_stage_or_history()
    {
        await f.WithDbAsync(async (db, sp) =>
        {
            var cmd = sp.GetRequiredService<CampaignCommands>();
            var county = await db.Organizations.SingleAsync(o => o.Id == D.B.Root.Id);
            var last = await cmd.CreateAsync(county, 2044, "乙县2044年度述职评议考核工作方案", Timeline(2044), false, default);
            last.UpdatePlan(last.Title, "2044年度方案正文", "会议方案", "中组部规定");
            last.SetTerm(2041, 5, 6);
            var track = Track.Create(last.Id, "乡镇党委书记", 1, DebriefMode.Both,
                [new(ScoreComponent.OnSiteBallot, 60), new(ScoreComponent.DailyReview, 40)], BallotForm.DefaultDimension(), 8, true);
            db.Tracks.Add(track);
            await db.SaveChangesAsync();
            await cmd.AddReportersAsync(last, track, [D.B.Town.Id], default);
            await cmd.AdvanceAsync(last, null, default);

            var next = await cmd.CreateAsync(county, 2045, "", Timeline(2045), copyLastYear: true, default);
            Assert.Equal(last.Id, next.CopiedFromId);
            Assert.Equal("乙县2045年度述职评议考核工作方案", next.Title);
            Assert.Equal("2045年度方案正文", next.PlanText);
            Assert.Equal((2041, 5, 6), (next.TermStartYear, next.TermLength, next.ShortTenureMonths));
            Assert.Equal(CampaignStage.Preparation, next.Stage);
            var copied = await db.Tracks.SingleAsync(t => t.CampaignId == next.Id);
            Assert.Equal(("乡镇党委书记", DebriefMode.Both, 8, true), (copied.Name, copied.Mode, copied.SpeakingMinutes, copied.PptRequired));
            Assert.Equal(track.Components, copied.Components);
            Assert.Equal(BallotKind.Dimension, copied.Ballot.Kind);
            Assert.Equal(7, await db.CampaignTopics.CountAsync(t => t.CampaignId == next.Id));
            Assert.False(await db.CampaignReporters.AnyAsync(r => r.CampaignId == next.Id));
            Assert.False(await db.CampaignEvents.AnyAsync(e => e.CampaignId == next.Id));
            return 0;
        });
    }

    [Fact]
    public async Task The_upper_unit_can_require_approval_and_only_it_approves()
    {
        await f.WithDbAsync(async (db, sp) =>
        {
            db.ApprovalRequirements.Add(ApprovalRequirement.For(D.A.Root.Id, 2024));
            await db.SaveChangesAsync();
            var cmd = sp.GetRequiredService<CampaignCommands>();
            var town = await db.Organizations.SingleAsync(o => o.Id == D.A.Town.Id);
            var c = await cmd.CreateAsync(town, 2024, "城关镇2024年度方案", Timeline(2024), false, default);
            Assert.Equal(PlanApproval.Draft, c.PlanApproval);
            Assert.Equal("Campaign.PlanNotApproved", (await Assert.ThrowsAsync<DomainException>(() => cmd.AdvanceAsync(c, "急", default))).Code);
            c.UpdatePlan(c.Title, "一、述职范围……", "", "");
            await cmd.SubmitPlanAsync(c, null, default);

            sp.GetRequiredService<CurrentScope>().Set(OrgScope.Subtree(town.Path), town.Id);
            Assert.Equal("Campaign.NotUpperUnit", (await Assert.ThrowsAsync<DomainException>(() => cmd.ReviewPlanAsync(c, town, true, null, default))).Code);
            var county = await db.Organizations.IgnoreQueryFilters().SingleAsync(o => o.Id == D.A.Root.Id);
            sp.GetRequiredService<CurrentScope>().Set(OrgScope.Subtree(county.Path), county.Id);
            Assert.Equal("Campaign.ReturnNeedsComment", (await Assert.ThrowsAsync<DomainException>(() => cmd.ReviewPlanAsync(c, town, false, " ", default))).Code);
            await cmd.ReviewPlanAsync(c, town, true, "同意", default);
            await cmd.AdvanceAsync(c, null, default);
            Assert.Equal(CampaignStage.Writing, c.Stage);
            return 0;
        });
    }

    [Fact]
    public async Task The_overdue_scan_opens_items_on_the_fake_clock_and_notifies_the_responsible_accounts()
    {
        await f.WithDbAsync(async (db, sp) =>
        {
            var cmd = sp.GetRequiredService<CampaignCommands>();
            var village = await db.Organizations.SingleAsync(o => o.Id == D.A.Town.Id);
            var c = await cmd.CreateAsync(village, 2022, "城关镇2022年度方案", Timeline(2022), false, default);
            var track = Track.Create(c.Id, "村书记", 1, DebriefMode.Written, [new(ScoreComponent.DailyReview, 100)], BallotForm.DefaultGrade(), null, false);
            db.Tracks.Add(track);
            await db.SaveChangesAsync();
            await cmd.AddReportersAsync(c, track, [D.A.Village1.Id], default);
            return 0;
        });
        // The fake clock stands at 2024-01-15: the 2022 campaign's report deadline (2023-01-05) has passed.
        var (opened, _) = await f.WithDbAsync((_, sp) => sp.GetRequiredService<OverdueScanner>().RunAsync(default));
        Assert.True(opened >= 1);
        await f.WithDbAsync(async db =>
        {
            Assert.True(await db.OverdueItems.AnyAsync(o => o.OrganizationId == D.A.Village1.Id && o.Kind == OverdueKind.ReportNotSubmitted && o.ResolvedOn == null));
            var secretaryId = await db.Users.Where(u => u.UserName == D.A.SecretaryUser).Select(u => u.Id).SingleAsync();
            Assert.Contains(await db.Notifications.Where(n => n.UserId == secretaryId).ToListAsync(), n => n.Text.Contains("述职报告未提交"));
        });
        var (again, _) = await f.WithDbAsync((_, sp) => sp.GetRequiredService<OverdueScanner>().RunAsync(default));
        Assert.Equal(0, again); // nothing is opened twice
    }
}

public sealed class CampaignCommandTests_Sqlite(SqliteFactory f) : CampaignCommandTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class CampaignCommandTests_Postgres(PostgresFactory f) : CampaignCommandTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
