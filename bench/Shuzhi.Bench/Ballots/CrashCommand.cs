using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Shuzhi.Bench.Generate;
using Shuzhi.Domain.Meetings;

namespace Shuzhi.Bench.Ballots;

/// <summary>
/// Crash safety (issue #9, faults): the app runs as its own process (the published Shuzhi.Web.dll, Production settings)
/// while a load driver casts ballots through POST /vote/api/cast; after <c>kill-after</c> acknowledged casts the process
/// gets SIGKILL. The driver puts back every code whose answer it did not get, the app is started again on the same
/// database, and the driver casts those codes (200 if the first request was lost, 409 if it was stored before the kill)
/// and then the rest. Each ballot's marks encode the number of its code (base 4 over the first speakers), so the check
/// reads every stored ballot back: every acknowledged cast is present, none twice, and the used codes equal the ballots.
/// </summary>
public static class CrashCommand
{
    public static readonly string[] OptionNames = ["provider", "connection", "ballots", "concurrency", "kill-after", "reporters"];

    /// <summary>Speakers whose grade carries a digit of the code's number: 4^8 = 65,536 numbers.</summary>
    private const int Digits = 8;

    public static async Task<int> RunAsync(Options options)
    {
        var provider = options.Provider();
        var connection = options.Required("connection");
        var count = options.Int("ballots", 10_000, 1);
        var concurrency = options.Int("concurrency", 32, 1);
        var killAfter = options.Int("kill-after", count / 2, 1);
        var reporters = options.Int("reporters", 40, Digits);
        if (count > 1 << (2 * Digits)) throw new UsageException($"--ballots at most {1 << (2 * Digits)}");
        if (killAfter >= count) throw new UsageException("--kill-after must be below --ballots");

        await GenerateCommand.MigrateAsync(provider, connection);
        Console.WriteLine($"database:   {await Database.ServerVersionAsync(provider, connection)}");
        if (provider == Provider.Sqlite) Console.WriteLine($"sqlite:     journal_mode {await Database.UseWalAsync(connection)}");

        var dataDirectory = Directory.CreateTempSubdirectory("shuzhi-crash-");
        try
        {
            // The meeting and its codes through the app's own commands (in this process), then the app is left to its own process.
            BenchMeeting meeting;
            IReadOnlyList<string> codes;
            await using (var setup = MeetingSetup.Start(provider, connection, dataDirectory))
            {
                meeting = await MeetingSetup.CreateAsync(setup, reporters);
                codes = await MeetingSetup.CodesAsync(setup, meeting, count);
                await MeetingSetup.OpenAsync(setup, meeting);
            }
            Console.WriteLine($"codes:      {codes.Count}, voting open; the data directory (with the voting key) is kept for the app's process");

            var port = FreePort();
            var server = new AppProcess(provider, connection, dataDirectory.FullName, port);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30),
            };

            var clock = Stopwatch.StartNew();
            await server.StartAsync(http);
            Console.WriteLine($"app:        {server.Describe}, ready in {clock.ElapsedMilliseconds} ms");

            var pending = new Queue<int>(Enumerable.Range(0, count));
            var acknowledged = new HashSet<int>();
            var refusedAsUsed = new HashSet<int>();
            var putBack = new List<int>();
            var killed = 0;

            // Phase 1: cast until the kill; a cast without an answer goes back to the queue's front.
            clock.Restart();
            var phase1 = await CastAsync(http, meeting, codes, pending, concurrency, acknowledged, refusedAsUsed, putBack, () =>
            {
                if (acknowledged.Count < killAfter || killed++ > 0) return false;
                server.Kill();
                return true;
            });
            var acknowledgedBeforeKill = acknowledged.Count;
            Console.WriteLine($"phase 1:    {acknowledgedBeforeKill} casts acknowledged, then SIGKILL to the app (pid {server.LastPid}) after {clock.ElapsedMilliseconds} ms; " +
                              $"{putBack.Count} casts in flight got no answer ({phase1} errors) and go first after the restart");

            clock.Restart();
            await server.StartAsync(http);
            Console.WriteLine($"restart:    {server.Describe}, ready in {clock.ElapsedMilliseconds} ms");

            foreach (var n in putBack.OrderByDescending(n => n)) pending = new Queue<int>(pending.Prepend(n));
            var unanswered = putBack.ToHashSet();
            putBack.Clear();
            clock.Restart();
            var phase2 = await CastAsync(http, meeting, codes, pending, concurrency, acknowledged, refusedAsUsed, putBack, () => false);
            Console.WriteLine($"phase 2:    {acknowledged.Count - acknowledgedBeforeKill} more acknowledged, {refusedAsUsed.Count} refused as used (409) in {clock.ElapsedMilliseconds} ms; " +
                              $"{phase2} errors, {putBack.Count} left unanswered");
            server.Stop();

            // The check, straight from the tables.
            var (ballots, used) = await ReadAsync(provider, connection, meeting);
            var numbers = ballots.Select(m => Decode(m, meeting.Reporters)).ToList();
            var distinct = numbers.ToHashSet();
            var missing = acknowledged.Where(n => !distinct.Contains(n)).ToList();
            var usedButAbsent = refusedAsUsed.Where(n => !distinct.Contains(n)).ToList();
            var refusedNotInFlight = refusedAsUsed.Where(n => !unanswered.Contains(n)).ToList();
            var ok = missing.Count == 0 && numbers.Count == distinct.Count && used == ballots.Count && usedButAbsent.Count == 0
                     && refusedNotInFlight.Count == 0 && putBack.Count == 0 && ballots.Count == count && distinct.SetEquals(Enumerable.Range(0, count));
            Console.WriteLine();
            Console.WriteLine($"check:      {ballots.Count} ballots stored, {used} used codes, {distinct.Count} distinct code numbers among the ballots");
            Console.WriteLine($"            acknowledged {acknowledged.Count}, of them missing after the crash: {missing.Count}; duplicated ballots: {numbers.Count - distinct.Count}");
            Console.WriteLine($"            409 after the restart: {refusedAsUsed.Count} (each one a cast in flight at the kill that the database had committed; " +
                              $"absent from the ballots: {usedButAbsent.Count}; not in flight: {refusedNotInFlight.Count})");
            Console.WriteLine($"            every code cast exactly once, used codes = ballots: {(ok ? "ok" : "FAILED")}");
            return ok ? 0 : 1;
        }
        finally
        {
            dataDirectory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Casts the queued codes with <paramref name="concurrency"/> workers until the queue is empty or <paramref name="kill"/>
    /// fires; a request without an answer (connection refused or reset) puts its code into <paramref name="putBack"/> and
    /// stops its worker. Returns how many requests failed that way.
    /// </summary>
    private static async Task<int> CastAsync(HttpClient http, BenchMeeting meeting, IReadOnlyList<string> codes, Queue<int> pending, int concurrency,
        HashSet<int> acknowledged, HashSet<int> refusedAsUsed, List<int> putBack, Func<bool> kill)
    {
        var gate = new object();
        var errors = 0;
        var stop = false;
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                int n;
                lock (gate)
                {
                    if (stop || pending.Count == 0) return;
                    n = pending.Dequeue();
                }
                try
                {
                    var body = new { code = codes[n], marks = Encode(meeting.Reporters, n).Select(m => new { reporterId = m.ReporterId, grade = m.Grade }) };
                    using var response = await http.PostAsJsonAsync("/vote/api/cast", body);
                    lock (gate)
                    {
                        if (response.IsSuccessStatusCode) acknowledged.Add(n);
                        else if (response.StatusCode == HttpStatusCode.Conflict) refusedAsUsed.Add(n);
                        else throw new InvalidOperationException($"cast {n} answered {(int)response.StatusCode}: {response.Content.ReadAsStringAsync().Result}");
                        // Under the lock: no answer is counted while the process dies.
                        if (kill()) stop = true;
                    }
                }
                catch (HttpRequestException)
                {
                    lock (gate) { putBack.Add(n); errors++; stop = true; }
                    return;
                }
                catch (TaskCanceledException)
                {
                    lock (gate) { putBack.Add(n); errors++; stop = true; }
                    return;
                }
            }
        })).ToList();
        await Task.WhenAll(workers);
        return errors;
    }

    /// <summary>Speaker i &lt; 8 gets the i-th base-4 digit of n as its grade; the others a grade rotating with n.</summary>
    public static List<Mark> Encode(IReadOnlyList<int> reporters, int n) =>
        reporters.Select((r, i) => new Mark(r, MeetingSetup.Grades[i < Digits ? (n >> (2 * i)) & 3 : (n + i) % 4])).ToList();

    public static int Decode(IReadOnlyList<Mark> marks, IReadOnlyList<int> reporters)
    {
        var n = 0;
        for (var i = 0; i < Digits; i++)
        {
            var grade = marks.Single(m => m.ReporterId == reporters[i]).Grade;
            n |= Array.IndexOf(MeetingSetup.Grades, grade) << (2 * i);
        }
        return n;
    }

    private static async Task<(List<List<Mark>> Ballots, long Used)> ReadAsync(Provider provider, string connection, BenchMeeting meeting)
    {
        await using var conn = Database.Connect(provider, connection);
        await conn.OpenAsync();
        var ballots = new List<List<Mark>>();
        await using (var cmd = conn.Command("SELECT \"Marks\" FROM \"MeetingBallots\" WHERE \"MeetingId\" = @m", ("@m", meeting.MeetingId)))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) ballots.Add(JsonSerializer.Deserialize<List<Mark>>(r.GetString(0))!);
        await using var used = conn.Command("SELECT count(*) FROM \"UsedVotingCodes\" WHERE \"MeetingId\" = @m", ("@m", meeting.MeetingId));
        return (ballots, Convert.ToInt64(await used.ExecuteScalarAsync()));
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
