using Microsoft.EntityFrameworkCore;
using Shuzhi.Domain.Campaigns;
using Shuzhi.Web.Infrastructure;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Campaigns;

/// <summary>Loading the demo (twice: it is idempotent) yields the campaigns of seeds 003, 004 and 000.</summary>
public abstract class DemoCampaignTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    [Fact]
    public async Task The_demo_carries_the_three_seed_campaigns_with_their_tracks()
    {
        await f.WithDbAsync(async (_, sp) => { await DemoData.LoadAsync(sp, TextWriter.Null); return 0; });
        await f.WithDbAsync(async (_, sp) => { await DemoData.LoadAsync(sp, TextWriter.Null); return 0; });
        await f.WithDbAsync(async db =>
        {
            async Task<(Campaign C, List<Track> Tracks, ILookup<int, string> Reporters)> Load(string code, int year)
            {
                var c = await db.Campaigns.SingleAsync(x => x.Organizer!.Code == code && x.Year == year);
                var tracks = await db.Tracks.Where(t => t.CampaignId == c.Id).OrderBy(t => t.SortOrder).ToListAsync();
                var reporters = (await db.CampaignReporters.Where(r => r.CampaignId == c.Id)
                    .Join(db.Organizations, r => r.OrganizationId, o => o.Id, (r, o) => new { r.TrackId, o.Code }).ToListAsync())
                    .ToLookup(x => x.TrackId, x => x.Code);
                return (c, tracks, reporters);
            }

            // Seed 003: 童家镇 2023, one on-site track with all 21 村（社区）, grade ballot, the two 必答题.
            var (tjz, tjzTracks, tjzReporters) = await Load("TJZ", 2023);
            var t003 = Assert.Single(tjzTracks);
            Assert.Equal(DebriefMode.OnSite, t003.Mode);
            Assert.Equal(21, tjzReporters[t003.Id].Count());
            Assert.Equal([("好", 100), ("较好", 90), ("一般", 75), ("差", 60)], t003.Ballot.Grades.Select(g => (g.Label, g.Points)));
            Assert.Equal(["拼经济搞建设", "防风险保安全"], await db.CampaignTopics.Where(t => t.CampaignId == tjz.Id && t.IsMustAnswer).OrderBy(t => t.SortOrder).Select(t => t.Title).ToListAsync());
            Assert.Equal(2, await db.CampaignReporters.CountAsync(r => r.CampaignId == tjz.Id && (r.IsActing || r.ShortTenure)));
            Assert.Equal(Shuzhi.Web.Data.Configurations.JsonColumn.Write(Shuzhi.Domain.Reports.ReportOutline.Seed003), Shuzhi.Web.Data.Configurations.JsonColumn.Write(t003.Outline));
            Assert.Equal(Shuzhi.Web.Data.Configurations.JsonColumn.Write(Shuzhi.Domain.Reports.ReportRules.Seed003), Shuzhi.Web.Data.Configurations.JsonColumn.Write(t003.Rules));

            // Seed 004: the university 2022, three tracks as the notice has them.
            var (_, sztu, sztuReporters) = await Load("SZTU", 2022);
            Assert.Equal(3, sztu.Count);
            Assert.Equal([DebriefMode.Both, DebriefMode.Written, DebriefMode.Written], sztu.Select(t => t.Mode));
            Assert.Equal([ScoreComponent.OnSiteBallot, ScoreComponent.CrossInspection, ScoreComponent.DailyReview], sztu[0].Components.Select(c => c.Component));
            Assert.Equal([ScoreComponent.ReportEvaluation, ScoreComponent.DailyReview], sztu[1].Components.Select(c => c.Component));
            Assert.Equal([ScoreComponent.UpperReview, ScoreComponent.DailyReview], sztu[2].Components.Select(c => c.Component));
            Assert.All(sztu, t => Assert.Equal(100, t.Components.Sum(c => c.Weight)));
            Assert.Equal(8, sztu[0].SpeakingMinutes);
            Assert.True(sztu[0].PptRequired);
            Assert.Equal(["SZTU-C01", "SZTU-C02", "SZTU-C03", "SZTU-C04", "SZTU-C05", "SZTU-C06", "SZTU-C07", "SZTU-D01", "SZTU-D02"], sztuReporters[sztu[0].Id].Order());
            Assert.Equal(["SZTU-D03", "SZTU-JJ", "SZTU-N01", "SZTU-N02", "SZTU-N03", "SZTU-N04", "SZTU-N05"], sztuReporters[sztu[1].Id].Order());
            Assert.Equal(23, sztuReporters[sztu[2].Id].Count()); // 7 colleges × 3 branches + 2 基教集团 branches
            Assert.Contains("SZTU-JJ-B2", sztuReporters[sztu[2].Id]);
            Assert.All(sztu, t => Assert.Equal("工作特色亮点", t.Outline.Sections[5].Heading));
            Assert.All(sztu, t => Assert.Equal(Shuzhi.Web.Data.Configurations.JsonColumn.Write(Shuzhi.Domain.Reports.ReportRules.Seed004), Shuzhi.Web.Data.Configurations.JsonColumn.Write(t.Rules)));

            // Seed 000: a college 党总支 2023 with the dimension ballot.
            var (_, c01, c01Reporters) = await Load("SZTU-C01", 2023);
            var t000 = Assert.Single(c01);
            Assert.Equal(BallotKind.Dimension, t000.Ballot.Kind);
            Assert.Equal([("德", 20), ("能", 15), ("勤", 15), ("绩", 20), ("廉", 15), ("学", 15)], t000.Ballot.Dimensions.Select(d => (d.Label, d.MaxPoints)));
            Assert.Equal(3, c01Reporters[t000.Id].Count());
            Assert.Equal(3000, t000.Rules.Length.Max); // seed 000 rules on the seed 003 outline
            Assert.Equal("主要做法和成效", t000.Outline.Sections[0].Heading);
        });
    }
}

public sealed class DemoCampaignTests_Sqlite(SqliteFactory f) : DemoCampaignTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class DemoCampaignTests_Postgres(PostgresFactory f) : DemoCampaignTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
