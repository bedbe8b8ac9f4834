using Microsoft.Data.Sqlite;
using Shuzhi.Domain;
using Shuzhi.Web.Features;
using Shuzhi.Web.Infrastructure;

namespace Shuzhi.Web.Tests.Meetings;

/// <summary>
/// The SQLite group commit (SqliteWriteGate) on a database file of its own, WAL as the app's: the writes waiting are
/// written in one transaction, each in a savepoint; a refused write rolls back only its own rows; any other database
/// error fails the whole batch; a request cancelled while its write waits drops it, once taken it is written. The batch
/// writer is held back by a transaction that holds the write lock (as a close does), so that the writes queue.
/// </summary>
public sealed class SqliteWriteGateTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("shuzhi-gate-").FullName;
    private readonly string _cs;
    private readonly SqliteWriteGate _gate = new();

    public SqliteWriteGateTests()
    {
        _cs = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "gate.db") }.ToString();
        using var c = new SqliteConnection(_cs);
        c.Open();
        Run(c, """PRAGMA journal_mode=WAL; CREATE TABLE "Probe" ("Name" TEXT NOT NULL PRIMARY KEY);""");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private static void Run(SqliteConnection c, string sql, SqliteTransaction? tx = null)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        cmd.ExecuteNonQuery();
    }

    private static SqliteWriteGate.Write Insert(string name) => (c, tx, _) =>
    {
        Run(c, $"""INSERT INTO "Probe" ("Name") VALUES ('{name}')""", tx);
        return Task.CompletedTask;
    };

    private List<string> Names(string? cs = null)
    {
        using var c = new SqliteConnection(cs ?? _cs);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """SELECT "Name" FROM "Probe" ORDER BY "Name" """;
        using var r = cmd.ExecuteReader();
        var names = new List<string>();
        while (r.Read()) names.Add(r.GetString(0));
        return names;
    }

    /// <summary>Holds the write lock; the first write is taken by a batch that waits for it, the writes queued after it by <paramref name="queue"/> form the next batch.</summary>
    private async Task<(Task First, T Queued)> BehindTheLockAsync<T>(Func<T> queue)
    {
        await using var holder = new SqliteConnection(_cs);
        holder.Open();
        await using var tx = holder.BeginTransaction(deferred: false);
        var first = _gate.WriteAsync(_cs, Insert("first"), CancellationToken.None);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (_gate.Casts < 1 && clock.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(10);
        Assert.Equal(1, _gate.Casts); // taken: its batch waits for the lock
        var queued = queue();
        await Task.Delay(300);
        Assert.False(first.IsCompleted);
        tx.Rollback();
        return (first, queued);
    }

    [Fact]
    public async Task An_exclusive_writer_runs_between_two_batches_and_the_writes_arriving_meanwhile_wait_for_it()
    {
        var inside = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var seen = new List<string>();
        // As the close of a vote: its own transaction on its own connection, the write lock taken at once.
        var exclusive = _gate.ExclusiveAsync(async () =>
        {
            await using var c = new SqliteConnection(_cs);
            c.Open();
            await using var tx = c.BeginTransaction(deferred: false);
            inside.SetResult();
            await release.Task;
            Run(c, """INSERT INTO "Probe" ("Name") VALUES ('close')""", tx);
            seen.AddRange(Names()); // what the batch writer had committed before the close (another connection, the last commit)
            tx.Commit();
        }, CancellationToken.None);
        await inside.Task;
        var writes = Enumerable.Range(0, 5).Select(i => _gate.WriteAsync(_cs, Insert($"w{i}"), CancellationToken.None)).ToList();
        await Task.Delay(300);
        // The writer waits for the exclusive section instead of meeting the lock (no batch begun): nothing written, nothing failed.
        Assert.Equal(0, _gate.Batches);
        Assert.All(writes, w => Assert.False(w.IsCompleted));
        release.SetResult();
        await exclusive;
        await Task.WhenAll(writes);
        Assert.Empty(seen);
        Assert.Equal(["close", "w0", "w1", "w2", "w3", "w4"], Names());
    }

    [Fact]
    public async Task A_refused_write_rolls_back_only_its_own_rows_and_the_others_of_its_batch_commit()
    {
        var (first, queued) = await BehindTheLockAsync(() => new[]
        {
            _gate.WriteAsync(_cs, (c, tx, ct) =>
            {
                Run(c, """INSERT INTO "Probe" ("Name") VALUES ('refused')""", tx);
                throw new DomainException("Meeting.VotingClosed"); // a cast that wrote, then found the window closed
            }, CancellationToken.None),
            _gate.WriteAsync(_cs, Insert("q"), CancellationToken.None),
            _gate.WriteAsync(_cs, Insert("q"), CancellationToken.None), // the same key: SQLITE_CONSTRAINT
            _gate.WriteAsync(_cs, Insert("r"), CancellationToken.None),
        });
        await first;
        Assert.Equal("Meeting.VotingClosed", (await Assert.ThrowsAsync<DomainException>(() => queued[0])).Code);
        await queued[1];
        Assert.Equal(19, (await Assert.ThrowsAsync<SqliteException>(() => queued[2])).SqliteErrorCode);
        await queued[3];
        Assert.Equal(["first", "q", "r"], Names());
        Assert.Equal(2, _gate.Batches);
        Assert.Equal(5, _gate.Casts);
    }

    [Fact]
    public async Task Any_other_database_error_fails_every_write_of_its_batch_and_commits_none()
    {
        var (first, queued) = await BehindTheLockAsync(() => new[]
        {
            _gate.WriteAsync(_cs, Insert("a"), CancellationToken.None),
            _gate.WriteAsync(_cs, (c, tx, _) => { Run(c, """INSERT INTO "Missing" VALUES (1)""", tx); return Task.CompletedTask; }, CancellationToken.None),
            _gate.WriteAsync(_cs, Insert("b"), CancellationToken.None),
        });
        await first;
        foreach (var t in queued) Assert.Equal(1, (await Assert.ThrowsAsync<SqliteException>(() => t)).SqliteErrorCode); // SQLITE_ERROR: no such table
        Assert.Equal(["first"], Names());

        // The gate goes on: the next write has a batch of its own.
        await _gate.WriteAsync(_cs, Insert("c"), CancellationToken.None);
        Assert.Equal(["c", "first"], Names());
    }

    [Fact]
    public async Task A_write_cancelled_while_waiting_is_dropped_and_one_already_taken_is_written()
    {
        using var late = new CancellationTokenSource();
        using var early = new CancellationTokenSource();
        Task taken = Task.CompletedTask;
        var (first, queued) = await BehindTheLockAsync(() =>
        {
            var waiting = _gate.WriteAsync(_cs, Insert("dropped"), early.Token);
            early.Cancel();
            return new[] { waiting, _gate.WriteAsync(_cs, Insert("kept"), CancellationToken.None) };
        });
        await first;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued[0]);
        await queued[1];
        Assert.Equal(["first", "kept"], Names());

        // Cancelled after its batch took it (the batch waits for the lock): written all the same, and awaited.
        await using (var holder = new SqliteConnection(_cs))
        {
            holder.Open();
            await using var tx = holder.BeginTransaction(deferred: false);
            var casts = _gate.Casts;
            taken = _gate.WriteAsync(_cs, Insert("taken"), late.Token);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (_gate.Casts == casts && clock.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(10);
            late.Cancel();
            await Task.Delay(200);
            Assert.False(taken.IsCompleted);
            tx.Rollback();
        }
        await taken;
        Assert.Equal(["first", "kept", "taken"], Names());
    }

    [Fact]
    public async Task A_database_that_cannot_be_opened_fails_every_write_as_unavailable_until_it_returns()
    {
        var directory = Path.Combine(_directory, "gone");
        var gone = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "gate.db") }.ToString();
        var gate = new SqliteWriteGate();
        SqliteWriteGate.Write create = (c, tx, _) =>
        {
            Run(c, """CREATE TABLE IF NOT EXISTS "Probe" ("Name" TEXT NOT NULL PRIMARY KEY)""", tx);
            return Task.CompletedTask;
        };
        var writes = Enumerable.Range(0, 3).Select(_ => gate.WriteAsync(gone, create, CancellationToken.None)).ToList();
        foreach (var w in writes)
        {
            var e = await Assert.ThrowsAsync<SqliteException>(() => w);
            Assert.Equal(14, e.SqliteErrorCode); // SQLITE_CANTOPEN
            Assert.True(DatabaseUnavailableHandler.IsUnavailable(e)); // answered 503 with Retry-After
        }
        // The directory is back: the same gate writes again, nothing kept from the failure.
        Directory.CreateDirectory(directory);
        await gate.WriteAsync(gone, create, CancellationToken.None);
        await gate.WriteAsync(gone, (c, tx, _) => { Run(c, """INSERT INTO "Probe" ("Name") VALUES ('after')""", tx); return Task.CompletedTask; }, CancellationToken.None);
        Assert.Equal(["after"], Names(gone));
        await Assert.ThrowsAsync<InvalidOperationException>(() => gate.WriteAsync(_cs, create, CancellationToken.None)); // one database per gate
    }
}
