using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Shuzhi.Web.Features;

/// <summary>
/// Group commit of the casts on SQLite. SQLite has one writer at a time, and with synchronous=FULL every commit waits for
/// the disk: one transaction per cast made concurrent casts queue behind each other's commits (bench/RESULTS.md, ballots:
/// 0.14–0.53 × the raw insert rate). Two transactions that try to write at once do not queue in SQLite either: the second
/// gets SQLITE_BUSY, which Microsoft.Data.Sqlite retries after a blocking 150 ms sleep, so the casts of this process never
/// compete for the lock themselves. They wait here, and one writer takes every cast waiting (up to <see cref="MaxBatch"/>),
/// writes them in ONE transaction on a connection of its own and commits once. Each cast runs inside a SAVEPOINT: a cast
/// refused in the database (its code used, the window closed meanwhile) rolls back only its own savepoint and gets its own
/// error, the others commit. A cast is completed — and so acknowledged to the phone — only after the commit that holds it;
/// a failure of the batch as a whole (the file cannot be opened, a disk error, the commit itself) fails every cast in it
/// with that exception, so the database-unavailable handling answers each with 503 as before. Durability per acknowledged
/// cast is unchanged: its rows are in a committed transaction of the same file with the same synchronous level.
/// <para>
/// The batch takes the write lock up front (BEGIN IMMEDIATE) and holds it until its commit, so nothing interleaves with it:
/// the close of a vote, which holds the write lock while it computes the digest (MeetingCommands.CloseVotingAsync), runs
/// wholly before a batch (whose casts then find the window closed) or wholly after it (and its digest counts them).
/// Writers outside this gate (other pages, another process) still meet SQLite's own busy handling. PostgreSQL writes casts
/// in parallel and does not come here.
/// </para>
/// </summary>
public sealed class SqliteWriteGate
{
    /// <summary>The most casts one transaction takes; more wait for the next one (which follows at once).</summary>
    public const int MaxBatch = 64;

    /// <summary>One cast's statements, run by the writer inside the batch's transaction; throws to refuse the cast.</summary>
    public delegate Task Write(SqliteConnection connection, SqliteTransaction transaction, CancellationToken ct);

    private sealed class Pending(Write write)
    {
        public Write Write { get; } = write;
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        // 0 waiting, 1 taken by a batch (written whatever happens to the request), 2 cancelled while waiting (dropped).
        public int State;
    }

    private readonly object _lock = new();
    // Held by the writer for each batch and by an exclusive writer (the close of a vote) for its whole transaction.
    private readonly SemaphoreSlim _exclusive = new(1, 1);
    private readonly Queue<Pending> _queue = new();
    private bool _writing;
    private string? _connectionString; // the app's one database, as the first write names it

    /// <summary>Number of transactions committed or failed, and the casts they took (for tests and diagnostics).</summary>
    public long Batches => Interlocked.Read(ref _batches);
    public long Casts => Interlocked.Read(ref _casts);
    private long _batches, _casts;

    /// <summary>
    /// Queues <paramref name="write"/> for the next batch on the database of <paramref name="connectionString"/> and waits
    /// until the transaction that holds it has committed. A request cancelled while its cast still waits drops the cast;
    /// once a batch has taken it, it is written and the outcome awaited.
    /// </summary>
    public async Task WriteAsync(string connectionString, Write write, CancellationToken ct)
    {
        var pending = new Pending(write);
        bool start;
        lock (_lock)
        {
            if ((_connectionString ??= connectionString) != connectionString) throw new InvalidOperationException("A write gate writes to one database.");
            _queue.Enqueue(pending);
            start = !_writing;
            _writing = true;
        }
        // The writer serves every waiting request: it runs in none's execution context (logging scope, HttpContext).
        if (start)
            using (ExecutionContext.SuppressFlow())
                _ = Task.Run(() => DrainAsync(connectionString));
        // Cancelled while still waiting: dropped (the writer skips it). Once taken, the cancellation changes nothing.
        using var cancel = ct.Register(() =>
        {
            if (Interlocked.CompareExchange(ref pending.State, 2, 0) == 0) pending.Done.TrySetCanceled(ct);
        });
        await pending.Done.Task;
    }

    /// <summary>Writes batches until no cast waits. One drain runs at a time (<see cref="_writing"/>).</summary>
    private async Task DrainAsync(string connectionString)
    {
        while (true)
        {
            var batch = new List<Pending>(MaxBatch);
            lock (_lock)
            {
                while (batch.Count < MaxBatch && _queue.TryDequeue(out var p))
                    if (Interlocked.CompareExchange(ref p.State, 1, 0) == 0) batch.Add(p); // a cancelled one is dropped
                if (batch.Count == 0)
                {
                    _writing = false;
                    return;
                }
            }
            await _exclusive.WaitAsync();
            try
            {
                await WriteBatchAsync(connectionString, batch);
            }
            finally
            {
                _exclusive.Release();
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> between two batches, with no batch written meanwhile (the casts that arrive wait in the
    /// queue): the close of a vote gets SQLite's write lock after at most the batch in progress, instead of retrying against
    /// a stream of batches under the busy timeout.
    /// </summary>
    public async Task ExclusiveAsync(Func<Task> work, CancellationToken ct)
    {
        await _exclusive.WaitAsync(ct);
        try
        {
            await work();
        }
        finally
        {
            _exclusive.Release();
        }
    }

    private async Task WriteBatchAsync(string connectionString, List<Pending> batch)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _casts, batch.Count);
        var refused = new Exception?[batch.Count];
        try
        {
            // The writer's own connection, from the same connection string as the app's contexts (the same pool): WAL is
            // kept in the file, synchronous is SQLite's default FULL and the busy timeout Microsoft.Data.Sqlite's default,
            // as on every connection of the app, which sets no PRAGMA of its own.
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using var transaction = connection.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: the write lock now
            for (var i = 0; i < batch.Count; i++)
            {
                await transaction.SaveAsync("cast");
                try
                {
                    // Not the request's token: a cast once taken is written (its request may have gone; the batch has not).
                    await batch[i].Write(connection, transaction, CancellationToken.None);
                    await transaction.ReleaseAsync("cast");
                }
                // Refusals of this cast alone: a rule checked in the write (0 rows: the window closed), a key (the code
                // used). Any other database error (I/O, a full disk, a lost lock) may have ended the whole transaction in
                // SQLite: it fails the batch below.
                catch (Exception e) when (e is not DbException || e is SqliteException { SqliteErrorCode: 19 /* SQLITE_CONSTRAINT */ })
                {
                    await transaction.RollbackAsync("cast");
                    await transaction.ReleaseAsync("cast");
                    refused[i] = e;
                }
            }
            await transaction.CommitAsync();
        }
        catch (Exception e)
        {
            foreach (var p in batch) p.Done.TrySetException(e);
            return;
        }
        for (var i = 0; i < batch.Count; i++)
        {
            if (refused[i] is { } e) batch[i].Done.TrySetException(e);
            else batch[i].Done.TrySetResult();
        }
    }
}
