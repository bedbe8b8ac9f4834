using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Meetings;
using Shuzhi.Web.Features;
using Shuzhi.Web.Infrastructure;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Meetings;

/// <summary>
/// The voting endpoints keep a meeting's speakers and forms in memory (MeetingSpeakerCache) and write a cast's two rows
/// directly: what the organizer changes applies to the very next request although the cache is warm, a close that
/// commits while a cast is under way refuses it, and the rows are the ones EF reads back.
/// </summary>
public abstract class VotingCacheTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    private static async Task<string> MessageAsync(HttpResponseMessage res)
    {
        var json = await res.Content.ReadFromJsonAsync<JsonElement>();
        if (json.TryGetProperty("message", out var m)) return m.GetString()!;
        return json.GetProperty("errors").EnumerateObject().First().Value[0].GetString()!;
    }

    [Fact]
    public async Task Closing_the_vote_refuses_the_next_cast_and_sheet_although_the_speakers_are_cached()
    {
        var s = await VotingTestKit.MeetingAsync(f, D.B, 2091);
        var codes = await VotingTestKit.CodesAsync(f, s.MeetingId, s.Category1, 3);
        await VotingTestKit.OpenAsync(f, s.MeetingId);
        var client = f.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/vote/api/sheet", new { code = codes[1] })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await VotingTestKit.CastAsync(client, VotingTestKit.Ballot(s, codes[0]))).StatusCode);

        await VotingTestKit.CloseAsync(f, s.MeetingId);
        var late = await VotingTestKit.CastAsync(client, VotingTestKit.Ballot(s, codes[1]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
        Assert.Equal(Messages.Get("Meeting.VotingClosed"), await MessageAsync(late));
        var sheet = await client.PostAsJsonAsync("/vote/api/sheet", new { code = codes[2] });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, sheet.StatusCode);
        Assert.Equal(1, await VotingTestKit.BallotsAsync(f, s.MeetingId));
        Assert.Equal(1, await VotingTestKit.UsedAsync(f, s.MeetingId));
    }

    [Fact]
    public async Task Switching_from_rehearsal_to_real_voting_applies_to_the_next_cast()
    {
        var s = await VotingTestKit.MeetingAsync(f, D.B, 2092);
        var rehearsal = await VotingTestKit.CodesAsync(f, s.MeetingId, s.Category1, 2, CodeKind.Rehearsal);
        var real = await VotingTestKit.CodesAsync(f, s.MeetingId, s.Category1, 1);
        await VotingTestKit.ActAsync(f, s.MeetingId, (cmd, c, m) => cmd.OpenRehearsalAsync(VotingTestKit.Staff, c, m, default));
        var client = f.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await VotingTestKit.CastAsync(client, VotingTestKit.Ballot(s, rehearsal[0]))).StatusCode);

        await VotingTestKit.OpenAsync(f, s.MeetingId); // closes the rehearsal
        var after = await VotingTestKit.CastAsync(client, VotingTestKit.Ballot(s, rehearsal[1]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, after.StatusCode);
        Assert.Equal(Messages.Get("Meeting.RehearsalNotOpen"), await MessageAsync(after));
        Assert.Equal(HttpStatusCode.OK, (await VotingTestKit.CastAsync(client, VotingTestKit.Ballot(s, real[0]))).StatusCode);
        Assert.Equal(1, await VotingTestKit.BallotsAsync(f, s.MeetingId));
        Assert.Equal(2, await VotingTestKit.UsedAsync(f, s.MeetingId));
    }

    [Fact]
    public async Task A_ballot_form_changed_while_voting_is_open_applies_to_the_next_cast()
    {
        var s = await VotingTestKit.MeetingAsync(f, D.B, 2093);
        var codes = await VotingTestKit.CodesAsync(f, s.MeetingId, s.Category1, 3);
        await VotingTestKit.OpenAsync(f, s.MeetingId);
        var client = f.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await VotingTestKit.CastAsync(client, VotingTestKit.Ballot(s, codes[0]))).StatusCode);

        // The track's form becomes a dimension ballot (what TrackCommands.UpdateAsync saves before the evaluation stage).
        await f.WithDbAsync(async (db, _) =>
        {
            var t = await db.Tracks.SingleAsync(x => x.Id == s.TrackId);
            t.Update(t.Name, t.SortOrder, t.Mode, t.Components, BallotForm.DefaultDimension(), t.SpeakingMinutes, t.PptRequired);
            return await db.SaveChangesAsync();
        });
        var grade = await VotingTestKit.CastAsync(client, VotingTestKit.Ballot(s, codes[1]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, grade.StatusCode);
        Assert.Equal(Messages.Get("Meeting.MarkNeedsPoints", s.Reporter1), await MessageAsync(grade));
        var points = await VotingTestKit.CastAsync(client, new { code = codes[1], marks = new[] { new { reporterId = s.Reporter1, points = new decimal[] { 18, 15, 15, 20, 15, 15 } } } });
        Assert.Equal(HttpStatusCode.OK, points.StatusCode);
        var sheet = await (await client.PostAsJsonAsync("/vote/api/sheet", new { code = codes[2] })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Dimension", sheet.GetProperty("speakers")[0].GetProperty("form").GetString());
        Assert.Equal(2, await VotingTestKit.BallotsAsync(f, s.MeetingId));
    }

    [Fact]
    public async Task A_renamed_organization_and_a_moved_speaker_show_on_the_next_sheet()
    {
        var s = await VotingTestKit.MeetingAsync(f, D.B, 2094);
        var codes = await VotingTestKit.CodesAsync(f, s.MeetingId, s.Category1, 2);
        await VotingTestKit.OpenAsync(f, s.MeetingId);
        var client = f.NewClient();
        var before = await (await client.PostAsJsonAsync("/vote/api/sheet", new { code = codes[0] })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([s.Reporter1, s.Reporter2], before.GetProperty("speakers").EnumerateArray().Select(p => p.GetProperty("reporterId").GetInt32()));

        var village = await f.WithDbAsync(async (db, _) => await db.CampaignReporters.Where(r => r.Id == s.Reporter1).Select(r => r.OrganizationId).SingleAsync());
        var oldName = await f.WithDbAsync(async (db, _) => (await db.Organizations.SingleAsync(o => o.Id == village)).Name);
        await RenameAsync(village, oldName + "（新）");
        try
        {
            await VotingTestKit.ActAsync(f, s.MeetingId, (cmd, c, m) => cmd.MoveSpeakerAsync(VotingTestKit.Staff, c, m, s.Reporter1, +1, default));
            var after = await (await client.PostAsJsonAsync("/vote/api/sheet", new { code = codes[0] })).Content.ReadFromJsonAsync<JsonElement>();
            var speakers = after.GetProperty("speakers").EnumerateArray().ToList();
            Assert.Equal([s.Reporter2, s.Reporter1], speakers.Select(p => p.GetProperty("reporterId").GetInt32()));
            Assert.Equal(oldName + "（新）", speakers[1].GetProperty("organization").GetString());
            Assert.Equal(HttpStatusCode.OK, (await VotingTestKit.CastAsync(client, VotingTestKit.Ballot(s, codes[0]))).StatusCode);
        }
        finally
        {
            await RenameAsync(village, oldName);
        }
    }

    private Task RenameAsync(int organizationId, string name) => f.WithDbAsync(async (db, _) =>
    {
        (await db.Organizations.SingleAsync(o => o.Id == organizationId)).Rename(name);
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task A_close_that_commits_between_a_casts_read_and_its_write_refuses_the_cast()
    {
        var s = await VotingTestKit.MeetingAsync(f, D.B, 2096);
        var code = (await VotingTestKit.CodesAsync(f, s.MeetingId, s.Category1, 1))[0];
        await VotingTestKit.OpenAsync(f, s.MeetingId);
        var client = f.NewClient();
        await f.WithDbAsync(async (db, _) =>
        {
            // What CloseVotingAsync does: the meeting row locked (SQLite: the write lock), the state changed, not yet committed.
            await using var tx = await db.Database.BeginTransactionAsync();
            if (db.IsPostgres) await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Meetings" WHERE "Id" = {s.MeetingId} FOR UPDATE""");
            await db.Database.ExecuteSqlAsync($"""UPDATE "Meetings" SET "State" = {(int)VotingState.Closed} WHERE "Id" = {s.MeetingId}""");
            // The cast reads the meeting as committed (open) and waits for the lock in its write.
            var cast = VotingTestKit.CastAsync(client, VotingTestKit.Ballot(s, code));
            await Task.Delay(1500);
            Assert.False(cast.IsCompleted);
            await tx.CommitAsync();
            var res = await cast;
            Assert.Equal(HttpStatusCode.UnprocessableEntity, res.StatusCode);
            Assert.Equal(Messages.Get("Meeting.VotingClosed"), await MessageAsync(res));
            return 0;
        });
        Assert.Equal(0, await VotingTestKit.BallotsAsync(f, s.MeetingId));
        Assert.Equal(0, await VotingTestKit.UsedAsync(f, s.MeetingId));
    }

    [Fact]
    public async Task A_cast_and_a_sheet_that_miss_the_cache_hold_one_connection_of_the_pool()
    {
        var s = await VotingTestKit.MeetingAsync(f, D.B, 2097);
        var codes = await VotingTestKit.CodesAsync(f, s.MeetingId, s.Category1, 2);
        await VotingTestKit.OpenAsync(f, s.MeetingId);
        var client = f.NewClient();
        // A pool of one connection (PostgreSQL; SQLite's pool has no size): a request that loaded the speakers on a
        // connection of their own while holding the lookup's would wait for itself until the pool's timeout and get 503.
        string OnePool(string live) => f.IsPostgres ? new Npgsql.NpgsqlConnectionStringBuilder(live) { MaxPoolSize = 1, Timeout = 3 }.ConnectionString : live;
        var (cast, sheet) = await f.WithConnectionStringAsync(OnePool, async () =>
        {
            MeetingSpeakerCache.Invalidate();
            var cast = await VotingTestKit.CastAsync(client, VotingTestKit.Ballot(s, codes[0]));
            MeetingSpeakerCache.Invalidate();
            return (cast, await client.PostAsJsonAsync("/vote/api/sheet", new { code = codes[1] }));
        });
        Assert.Equal(HttpStatusCode.OK, cast.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sheet.StatusCode);
        Assert.Equal(2, (await sheet.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("speakers").GetArrayLength());
        Assert.Equal(1, await VotingTestKit.BallotsAsync(f, s.MeetingId));
    }

    [Fact]
    public async Task A_cast_stores_the_rows_EF_reads_back()
    {
        var s = await VotingTestKit.MeetingAsync(f, D.B, 2095);
        var code = (await VotingTestKit.CodesAsync(f, s.MeetingId, s.Category2, 1))[0];
        await VotingTestKit.OpenAsync(f, s.MeetingId);
        var client = f.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await VotingTestKit.CastAsync(client, new
        {
            code,
            marks = new object[] { new { reporterId = s.Reporter2, grade = " 一般 " }, new { reporterId = s.Reporter1, grade = "好" } },
        })).StatusCode);

        await f.WithDbAsync(async (db, sp) =>
        {
            var stored = await db.MeetingBallots.AsNoTracking().SingleAsync(b => b.MeetingId == s.MeetingId);
            // Found again by its id: the id is written in the form EF's own parameters use (SQLite: upper-case text).
            var byId = await db.MeetingBallots.AsNoTracking().SingleAsync(b => b.Id == stored.Id);
            Assert.NotEqual(Guid.Empty, byId.Id);
            Assert.Equal(s.Category2, byId.CategoryId);
            Assert.Equal(BallotSource.Phone, byId.Source);
            Assert.True(byId.IsValid);
            Assert.Null(byId.InvalidReason);
            Assert.Equal([(s.Reporter1, "好"), (s.Reporter2, "一般")], byId.Marks.Select(m => (m.ReporterId, m.Grade)).ToList());
            var hash = sp.GetRequiredService<VotingKey>().Hash(VotingCodes.Normalize(code));
            Assert.True(await db.UsedVotingCodes.AnyAsync(u => u.Hash == hash && u.MeetingId == s.MeetingId));
            return 0;
        });
        // The tally reads the JSON marks in the database (json_each / jsonb_array_elements).
        await VotingTestKit.CloseAsync(f, s.MeetingId);
        var tally = await f.WithDbAsync(async (db, sp) =>
        {
            var m = await db.Meetings.SingleAsync(x => x.Id == s.MeetingId);
            var c = await db.Campaigns.SingleAsync(x => x.Id == m.CampaignId);
            return await sp.GetRequiredService<MeetingCommands>().TallyAsync(VotingTestKit.Staff, c, m, default);
        });
        Assert.Equal(2, tally.Count);
    }
}

public sealed class VotingCacheTests_Sqlite(SqliteFactory f) : VotingCacheTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class VotingCacheTests_Postgres(PostgresFactory f) : VotingCacheTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
