using System.Net;
using Microsoft.EntityFrameworkCore;
using Shuzhi.Domain.Reports;
using Shuzhi.Web.Data.Configurations;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Reports;

/// <summary>
/// A reporter's own accounts see the campaign they report in, its tracks and topics, and their own reporter
/// row and report, nothing of the other reporters; another county's villages see nothing. Tracks keep their
/// outline and rules as JSON.
/// </summary>
public abstract class ReportVisibilityTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    [Fact]
    public async Task The_village_sees_its_towns_campaign_and_only_its_own_reporter_row_and_report()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2031);
        await ReportTestKit.DraftAsync(f, s.Reporter1, ReportText.Empty.WithSection("plans", "一村的打算"));
        await ReportTestKit.DraftAsync(f, s.Reporter2, ReportText.Empty.WithSection("plans", "二村的打算"));

        var seen = await ReportTestKit.AsOrgAsync(f, D.A.Village1, async db => new
        {
            Campaign = await db.Campaigns.AnyAsync(c => c.Id == s.CampaignId),
            Tracks = await db.Tracks.CountAsync(t => t.CampaignId == s.CampaignId),
            Topics = await db.CampaignTopics.CountAsync(t => t.CampaignId == s.CampaignId),
            Reporters = await db.CampaignReporters.Where(r => r.CampaignId == s.CampaignId).Select(r => r.Id).ToListAsync(),
            Reports = await db.Reports.Where(r => r.CampaignReporterId == s.Reporter1 || r.CampaignReporterId == s.Reporter2).ToListAsync(),
            Events = await db.CampaignEvents.CountAsync(e => e.CampaignId == s.CampaignId),
        });
        Assert.True(seen.Campaign);
        Assert.Equal(1, seen.Tracks);
        Assert.Equal(7, seen.Topics); // five focus contents and two 必答题 by default
        Assert.Equal([s.Reporter1], seen.Reporters);
        var own = Assert.Single(seen.Reports);
        Assert.Equal("一村的打算", own.Text.Section("plans"));
        Assert.Equal(0, seen.Events); // the campaign's history is the organizer's

        // The organizer's staff and the county above see both reporters and both reports.
        foreach (var org in new[] { D.A.Town, D.A.Root })
        {
            var n = await ReportTestKit.AsOrgAsync(f, org, async db => (
                await db.CampaignReporters.CountAsync(r => r.CampaignId == s.CampaignId),
                await db.Reports.CountAsync(r => r.CampaignReporterId == s.Reporter1 || r.CampaignReporterId == s.Reporter2)));
            Assert.Equal((2, 2), n);
        }
    }

    [Fact]
    public async Task A_village_of_another_county_sees_nothing_and_gets_404()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2032);
        await ReportTestKit.DraftAsync(f, s.Reporter1, ReportText.Empty.WithSection("plans", "一村的打算"));
        var seen = await ReportTestKit.AsOrgAsync(f, D.B.Village1, async db => (
            await db.Campaigns.CountAsync(c => c.Id == s.CampaignId) + await db.Tracks.CountAsync(t => t.CampaignId == s.CampaignId)
            + await db.CampaignTopics.CountAsync(t => t.CampaignId == s.CampaignId) + await db.CampaignReporters.CountAsync(r => r.CampaignId == s.CampaignId)
            + await db.Reports.CountAsync(r => r.CampaignReporterId == s.Reporter1)));
        Assert.Equal(0, seen);

        // The reporter's own account still opens the general pages (the organizer's campaign pages stay the organizer's).
        var own = await f.PagesAsync(D.A.SecretaryUser);
        foreach (var url in new[] { "/", "/Campaigns", "/Campaigns/Overdue", "/Reports" })
            Assert.Equal(HttpStatusCode.OK, (await own.GetAsync(url)).StatusCode);
        var other = await f.PagesAsync(D.B.SecretaryUser);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Campaigns/Details/{s.CampaignId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Campaigns/Reporters/{s.CampaignId}")).StatusCode);
    }

    [Fact]
    public async Task A_reporter_row_carries_its_organizer()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2033);
        var organizer = await f.WithDbAsync((db, _) => db.CampaignReporters.Where(r => r.Id == s.Reporter2).Select(r => r.OrganizerId).SingleAsync());
        Assert.Equal(D.A.Town.Id, organizer);
    }

    [Fact]
    public async Task The_tracks_page_names_the_outline_and_warns_of_rules_that_cannot_be_met_together()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2035);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var page = await staff.GetHtmlAsync($"/Campaigns/Tracks/{s.CampaignId}");
        Assert.Equal("主要做法和成效、存在问题及原因分析、下步工作打算", page.QuerySelector("[data-outline]")!.TextContent.Trim());
        // Seed 003: problems ≥ 1/3 and problems plus plans ≤ 35 % leave plans at most 1.7 %.
        Assert.Contains(page.QuerySelectorAll("[data-feasibility]"), w => w.TextContent.Contains("下步工作打算最多只能占全文的1.7%"));
        await f.WithDbAsync(async db =>
        {
            (await db.Tracks.SingleAsync(t => t.Id == s.TrackId)).SetReportTemplate(ReportOutline.Seed004, ReportRules.Seed004);
            await db.SaveChangesAsync();
        });
        var seed4 = await staff.GetHtmlAsync($"/Campaigns/Tracks/{s.CampaignId}");
        Assert.Empty(seed4.QuerySelectorAll("[data-feasibility]"));
        Assert.Contains("工作特色亮点", seed4.QuerySelector("[data-outline]")!.TextContent);
    }

    [Fact]
    public async Task Outline_and_rules_round_trip_through_the_database()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2034);
        var fresh = await f.WithDbAsync((db, _) => db.Tracks.AsNoTracking().SingleAsync(t => t.Id == s.TrackId));
        Assert.Equal(JsonColumn.Write(ReportOutline.Seed003), JsonColumn.Write(fresh.Outline));
        Assert.Equal(JsonColumn.Write(ReportRules.Seed003), JsonColumn.Write(fresh.Rules));
        await f.WithDbAsync(async db =>
        {
            var t = await db.Tracks.SingleAsync(x => x.Id == s.TrackId);
            t.SetReportTemplate(ReportOutline.Seed004, ReportRules.Seed004);
            await db.SaveChangesAsync();
        });
        var t4 = await f.WithDbAsync((db, _) => db.Tracks.AsNoTracking().SingleAsync(t => t.Id == s.TrackId));
        Assert.Equal(JsonColumn.Write(ReportOutline.Seed004), JsonColumn.Write(t4.Outline));
        Assert.Equal(JsonColumn.Write(ReportRules.Seed004), JsonColumn.Write(t4.Rules));
        Assert.Equal("工作特色亮点", t4.Outline.Sections[5].Heading);
        Assert.Equal(SectionRole.Highlights, t4.Outline.Sections[5].Role);
        Assert.Equal(Fraction.Of(1, 3), t4.Rules.ProblemsShare.Min);
        Assert.Equal(RuleSeverity.Advisory, t4.Rules.DataFigures.Severity);
        Assert.Contains("班子", t4.Rules.FirstPerson.CollectiveNouns);
        // The checks run on what came back exactly as on the seed.
        var text = ReportText.Empty.WithSection("progress", "我开展党课3次。").WithSection("problems", "一是不足。");
        Assert.Equal(ReportChecks.Run(ReportOutline.Seed004, ReportRules.Seed004, text, [], []).Results.Select(r => r.Message),
            ReportChecks.Run(t4.Outline, t4.Rules, text, [], []).Results.Select(r => r.Message));
    }
}

public sealed class ReportVisibilityTests_Sqlite(SqliteFactory f) : ReportVisibilityTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class ReportVisibilityTests_Postgres(PostgresFactory f) : ReportVisibilityTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
