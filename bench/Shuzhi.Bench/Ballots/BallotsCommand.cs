using System.Data.Common;
using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shuzhi.Bench.Generate;
using Shuzhi.Bench.Subtree;
using Shuzhi.Domain.Meetings;
using Shuzhi.Web.Data.Configurations;

namespace Shuzhi.Bench.Ballots;

/// <summary>
/// Casts ballots through POST /vote/api/cast (the phone page's endpoint) at concurrency 1, 8, 32 and 128, each with a
/// fresh code, against a plain ADO.NET harness that inserts the same two rows (the ballot, the used code) in one
/// transaction with the same durability, at the same concurrency, into tables of its own in the same database.
/// Both sides time each operation from the moment its client wants it done, so a wait in a queue counts on both.
/// A third side shows the floor of any HTTP service here: a bare Kestrel endpoint (no middleware, no lookup, no rule)
/// that takes the same JSON body over the same loopback and runs the raw harness's insert. A fourth, the same endpoint
/// without the insert, times the HTTP round trip with that body alone.
/// </summary>
public static class BallotsCommand
{
    public static readonly string[] OptionNames = ["provider", "connection", "casts", "levels", "reporters", "app-concurrency", "raw-pool"];

    private sealed record Level(int Concurrency, int Count, double Seconds, Stats Latency)
    {
        public double PerSecond => Count / Seconds;

        public string Describe => $"{PerSecond,7:F0}/s p50 {Latency.Median,7:F2} ms p99 {Latency.P99,8:F2} ms";
    }

    public static async Task<int> RunAsync(Options options)
    {
        var provider = options.Provider();
        var connection = options.Required("connection");
        var casts = options.Int("casts", 4000, 1);
        var reporters = options.Int("reporters", 40, 1);
        var levels = (options.Has("levels") ? options.Required("levels") : "1,8,32,128").Split(',').Select(int.Parse).ToArray();
        // The app's cap on /vote/api requests served at once (Voting:ConcurrentRequests, default 16): beyond it casts queue in
        // the app. Raised far above the levels, 128 casts at once open 128 connections, more than PostgreSQL's default 100 slots.
        var appConcurrency = options.Int("app-concurrency", 100_000, 1);
        // The raw harness's pool (Npgsql Max Pool Size; 0 = the driver's default of 100), so it fits the server's slots beside the app's pool.
        var rawPool = options.Int("raw-pool", 0, 0);
        // Each side's first 1,000 operations are not timed (as in the middleware bench): time for the JIT to compile the
        // hot paths fully (tiered compilation) and for the pools to fill, so the first level does not pay for them.
        const int warmup = 1000;

        await GenerateCommand.MigrateAsync(provider, connection);
        Console.WriteLine($"database:   {await Database.ServerVersionAsync(provider, connection)}");
        if (provider == Provider.Sqlite)
        {
            // journal_mode=WAL is stored in the database file, so the app's connections use it too; the app itself sets no PRAGMA.
            Console.WriteLine($"sqlite:     journal_mode set to {await Database.UseWalAsync(connection)} on the database file (the app sets no PRAGMA of its own)");
        }

        var dataDirectory = Directory.CreateTempSubdirectory("shuzhi-bench-");
        try
        {
            // The /vote/api limits (600 requests a minute per address, 16 at once) would cap a load driver on one address:
            // raised through the app's own settings for this run.
            await using var app = MeetingSetup.Start(provider, connection, dataDirectory, new Dictionary<string, string?>
            {
                ["Voting:RequestsPerMinute"] = "100000000",
                ["Voting:ConcurrentRequests"] = appConcurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            Console.WriteLine($"rate limit: Voting:RequestsPerMinute=100000000, Voting:ConcurrentRequests={appConcurrency} (defaults 600 and 16) for this run");

            var pragmas = await AppPragmasAsync(app, provider);
            Console.WriteLine($"app's connection: {pragmas}");
            // The raw harness connects with the app's own settings: on PostgreSQL the app adds No Reset On Close (DatabaseTarget).
            var appConnection = app.Services.GetRequiredService<Shuzhi.Web.Infrastructure.DatabaseTarget>().ConnectionString;
            var rawConnection = provider == Provider.Postgres && rawPool > 0
                ? new Npgsql.NpgsqlConnectionStringBuilder(appConnection) { MaxPoolSize = rawPool }.ConnectionString
                : appConnection;
            if (provider == Provider.Postgres)
            {
                var shown = new Npgsql.NpgsqlConnectionStringBuilder(rawConnection);
                Console.WriteLine($"raw pool:   the app's connection settings (No Reset On Close={shown.NoResetOnClose}), Max Pool Size={shown.MaxPoolSize}");
            }
            var raw = new RawHarness(provider, rawConnection);
            await raw.CreateTablesAsync();
            Console.WriteLine($"raw:        {raw.Describe}");

            var meeting = await MeetingSetup.CreateAsync(app, reporters);
            var total = warmup + 1 + casts * levels.Length;
            var step = Stopwatch.StartNew();
            var codes = await MeetingSetup.CodesAsync(app, meeting, total);
            Console.WriteLine($"codes:      {codes.Count} generated with MeetingCommands.GenerateCodesAsync in {step.ElapsedMilliseconds} ms");
            await MeetingSetup.OpenAsync(app, meeting);
            Console.WriteLine($"voting:     open; {casts} casts per level, each with a fresh code and {reporters} graded speakers; {warmup} warm-up operations each side first, and one cast whose SQL is shown");
            Console.WriteLine();

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 }) { BaseAddress = app.ClientOptions.BaseAddress };
            var next = 0;
            var rawNext = 0;
            Func<int, Task> cast = async n =>
            {
                var code = codes[n];
                var body = new { code, marks = MeetingSetup.MarksFor(meeting.Reporters, n).Select(m => new { reporterId = m.ReporterId, grade = m.Grade }) };
                using var response = await http.PostAsJsonAsync("/vote/api/cast", body);
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"cast {n} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            };
            Func<int, Task> insert = n => raw.InsertAsync(meeting.MeetingId, meeting.Categories[0], codes[n], MeetingSetup.MarksFor(meeting.Reporters, n));

            await RunLevelAsync(8, warmup, () => Interlocked.Increment(ref next) - 1, cast);
            await RunLevelAsync(8, warmup, () => Interlocked.Increment(ref rawNext) - 1, insert);
            var sql = await app.Sql.RecordAsync(() => cast(next++));
            Console.WriteLine($"SQL one cast runs: {sql.Count} command(s) through EF; with plain ADO.NET (VotingService) the lookup");
            Console.WriteLine("  " + Shuzhi.Web.Features.VotingService.LookupSql.Replace("\n", "\n  "));
            Console.WriteLine("and, in the writer's batch transaction (SQLite) or as one batch (PostgreSQL), the insert");
            Console.WriteLine("  " + Shuzhi.Web.Features.VotingService.BallotSql(provider == Provider.Postgres).Trim().Replace("\n", "\n  "));
            Console.WriteLine();

            // The floor: the raw insert behind a bare Kestrel endpoint, the same body over the same loopback.
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            await using var bare = builder.Build();
            bare.MapPost("/insert", async (FloorBody body) =>
            {
                await raw.InsertAsync(meeting.MeetingId, meeting.Categories[0], body.Code, body.Marks.Select(m => new Mark(m.ReporterId, m.Grade)).ToList());
                return Results.Ok(new { message = "ok" });
            });
            bare.MapPost("/echo", (FloorBody _) => Results.Ok(new { message = "ok" })); // the body is read and bound all the same
            await bare.StartAsync();
            var bareAddress = new Uri(bare.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
            Console.WriteLine($"floor:      the raw insert behind a bare Kestrel endpoint (WebApplication.CreateSlimBuilder, one MapPost) on {bareAddress}, the cast's body");
            Console.WriteLine("http:       the same endpoint without the insert: the round trip of the cast's body alone");
            var floorNext = 0;
            Func<string, Func<int, Task>> bareSide = path => async n =>
            {
                var body = new { code = $"floor-{n}", marks = MeetingSetup.MarksFor(meeting.Reporters, n).Select(m => new { reporterId = m.ReporterId, grade = m.Grade }) };
                using var response = await http.PostAsJsonAsync(new Uri(bareAddress, path), body);
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path} {n} answered {(int)response.StatusCode}");
            };
            var floor = bareSide("/insert");
            var echo = bareSide("/echo");
            await RunLevelAsync(8, warmup, () => Interlocked.Increment(ref floorNext) - 1, floor);
            await RunLevelAsync(8, warmup, () => 0, echo);
            Console.WriteLine();

            var memoryBefore = Process.GetCurrentProcess().PeakWorkingSet64;
            var results = new List<(Level App, Level Raw, Level Floor)>();
            foreach (var c in levels)
            {
                var a = await RunLevelAsync(c, casts, () => Interlocked.Increment(ref next) - 1, cast);
                var (r, rawService) = await TimedInsertsAsync(raw, () => RunLevelAsync(c, casts, () => Interlocked.Increment(ref rawNext) - 1, insert));
                var (b, floorService) = await TimedInsertsAsync(raw, () => RunLevelAsync(c, casts, () => Interlocked.Increment(ref floorNext) - 1, floor));
                var h = await RunLevelAsync(c, casts, () => 0, echo);
                results.Add((a, r, b));
                Console.WriteLine($"concurrency {c,3}: casting {a.Describe} | raw {r.Describe}{rawService} | floor {b.Describe}{floorService} | http {h.Describe}");
            }
            await bare.StopAsync();

            // Every acknowledged cast is stored once, with its used code; the raw and floor sides likewise (in the raw tables).
            var (ballots, used) = await MeetingSetup.WithDbAsync(app, async (db, _) =>
                (await db.MeetingBallots.CountAsync(b => b.MeetingId == meeting.MeetingId), await db.UsedVotingCodes.CountAsync(u => u.MeetingId == meeting.MeetingId)));
            var (rawBallots, rawUsed) = await raw.CountAsync(meeting.MeetingId);
            var expected = warmup + 1 + casts * levels.Length; // the raw side has no SQL-shown cast: one fewer; the floor inserts as many again
            var rawExpected = 2 * (expected - 1);
            Console.WriteLine();
            Console.WriteLine($"check:      app {ballots} ballots / {used} used codes, raw {rawBallots} / {rawUsed}, expected {expected} / {rawExpected}: " +
                              (ballots == expected && used == expected && rawBallots == rawExpected && rawUsed == rawExpected ? "ok" : "MISMATCH"));
            Console.WriteLine();
            Console.WriteLine("concurrency  casting/s  raw/s  throughput ratio (target ≥ 0.50)  casting p50  raw p50  casting p99  raw p99  p99 ratio (target ≤ 3)  floor/s  floor/raw");
            foreach (var (a, r, b) in results)
                Console.WriteLine($"{a.Concurrency,11}  {a.PerSecond,9:F0}  {r.PerSecond,5:F0}  {a.PerSecond / r.PerSecond,32:F2}  " +
                                  $"{a.Latency.Median,8:F2} ms  {r.Latency.Median,7:F2}  {a.Latency.P99,8:F2} ms  {r.Latency.P99,7:F2}  {a.Latency.P99 / r.Latency.P99,23:F2}  " +
                                  $"{b.PerSecond,7:F0}  {b.PerSecond / r.PerSecond,9:F2}");
            var gc = GC.GetGCMemoryInfo();
            Console.WriteLine();
            Console.WriteLine($"memory:     peak working set of the bench process (app, load driver and raw harness share it): " +
                              $"{Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MiB ({memoryBefore / 1048576} MiB before the timed levels); " +
                              $"GC heap {GC.GetTotalMemory(false) / 1048576} MiB now, {gc.HeapSizeBytes / 1048576} MiB at the last GC, {GC.CollectionCount(2)} gen-2 collections");
            return 0;
        }
        finally
        {
            dataDirectory.Delete(recursive: true);
        }
    }

    /// <summary>The journal mode and synchronous level of a connection the app's DbContext opens (SQLite), or the fsync settings (PostgreSQL).</summary>
    private static Task<string> AppPragmasAsync(InProcessApp app, Provider provider) => MeetingSetup.WithDbAsync(app, async (db, _) =>
    {
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        try
        {
            var queries = provider == Provider.Sqlite
                ? new[] { ("journal_mode", "PRAGMA journal_mode"), ("synchronous", "PRAGMA synchronous") }
                : [("fsync", "SHOW fsync"), ("synchronous_commit", "SHOW synchronous_commit"), ("wal_sync_method", "SHOW wal_sync_method")];
            var parts = new List<string>();
            foreach (var (name, sql) in queries)
            {
                await using var cmd = conn.Command(sql);
                parts.Add($"{name}={await cmd.ExecuteScalarAsync()}");
            }
            return string.Join(", ", parts) + (provider == Provider.Sqlite ? " (synchronous 2 = FULL)" : "");
        }
        finally { await conn.CloseAsync(); }
    });

    /// <summary>SQLite: a level of the raw harness's inserts with their own time (once they hold the writer's turn) beside it.</summary>
    private static async Task<(Level, string)> TimedInsertsAsync(RawHarness raw, Func<Task<Level>> level)
    {
        raw.ServiceTimes.Clear();
        var result = await level();
        if (raw.ServiceTimes.Count == 0) return (result, ""); // PostgreSQL: no turns, nothing recorded
        var service = Stats.Of(raw.ServiceTimes);
        return (result, $" (the insert alone: p50 {service.Median:F2} ms p99 {service.P99:F2} ms)");
    }

    private static async Task<Level> RunLevelAsync(int concurrency, int count, Func<int> take, Func<int, Task> work)
    {
        var latencies = new double[count];
        var done = -1;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var i = Interlocked.Increment(ref done);
                if (i >= count) return;
                var n = take();
                var start = Stopwatch.GetTimestamp();
                await work(n);
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        })).ToList();
        await Task.WhenAll(workers);
        return new Level(concurrency, count, clock.Elapsed.TotalSeconds, Stats.Of(latencies));
    }
}

/// <summary>The body the floor's endpoint takes: the cast's.</summary>
public sealed record FloorBody(string Code, List<FloorMark> Marks);

public sealed record FloorMark(int ReporterId, string? Grade);

/// <summary>
/// The same rows a cast stores (a MeetingBallots row with the app's JSON marks, a UsedVotingCodes row with the code's
/// keyed hash), inserted with plain ADO.NET in one transaction per cast into RawBallots / RawUsedCodes, same columns and
/// keys, in the same database. SQLite: the same file (WAL) with synchronous=FULL on every connection; PostgreSQL: the
/// server's defaults (fsync on, synchronous_commit on), as the app's connections have them.
/// <para>
/// SQLite has one writer at a time, so the inserts of concurrent clients take turns through a first-come first-served
/// lock, each one transaction, and the wait for the lock counts in their latency like the wait of a cast in the app.
/// Without it the clients do not overlap at all: Microsoft.Data.Sqlite's async methods complete synchronously, so each
/// worker runs its inserts back to back on its thread, about one at a time in all (Little's law on the 17:40 run of
/// 2026-12-02: 0.7 in flight at "128"), and the latency is an insert's service time with no queue. Overlapping them
/// without the lock would be worse for the raw side, not better: a transaction that finds the write lock taken gets
/// SQLITE_BUSY, which Microsoft.Data.Sqlite retries after 150 ms. The service time alone is recorded too
/// (<see cref="ServiceTimes"/>). PostgreSQL takes concurrent writers itself: no lock there.
/// </para>
/// </summary>
public sealed class RawHarness(Provider provider, string connection)
{
    private readonly System.Security.Cryptography.HMACSHA256 _hmac = new(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private readonly SemaphoreSlim? _writer = provider == Provider.Sqlite ? new(1, 1) : null;

    /// <summary>SQLite: each insert's time once it holds the writer's turn (ms), in the order they ran.</summary>
    public List<double> ServiceTimes { get; } = [];

    public string Describe => provider == Provider.Sqlite
        ? "RawBallots + RawUsedCodes in the same file, one transaction per cast, PRAGMA synchronous=FULL on each connection; " +
          "concurrent inserts take turns first come first served (one writer), the wait counted in their latency"
        : "RawBallots + RawUsedCodes in the same database, one transaction per cast, server defaults (fsync on)";

    public async Task CreateTablesAsync()
    {
        await using var conn = await OpenAsync();
        var uuid = provider == Provider.Sqlite ? "TEXT" : "uuid";
        var boolean = provider == Provider.Sqlite ? "INTEGER" : "boolean";
        foreach (var sql in new[]
        {
            "DROP TABLE IF EXISTS \"RawBallots\"", "DROP TABLE IF EXISTS \"RawUsedCodes\"",
            $"CREATE TABLE \"RawBallots\" (\"Id\" {uuid} NOT NULL PRIMARY KEY, \"MeetingId\" integer NOT NULL, \"CategoryId\" integer NOT NULL, " +
            $"\"Source\" integer NOT NULL, \"IsValid\" {boolean} NOT NULL, \"InvalidReason\" integer NULL, \"Marks\" text NOT NULL)",
            "CREATE INDEX \"IX_RawBallots_MeetingId_CategoryId\" ON \"RawBallots\" (\"MeetingId\", \"CategoryId\")",
            "CREATE TABLE \"RawUsedCodes\" (\"Hash\" varchar(64) NOT NULL PRIMARY KEY, \"MeetingId\" integer NOT NULL)",
            "CREATE INDEX \"IX_RawUsedCodes_MeetingId\" ON \"RawUsedCodes\" (\"MeetingId\")",
        })
        {
            await using var cmd = conn.Command(sql);
            await cmd.ExecuteNonQueryAsync();
        }
    }

    private async Task<DbConnection> OpenAsync()
    {
        var conn = Database.Connect(provider, connection);
        await conn.OpenAsync();
        if (provider == Provider.Sqlite)
        {
            await using var cmd = conn.Command("PRAGMA synchronous=FULL");
            await cmd.ExecuteNonQueryAsync();
        }
        return conn;
    }

    public async Task InsertAsync(int meetingId, int categoryId, string code, IReadOnlyList<Mark> marks)
    {
        string hash;
        lock (_hmac) hash = Convert.ToHexString(_hmac.ComputeHash(System.Text.Encoding.UTF8.GetBytes(code)));
        if (_writer is null)
        {
            await WriteAsync(meetingId, categoryId, hash, marks);
            return;
        }
        await _writer.WaitAsync();
        try
        {
            var start = Stopwatch.GetTimestamp();
            await WriteAsync(meetingId, categoryId, hash, marks);
            ServiceTimes.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        finally
        {
            _writer.Release();
        }
    }

    private async Task WriteAsync(int meetingId, int categoryId, string hash, IReadOnlyList<Mark> marks)
    {
        await using var conn = await OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var cmd = conn.Command("INSERT INTO \"RawBallots\" (\"Id\", \"MeetingId\", \"CategoryId\", \"Source\", \"IsValid\", \"InvalidReason\", \"Marks\") " +
                                            "VALUES (@id, @m, @c, @s, @v, NULL, @marks)",
                         ("@id", provider == Provider.Sqlite ? Guid.NewGuid().ToString().ToUpperInvariant() : Guid.NewGuid()), ("@m", meetingId), ("@c", categoryId),
                         ("@s", (int)BallotSource.Phone), ("@v", true), ("@marks", JsonColumn.Write<IReadOnlyList<Mark>>(marks))))
        {
            cmd.Transaction = tx;
            await cmd.ExecuteNonQueryAsync();
        }
        await using (var cmd = conn.Command("INSERT INTO \"RawUsedCodes\" (\"Hash\", \"MeetingId\") VALUES (@h, @m)", ("@h", hash), ("@m", meetingId)))
        {
            cmd.Transaction = tx;
            await cmd.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
    }

    public async Task<(long Ballots, long Used)> CountAsync(int meetingId)
    {
        await using var conn = await OpenAsync();
        await using var a = conn.Command("SELECT count(*) FROM \"RawBallots\" WHERE \"MeetingId\" = @m", ("@m", meetingId));
        await using var b = conn.Command("SELECT count(*) FROM \"RawUsedCodes\" WHERE \"MeetingId\" = @m", ("@m", meetingId));
        return (Convert.ToInt64(await a.ExecuteScalarAsync()), Convert.ToInt64(await b.ExecuteScalarAsync()));
    }
}
