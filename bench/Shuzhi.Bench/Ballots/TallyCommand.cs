using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Shuzhi.Bench.Generate;
using Shuzhi.Domain.Meetings;
using Shuzhi.Web.Data.Configurations;
using Shuzhi.Web.Features;

namespace Shuzhi.Bench.Ballots;

/// <summary>
/// The system's tally (MeetingCommands.TallyAsync: the database counts the valid ballots' marks by category and distinct
/// mark, MeetingCommands.MarkGroupsSql; Tally.Compute works on those counts) against one hand-written SQL aggregation over
/// the same table: per reporter and category, the marks, the count of each grade and the mean of the grade points. The
/// ballots are bulk-loaded into MeetingBallots in the app's JSON marks format. Each phase reports its peak resident memory
/// (Linux: the process's high-water mark, reset at the start of the phase).
/// </summary>
public static class TallyCommand
{
    public static readonly string[] OptionNames = ["provider", "connection", "ballots", "reporters", "categories", "iterations"];

    public static async Task<int> RunAsync(Options options)
    {
        var provider = options.Provider();
        var connection = options.Required("connection");
        var count = options.Int("ballots", 1_000_000, 1);
        var reporters = options.Int("reporters", 40, 1);
        var categoryCount = options.Int("categories", 6, 1);
        var iterations = options.Int("iterations", 3, 1);

        await GenerateCommand.MigrateAsync(provider, connection);
        Console.WriteLine($"database:   {await Database.ServerVersionAsync(provider, connection)}");
        var dataDirectory = Directory.CreateTempSubdirectory("shuzhi-bench-");
        try
        {
            await using var app = MeetingSetup.Start(provider, connection, dataDirectory);
            var meeting = await MeetingSetup.CreateAsync(app, reporters);
            if (meeting.Categories.Count < categoryCount) throw new UsageException($"the meeting has only {meeting.Categories.Count} categories");
            var categories = meeting.Categories.Take(categoryCount).ToList();
            await MeetingSetup.OpenAsync(app, meeting);

            var step = Stopwatch.StartNew();
            PeakMemory.Reset();
            await BulkLoadAsync(provider, connection, meeting.MeetingId, categories, meeting.Reporters, count);
            Console.WriteLine($"loaded:     {count} ballots ({reporters} graded speakers each, {categoryCount} categories) into MeetingBallots in {step.ElapsedMilliseconds} ms " +
                              (provider == Provider.Sqlite ? "(one transaction, prepared INSERT)" : "(binary COPY)") + $", peak {PeakMemory.Text()}");
            step.Restart();
            await using (var conn = Database.Connect(provider, connection))
            {
                await conn.OpenAsync();
                await using var analyze = conn.Command(provider == Provider.Sqlite ? "ANALYZE" : "ANALYZE \"MeetingBallots\"");
                analyze.CommandTimeout = 600;
                await analyze.ExecuteNonQueryAsync();
            }
            Console.WriteLine($"analyzed in {step.ElapsedMilliseconds} ms");

            GC.Collect();
            PeakMemory.Reset();
            step.Restart();
            await MeetingSetup.CloseAsync(app, meeting);
            Console.WriteLine($"closed:     MeetingCommands.CloseVotingAsync (digest over every ballot) in {step.ElapsedMilliseconds} ms, peak {PeakMemory.Text()}");
            // The digest stored at the close against the domain's in-memory digest of the same ballots (every line in one list,
            // as the close did before 2026-12-02 15:00): only up to 200,000 ballots, where that fits.
            var stored = await MeetingSetup.WithDbAsync(app, (db, _) => db.Meetings.Where(m => m.Id == meeting.MeetingId).Select(m => m.Digest).SingleAsync());
            if (count <= 200_000)
            {
                var recomputed = await MeetingSetup.WithDbAsync(app, async (db, _) =>
                {
                    var lines = new List<string>();
                    await foreach (var b in db.MeetingBallots.Where(b => b.MeetingId == meeting.MeetingId).Select(b => new { b.CategoryId, b.IsValid, b.Marks }).AsAsyncEnumerable())
                        lines.Add(BallotDigest.Line(b.CategoryId, b.IsValid, b.Marks));
                    return BallotDigest.FromLines(lines);
                });
                Console.WriteLine($"digest:     {stored} stored; BallotDigest.FromLines over every line in memory {(stored == recomputed ? "agrees" : "DISAGREES: " + recomputed)}");
            }
            else Console.WriteLine($"digest:     {stored} stored (not recomputed in memory above 200,000 ballots)");
            GC.Collect();
            Console.WriteLine();

            var systemMs = new List<double>();
            var sqlMs = new List<double>();
            IReadOnlyList<ReporterTally> tally = [];
            List<SqlRow> rows = [];
            for (var i = 0; i < iterations; i++)
            {
                PeakMemory.Reset();
                step.Restart();
                tally = await MeetingSetup.WithDbAsync(app, async (db, sp) =>
                {
                    var campaign = await db.Campaigns.SingleAsync(c => c.Id == meeting.CampaignId);
                    var m = await db.Meetings.SingleAsync(x => x.Id == meeting.MeetingId);
                    return await sp.GetRequiredService<MeetingCommands>().TallyAsync(MeetingSetup.Admin, campaign, m, default);
                });
                systemMs.Add(step.Elapsed.TotalMilliseconds);
                var peak = PeakMemory.Text();
                step.Restart();
                rows = await SqlTallyAsync(provider, connection, meeting.MeetingId);
                sqlMs.Add(step.Elapsed.TotalMilliseconds);
                Console.WriteLine($"run {i + 1}: system tally {systemMs[^1],9:F0} ms   SQL aggregation {sqlMs[^1],9:F0} ms   ratio {systemMs[^1] / sqlMs[^1],6:F2}   (peak during the system tally {peak})");
                GC.Collect();
            }

            // Both must see the same marks: per reporter and category, the count of marks.
            var fromSql = rows.ToDictionary(r => (r.Reporter, r.Category), r => r.Marks);
            var agree = tally.All(t => t.Categories.All(c => fromSql.GetValueOrDefault((t.ReporterId, c.CategoryId)) == c.Marks))
                        && rows.Sum(r => r.Marks) == tally.Sum(t => (long)t.Marks);
            Console.WriteLine();
            Console.WriteLine($"check:      {rows.Count} (reporter, category) rows from SQL, {tally.Count} reporters from the system, " +
                              $"{rows.Sum(r => r.Marks)} marks; marks per reporter and category {(agree ? "agree" : "DISAGREE")}");
            var first = rows.Where(r => r.Reporter == meeting.Reporters[0]).OrderBy(r => r.Category).First();
            var t0 = tally.Single(t => t.ReporterId == meeting.Reporters[0]);
            Console.WriteLine($"sample:     reporter {first.Reporter}, category {first.Category}: SQL {first.Marks} marks, grades {string.Join("/", first.Grades)}, mean {first.Mean:F3}; " +
                              $"system {t0.Categories.Single(c => c.CategoryId == first.Category).Marks} marks, mean {t0.Categories.Single(c => c.CategoryId == first.Category).Mean:F3}, score {t0.Score:F3}");
            var s = Stats.Of(systemMs);
            var q = Stats.Of(sqlMs);
            Console.WriteLine();
            Console.WriteLine($"median of {iterations}: system tally {s.Median:F0} ms, SQL aggregation {q.Median:F0} ms, ratio {s.Median / q.Median:F2} (target ≤ 1.5)");
            Console.WriteLine($"memory:     peak working set of the bench process {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MiB");
            Console.WriteLine();
            Console.WriteLine("SQL aggregation:");
            Console.WriteLine(Sql(provider));
            Console.WriteLine();
            Console.WriteLine("the system's query (MeetingCommands.MarkGroupsSql, {0} = the meeting):");
            Console.WriteLine(MeetingCommands.MarkGroupsSql(provider == Provider.Postgres));
            Console.WriteLine();
            Console.WriteLine("plans (" + (provider == Provider.Sqlite ? "EXPLAIN QUERY PLAN" : "EXPLAIN") + "), SQL aggregation then the system's query:");
            foreach (var sql in new[] { Sql(provider), MeetingCommands.MarkGroupsSql(provider == Provider.Postgres).Replace("{0}", "@m") })
            {
                foreach (var line in await PlanAsync(provider, connection, sql, meeting.MeetingId)) Console.WriteLine("  " + line);
                Console.WriteLine();
            }
            return 0;
        }
        finally
        {
            dataDirectory.Delete(recursive: true);
        }
    }

    private static async Task<List<string>> PlanAsync(Provider provider, string connection, string sql, int meetingId)
    {
        await using var conn = Database.Connect(provider, connection);
        await conn.OpenAsync();
        await using var cmd = conn.Command((provider == Provider.Sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + sql, ("@m", meetingId));
        await using var r = await cmd.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await r.ReadAsync())
            lines.Add(provider == Provider.Sqlite ? $"{r.GetValue(0)} {r.GetValue(1)} {r.GetString(3)}" : r.GetString(0));
        return lines;
    }

    private sealed record SqlRow(int Reporter, int Category, long Marks, long[] Grades, double Mean);

    /// <summary>Grade points of the default grade ballot, written into the query as the form has them.</summary>
    private static string PointsCase(string grade) =>
        "CASE " + grade + " " + string.Concat(Shuzhi.Domain.Campaigns.BallotForm.DefaultGrade().Grades.Select(g => $"WHEN '{g.Label}' THEN {g.Points} ")) + "END";

    private static string GradeSums(string grade) =>
        string.Join(", ", MeetingSetup.Grades.Select((g, i) => $"sum(CASE WHEN {grade} = '{g}' THEN 1 ELSE 0 END) AS g{i}"));

    private static string Sql(Provider provider) => provider == Provider.Sqlite
        ? $"""
           SELECT j.value ->> 'ReporterId' AS reporter, b."CategoryId", count(*), {GradeSums("j.value ->> 'Grade'")}, avg({PointsCase("j.value ->> 'Grade'")})
           FROM "MeetingBallots" b, json_each(b."Marks") j
           WHERE b."MeetingId" = @m AND b."IsValid"
           GROUP BY reporter, b."CategoryId"
           """
        : $"""
           SELECT (j ->> 'ReporterId')::int AS reporter, b."CategoryId", count(*), {GradeSums("j ->> 'Grade'")}, avg({PointsCase("j ->> 'Grade'")})::float8
           FROM "MeetingBallots" b, jsonb_array_elements(b."Marks"::jsonb) j
           WHERE b."MeetingId" = @m AND b."IsValid"
           GROUP BY reporter, b."CategoryId"
           """;

    private static async Task<List<SqlRow>> SqlTallyAsync(Provider provider, string connection, int meetingId)
    {
        await using var conn = Database.Connect(provider, connection);
        await conn.OpenAsync();
        await using var cmd = conn.Command(Sql(provider), ("@m", meetingId));
        cmd.CommandTimeout = 3600;
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<SqlRow>();
        var n = MeetingSetup.Grades.Length;
        while (await r.ReadAsync())
            rows.Add(new(Convert.ToInt32(r.GetValue(0)), r.GetInt32(1), Convert.ToInt64(r.GetValue(2)),
                Enumerable.Range(0, n).Select(i => Convert.ToInt64(r.GetValue(3 + i))).ToArray(), Convert.ToDouble(r.GetValue(3 + n))));
        return rows;
    }

    /// <summary>
    /// A full ballot with grades drawn, reproducibly from the ballot's number, about 55 % 好, 30 % 较好, 12 % 一般, 3 % 差,
    /// so every reporter and category gets a mix of grades.
    /// </summary>
    private static List<Mark> VariedMarks(IReadOnlyList<int> reporters, int n)
    {
        var random = new Random(n);
        return reporters.Order().Select(r => random.Next(100) switch
        {
            < 55 => new Mark(r, MeetingSetup.Grades[0]),
            < 85 => new Mark(r, MeetingSetup.Grades[1]),
            < 97 => new Mark(r, MeetingSetup.Grades[2]),
            _ => new Mark(r, MeetingSetup.Grades[3]),
        }).ToList();
    }

    private static async Task BulkLoadAsync(Provider provider, string connection, int meetingId, IReadOnlyList<int> categories, IReadOnlyList<int> reporters, int count)
    {
        string Marks(int n) => JsonColumn.Write<IReadOnlyList<Mark>>(VariedMarks(reporters, n));
        if (provider == Provider.Postgres)
        {
            await using var conn = new NpgsqlConnection(connection);
            await conn.OpenAsync();
            await using var copy = await conn.BeginBinaryImportAsync(
                "COPY \"MeetingBallots\" (\"Id\", \"MeetingId\", \"CategoryId\", \"Source\", \"IsValid\", \"InvalidReason\", \"Marks\") FROM STDIN (FORMAT BINARY)");
            for (var n = 0; n < count; n++)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                await copy.WriteAsync(meetingId, NpgsqlDbType.Integer);
                await copy.WriteAsync(categories[n % categories.Count], NpgsqlDbType.Integer);
                await copy.WriteAsync((int)BallotSource.Phone, NpgsqlDbType.Integer);
                await copy.WriteAsync(true, NpgsqlDbType.Boolean);
                await copy.WriteNullAsync();
                await copy.WriteAsync(Marks(n), NpgsqlDbType.Text);
            }
            await copy.CompleteAsync();
            return;
        }
        await using (var conn = Database.Connect(provider, connection))
        {
            await conn.OpenAsync();
            await using var tx = await conn.BeginTransactionAsync();
            await using var cmd = conn.Command("INSERT INTO \"MeetingBallots\" (\"Id\", \"MeetingId\", \"CategoryId\", \"Source\", \"IsValid\", \"InvalidReason\", \"Marks\") " +
                                               "VALUES (@id, @m, @c, @s, 1, NULL, @marks)",
                ("@id", ""), ("@m", meetingId), ("@c", 0), ("@s", (int)BallotSource.Phone), ("@marks", ""));
            cmd.Transaction = tx;
            await cmd.PrepareAsync();
            for (var n = 0; n < count; n++)
            {
                cmd.Parameters["@id"].Value = Guid.NewGuid().ToString().ToUpperInvariant();
                cmd.Parameters["@c"].Value = categories[n % categories.Count];
                cmd.Parameters["@marks"].Value = Marks(n);
                await cmd.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
        }
    }
}
