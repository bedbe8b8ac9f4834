using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shuzhi.Bench.Generate;
using Shuzhi.Bench.Subtree;
using Shuzhi.Domain.Meetings;
using Shuzhi.Web.Features;
using Shuzhi.Web.Infrastructure;

namespace Shuzhi.Bench.Ballots;

/// <summary>
/// Backup and restore (issue #9, faults): while ballots are being cast through POST /vote/api/cast, the documented command
/// `Shuzhi.Web --backup DIR` runs as its own process (SQLite online backup API, or pg_dump); after the vote closes a second
/// backup is taken. Each is restored into a fresh instance (a new file and data directory, or a new database through
/// pg_restore) and tallied there by the app (MeetingCommands.TallyAsync; the snapshot taken mid-vote is closed first):
/// the closed one must equal the source's tally and digest exactly; the one taken mid-vote must hold a consistent snapshot
/// (ballots = used codes) whose tally equals the domain's tally of exactly those ballots of the source (each ballot's marks
/// encode its code's number, as in the crash bench).
/// </summary>
public static class BackupCommand
{
    public static readonly string[] OptionNames = ["provider", "connection", "ballots", "concurrency", "reporters"];

    public static async Task<int> RunAsync(Options options)
    {
        var provider = options.Provider();
        var connection = options.Required("connection");
        var count = options.Int("ballots", 4000, 2);
        var concurrency = options.Int("concurrency", 8, 1);
        var reporters = options.Int("reporters", 40, 8);

        await GenerateCommand.MigrateAsync(provider, connection);
        Console.WriteLine($"database:   {await Database.ServerVersionAsync(provider, connection)}");
        var work = Directory.CreateTempSubdirectory("shuzhi-backup-");
        var created = new List<string>();
        try
        {
            var data = Directory.CreateDirectory(Path.Combine(work.FullName, "data"));
            await using var app = MeetingSetup.Start(provider, connection, data, new Dictionary<string, string?>
            {
                ["Voting:RequestsPerMinute"] = "100000000", ["Voting:ConcurrentRequests"] = "64",
            });
            var meeting = await MeetingSetup.CreateAsync(app, reporters);
            var codes = await MeetingSetup.CodesAsync(app, meeting, count);
            await MeetingSetup.OpenAsync(app, meeting);
            using var http = new HttpClient { BaseAddress = app.ClientOptions.BaseAddress };
            var tool = new AppProcess(provider, connection, data.FullName, 0);

            // Cast every code; when half are in, the backup starts beside the casting and the casting goes on.
            var next = -1;
            var acknowledged = 0;
            Task<(int Code, string Output)>? during = null;
            var duringDirectory = Path.Combine(work.FullName, "backup-during");
            var clock = Stopwatch.StartNew();
            var castsWhileBackingUp = 0;
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                while (Interlocked.Increment(ref next) is var n && n < count)
                {
                    var body = new { code = codes[n], marks = CrashCommand.Encode(meeting.Reporters, n).Select(m => new { reporterId = m.ReporterId, grade = m.Grade }) };
                    using var response = await http.PostAsJsonAsync("/vote/api/cast", body);
                    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"cast {n} answered {(int)response.StatusCode}");
                    if (Interlocked.Increment(ref acknowledged) == count / 2)
                        during = tool.RunOnceAsync("--backup", duringDirectory);
                    else if (during is { IsCompleted: false }) Interlocked.Increment(ref castsWhileBackingUp);
                }
            })));
            var (duringCode, duringOutput) = await during!;
            Console.WriteLine($"casting:    {count} ballots acknowledged in {clock.ElapsedMilliseconds} ms; the backup started at {count / 2} " +
                              $"and {castsWhileBackingUp} casts were acknowledged while it ran");
            Console.WriteLine($"backup 1:   $ Shuzhi.Web --backup {duringDirectory} → exit {duringCode}: {duringOutput}");
            if (duringCode != 0) return 1;

            await MeetingSetup.CloseAsync(app, meeting);
            var afterDirectory = Path.Combine(work.FullName, "backup-after");
            var (afterCode, afterOutput) = await tool.RunOnceAsync("--backup", afterDirectory);
            Console.WriteLine($"backup 2:   $ Shuzhi.Web --backup {afterDirectory} (vote closed) → exit {afterCode}: {afterOutput}");
            if (afterCode != 0) return 1;

            // The source: its tally and digest, and its ballots for the tally of the mid-vote snapshot.
            var (sourceTally, sourceDigest, sourceBallots, forms, categories, rules) = await MeetingSetup.WithDbAsync(app, async (db, sp) =>
            {
                var commands = sp.GetRequiredService<MeetingCommands>();
                var campaign = await db.Campaigns.SingleAsync(c => c.Id == meeting.CampaignId);
                var m = await db.Meetings.SingleAsync(x => x.Id == meeting.MeetingId);
                var speakers = await commands.SpeakersAsync(m, default);
                var cats = (await commands.CategoriesAsync(m.Id, default)).Select(c => new TallyCategory(c.Id, c.Name, c.Weight)).ToList();
                var ballots = await db.MeetingBallots.AsNoTracking().Where(b => b.MeetingId == m.Id).ToListAsync();
                return (await commands.TallyAsync(MeetingSetup.Admin, campaign, m, default), m.Digest, ballots,
                    speakers.Select(s => s.ReporterForm).ToList(), cats, m.Rules);
            });

            var ok = true;
            foreach (var (name, directory) in new[] { ("during", duringDirectory), ("after", afterDirectory) })
            {
                var (restored, restoredData) = await RestoreAsync(provider, connection, directory, work, name, created);
                await using var copy = MeetingSetup.Start(provider, restored, restoredData);
                var (tally, digest, ballots, used, wasOpen) = await MeetingSetup.WithDbAsync(copy, async (db, sp) =>
                {
                    var commands = sp.GetRequiredService<MeetingCommands>();
                    var campaign = await db.Campaigns.SingleAsync(c => c.Id == meeting.CampaignId);
                    var m = await db.Meetings.SingleAsync(x => x.Id == meeting.MeetingId);
                    var open = m.State != VotingState.Closed;
                    if (open) await commands.CloseVotingAsync(MeetingSetup.Admin, campaign, m, default);
                    var list = await db.MeetingBallots.AsNoTracking().Where(b => b.MeetingId == m.Id).ToListAsync();
                    var usedCodes = await db.UsedVotingCodes.CountAsync(u => u.MeetingId == m.Id);
                    return (await commands.TallyAsync(MeetingSetup.Admin, campaign, m, default), m.Digest, list, usedCodes, open);
                });
                var numbers = ballots.Select(b => CrashCommand.Decode(b.Marks, meeting.Reporters)).ToHashSet();
                var expected = name == "after"
                    ? sourceTally
                    : Tally.Compute(forms, categories, sourceBallots.Where(b => numbers.Contains(CrashCommand.Decode(b.Marks, meeting.Reporters))).ToList(), rules);
                var same = JsonSerializer.Serialize(tally) == JsonSerializer.Serialize(expected);
                var consistent = ballots.Count == used && numbers.Count == ballots.Count;
                var digestOk = name != "after" || digest == sourceDigest;
                ok &= same && consistent && digestOk;
                Console.WriteLine($"restore {name,-6}: {ballots.Count} ballots, {used} used codes{(wasOpen ? " (vote still open in the snapshot: closed in the copy)" : "")}; " +
                                  $"snapshot consistent: {(consistent ? "yes" : "NO")}; tally equals the source's " +
                                  (name == "after" ? "tally" : "tally of the same ballots") + $": {(same ? "yes" : "NO")}" +
                                  (name == "after" ? $"; digest equals the source's: {(digestOk ? "yes" : "NO")}" : ""));
            }
            Console.WriteLine($"check:      {(ok ? "ok" : "FAILED")}");
            return ok ? 0 : 1;
        }
        finally
        {
            foreach (var db in created) await DropAsync(connection, db);
            work.Delete(recursive: true);
        }
    }

    /// <summary>A fresh instance from a backup directory: its data directory (keys) and the restored database.</summary>
    private static async Task<(string Connection, DirectoryInfo Data)> RestoreAsync(Provider provider, string connection, string backup,
        DirectoryInfo work, string name, List<string> created)
    {
        var data = Directory.CreateDirectory(Path.Combine(work.FullName, "restored-" + name));
        File.Copy(Path.Combine(backup, "voting.key"), Path.Combine(data.FullName, "voting.key"));
        if (Directory.Exists(Path.Combine(backup, "keys")))
        {
            Directory.CreateDirectory(Path.Combine(data.FullName, "keys"));
            foreach (var f in Directory.EnumerateFiles(Path.Combine(backup, "keys"))) File.Copy(f, Path.Combine(data.FullName, "keys", Path.GetFileName(f)));
        }
        if (provider == Provider.Sqlite)
        {
            var file = Path.Combine(data.FullName, Backup.SqliteFile);
            File.Copy(Path.Combine(backup, Backup.SqliteFile), file);
            return ($"Data Source={file}", data);
        }
        var cs = new NpgsqlConnectionStringBuilder(connection);
        var database = $"{cs.Database}_restored_{name}_{DateTime.UtcNow:HHmmss}";
        await using (var conn = new NpgsqlConnection(connection))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        created.Add(database);
        var info = new ProcessStartInfo("pg_restore", ["--no-owner", "--exit-on-error", "--host", cs.Host ?? "localhost",
            "--port", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", cs.Username ?? "",
            "--dbname", database, Path.Combine(backup, Backup.PostgresFile)]);
        if (!string.IsNullOrEmpty(cs.Password)) info.Environment["PGPASSWORD"] = cs.Password;
        using var p = Process.Start(info)!;
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"pg_restore exited with {p.ExitCode}");
        return (new NpgsqlConnectionStringBuilder(connection) { Database = database }.ConnectionString, data);
    }

    private static async Task DropAsync(string connection, string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
