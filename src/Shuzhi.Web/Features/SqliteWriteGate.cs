namespace Shuzhi.Web.Features;

/// <summary>
/// SQLite has one writer at a time. Two transactions that try to write at once do not queue in SQLite: the second gets
/// SQLITE_BUSY, and Microsoft.Data.Sqlite retries it after sleeping 150 ms (a blocking sleep, on a thread-pool thread),
/// so a burst of casts turned into 150 ms waits and starved threads (bench/RESULTS.md, ballots). The casts of this
/// process therefore take turns here, in order, for their write transaction; on PostgreSQL they write in parallel.
/// Writers outside this gate (other pages, another process) still meet SQLite's own busy handling.
/// </summary>
public sealed class SqliteWriteGate
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Runs <paramref name="write"/>; on SQLite one at a time.</summary>
    public async Task WriteAsync(AppDbContext db, Func<CancellationToken, Task> write, CancellationToken ct)
    {
        if (db.IsPostgres)
        {
            await write(ct);
            return;
        }
        await _turn.WaitAsync(ct);
        try
        {
            await write(ct);
        }
        finally
        {
            _turn.Release();
        }
    }
}
