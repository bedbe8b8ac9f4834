using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shuzhi.Domain.Meetings;
using Shuzhi.Web.Features;
using Shuzhi.Web.Infrastructure;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Meetings;

/// <summary>
/// Casts arriving together: on SQLite they are written by one writer in one transaction (group commit,
/// SqliteWriteGate), each in a savepoint; on PostgreSQL in parallel. Either way every acknowledged cast is stored once, a
/// used code is refused alone with 409 while the others of its batch are stored, and a close that commits meanwhile
/// refuses the casts of its meeting only. The casts are held back by the lock a close takes (SQLite: the write lock;
/// PostgreSQL: the meeting row) so that they do arrive together. At most 16 casts are served at once (Voting:ConcurrentRequests).
/// </summary>
public abstract class GroupCommitTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;
    protected TFactory F => f;

    private static async Task<string> MessageAsync(HttpResponseMessage res)
    {
        var json = await res.Content.ReadFromJsonAsync<JsonElement>();
        if (json.TryGetProperty("message", out var m)) return m.GetString()!;
        return json.GetProperty("errors").EnumerateObject().First().Value[0].GetString()!;
    }

    private long Batches => f.Services.GetRequiredService<SqliteWriteGate>().Batches;

    /// <summary>
    /// Runs <paramref name="casts"/> while the meeting is locked as a close locks it (<paramref name="close"/>: and its state set
    /// to closed, uncommitted), checks that none has been answered after 1.5 s, commits, and returns the answers.
    /// </summary>
    private async Task<HttpResponseMessage[]> WhileLockedAsync(int meetingId, bool close, Func<Task<HttpResponseMessage>[]> casts, bool othersWait = true,
        Func<Task>? meanwhile = null) =>
        await f.WithDbAsync(async (db, _) =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            if (db.IsPostgres) await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Meetings" WHERE "Id" = {meetingId} FOR UPDATE""");
            var state = close ? (int)VotingState.Closed : (int)VotingState.Open;
            await db.Database.ExecuteSqlAsync($"""UPDATE "Meetings" SET "State" = {state} WHERE "Id" = {meetingId}""");
            var pending = casts();
            if (meanwhile is not null) await meanwhile(); // runs while the lock is held: it must not wait for it
            await Task.Delay(1500);
            if (othersWait) Assert.DoesNotContain(pending, t => t.IsCompleted);
            await tx.CommitAsync();
            return await Task.WhenAll(pending);
        });

    [Fact]
    public async Task Many_concurrent_casts_of_distinct_codes_are_all_acknowledged_and_stored_once()
    {
        var s = await VotingTestKit.MeetingAsync(f, D.A, 2071);
        var codes = await VotingTestKit.CodesAsync(f, s.MeetingId, s.Category1, 150);
        await VotingTestKit.OpenAsync(f, s.MeetingId);
        var client = f.NewClient();
        var grades = new[] { "好", "较好", "一般", "差" };
        var results = await Task.WhenAll(codes.Select((c, i) => VotingTestKit.CastAsync(client, VotingTestKit.Ballot(s, c, grades[i % 4], grades[i / 4 % 4]))));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(150, await VotingTestKit.BallotsAsync(f, s.MeetingId));
        Assert.Equal(150, await VotingTestKit.UsedAsync(f, s.MeetingId));
        // Each ballot as cast: the marks of the 16 grade pairs, each pair as often as it was cast.
        var stored = await f.WithDbAsync(async (db, _) => await db.MeetingBallots.AsNoTracking().Where(b => b.MeetingId == s.MeetingId).ToListAsync());
        var expected = codes.Select((_, i) => grades[i % 4] + grades[i / 4 % 4]).GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        var actual = stored.Select(b => b.Marks.Single(m => m.ReporterId == s.Reporter1).Grade + b.Marks.Single(m => m.ReporterId == s.Reporter2).Grade)
            .GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(expected.OrderBy(x => x.Key), actual.OrderBy(x => x.Key));
    }

    [Fact]
    public async Task A_used_code_in_a_batch_is_refused_alone_and_the_other_casts_are_stored()
    {
        var s = await VotingTestKit.MeetingAsync(f, D.A, 2072);
        var codes = await VotingTestKit.CodesAsync(f, s.MeetingId, s.Category1, 13);
        await VotingTestKit.OpenAsync(f, s.MeetingId);
        var client = f.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await VotingTestKit.CastAsync(client, VotingTestKit.Ballot(s, codes[0]))).StatusCode);
        var batchesBefore = Batches;

        // Twelve fresh codes and one of them twice: 13 casts arriving together, which wait for the lock. The used code
        // again (with other marks) meanwhile: refused at once by the lookup, without waiting for the lock.
        HttpResponseMessage? usedAgain = null;
        var results = await WhileLockedAsync(s.MeetingId, close: false, () =>
        [
            .. codes.Skip(1).Select(c => VotingTestKit.CastAsync(client, VotingTestKit.Ballot(s, c))),
            VotingTestKit.CastAsync(client, VotingTestKit.Ballot(s, codes[5], "一般", "一般")),
        ], meanwhile: async () => usedAgain = await VotingTestKit.CastAsync(client, VotingTestKit.Ballot(s, codes[0], "差", "差")));

        // codes[5] (results[4]) cast twice: one stored, the other refused by the unique key in the batch, whichever came
        // first; every other fresh code stored.
        Assert.All(results[..12].Where((_, i) => i != 4), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], new[] { results[4].StatusCode, results[12].StatusCode }.OrderBy(x => x));
        Assert.Equal(Messages.Get("Meeting.CodeUsed"), await MessageAsync(results[4].StatusCode == HttpStatusCode.Conflict ? results[4] : results[12]));
        Assert.Equal(HttpStatusCode.Conflict, usedAgain!.StatusCode);
        Assert.Equal(Messages.Get("Meeting.CodeUsed"), await MessageAsync(usedAgain));
        Assert.Equal(13, await VotingTestKit.BallotsAsync(f, s.MeetingId));
        Assert.Equal(13, await VotingTestKit.UsedAsync(f, s.MeetingId));
        var stored = await f.WithDbAsync(async (db, _) => await db.MeetingBallots.AsNoTracking().Where(b => b.MeetingId == s.MeetingId).ToListAsync());
        Assert.DoesNotContain(stored, b => b.Marks.Any(m => m.Grade == "差")); // the used code's second ballot
        Assert.Equal(results[12].StatusCode == HttpStatusCode.OK ? 1 : 0, stored.Count(b => b.Marks.Any(m => m.Grade == "一般")));
        if (!f.IsPostgres) Assert.InRange(Batches - batchesBefore, 1, 3); // 13 casts in two transactions (one straggler allowed)
    }

    [Fact]
    public async Task A_close_that_commits_while_casts_wait_refuses_those_of_its_meeting_and_stores_the_others()
    {
        var closing = await VotingTestKit.MeetingAsync(f, D.A, 2073);
        var open = await VotingTestKit.MeetingAsync(f, D.B, 2073);
        var closingCodes = await VotingTestKit.CodesAsync(f, closing.MeetingId, closing.Category1, 6);
        var openCodes = await VotingTestKit.CodesAsync(f, open.MeetingId, open.Category2, 6);
        await VotingTestKit.OpenAsync(f, closing.MeetingId);
        await VotingTestKit.OpenAsync(f, open.MeetingId);
        var client = f.NewClient();

        // On SQLite the close holds the one write lock: every cast waits, then all go in one batch. On PostgreSQL only the
        // closing meeting's row is locked: the other meeting's casts are not held back.
        var results = await WhileLockedAsync(closing.MeetingId, close: true, () =>
        [
            .. closingCodes.Zip(openCodes).SelectMany(p => new[]
            {
                VotingTestKit.CastAsync(client, VotingTestKit.Ballot(closing, p.First)),
                VotingTestKit.CastAsync(client, VotingTestKit.Ballot(open, p.Second)),
            }),
        ], othersWait: !f.IsPostgres);

        for (var i = 0; i < results.Length; i += 2)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, results[i].StatusCode);
            Assert.Equal(Messages.Get("Meeting.VotingClosed"), await MessageAsync(results[i]));
            Assert.Equal(HttpStatusCode.OK, results[i + 1].StatusCode);
        }
        Assert.Equal(0, await VotingTestKit.BallotsAsync(f, closing.MeetingId));
        Assert.Equal(0, await VotingTestKit.UsedAsync(f, closing.MeetingId));
        Assert.Equal(6, await VotingTestKit.BallotsAsync(f, open.MeetingId));
        Assert.Equal(6, await VotingTestKit.UsedAsync(f, open.MeetingId));
    }
}

public sealed class GroupCommitTests_Sqlite(SqliteFactory f) : GroupCommitTests<SqliteFactory>(f), IClassFixture<SqliteFactory>
{
    private static readonly string[] Pragmas = ["journal_mode", "synchronous", "foreign_keys", "busy_timeout"];

    private static async Task<List<string>> PragmasOfAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction? tx = null)
    {
        var values = new List<string>();
        foreach (var pragma in Pragmas)
        {
            await using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = $"PRAGMA {pragma}";
            values.Add($"{pragma}={await cmd.ExecuteScalarAsync()}");
        }
        return values;
    }

    [Fact]
    public async Task The_batch_writers_connection_has_the_durability_of_the_apps_connections()
    {
        var (app, cs) = await F.WithDbAsync(async (db, _) =>
        {
            await db.Database.OpenConnectionAsync();
            return (await PragmasOfAsync(db.Database.GetDbConnection()), db.Database.GetConnectionString()!);
        });
        List<string> batch = [];
        await F.Services.GetRequiredService<SqliteWriteGate>().WriteAsync(cs, async (c, tx, _) => batch = await PragmasOfAsync(c, tx), CancellationToken.None);
        Assert.Equal(["journal_mode=wal", "synchronous=2", "foreign_keys=1"], app.Take(3)); // WAL, FULL
        Assert.Equal(app, batch);
    }
}
public sealed class GroupCommitTests_Postgres(PostgresFactory f) : GroupCommitTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
