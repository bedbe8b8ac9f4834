using Microsoft.EntityFrameworkCore;
using Shuzhi.Domain.Scoring;
using Shuzhi.Web.Infrastructure;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Inspection;

/// <summary>The demo's seed-000 campaign ships seed 000's 检查考核表 on its track, once, however often the demo loads.</summary>
public abstract class DemoSheetTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    [Fact]
    public async Task The_seed_000_track_carries_the_12_item_100_point_sheet()
    {
        await f.WithDbAsync(async (_, sp) => { await DemoData.LoadAsync(sp, TextWriter.Null); return 0; });
        await f.WithDbAsync(async (_, sp) => { await DemoData.LoadAsync(sp, TextWriter.Null); return 0; });
        await f.WithDbAsync(async db =>
        {
            var track = await db.Tracks.SingleAsync(t => db.Campaigns.Any(c => c.Id == t.CampaignId && c.Year == 2023 && c.Organizer!.Code == "SZTU-C01"));
            var sheet = await db.TrackSheets.SingleAsync();
            Assert.Equal(track.Id, sheet.TrackId);
            Assert.Equal(12, sheet.Template.Items.Count);
            Assert.Equal(100m, sheet.Template.Items.Sum(i => i.MaxPoints));
            Assert.Equal(SheetTemplate.Seed000.Title, sheet.Template.Title);
        });
    }
}

public sealed class DemoSheetTests_Sqlite(SqliteFactory f) : DemoSheetTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class DemoSheetTests_Postgres(PostgresFactory f) : DemoSheetTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
