using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Shuzhi.Web.Infrastructure;

/// <summary>
/// <c>Shuzhi.Web --backup DIR</c>: a consistent copy of the live database while the app keeps serving (ballots included),
/// with what the data directory holds beside it (voting.key, the data-protection keys), into a new directory DIR.
/// SQLite: the online backup API (a snapshot of one moment, also in WAL mode, without stopping writers). PostgreSQL:
/// <c>pg_dump --format=custom</c> (one transaction's snapshot). Restoring: README, "Backup and restore".
/// </summary>
public static class Backup
{
    public const string SqliteFile = "shuzhi.db";
    public const string PostgresFile = "shuzhi.pgdump";

    public static bool Requested(string[] args, out string directory)
    {
        var i = Array.IndexOf(args, "--backup");
        directory = i >= 0 && i + 1 < args.Length ? args[i + 1] : "";
        return i >= 0;
    }

    public static async Task<int> RunAsync(IServiceProvider services, string directory)
    {
        var config = services.GetRequiredService<IConfiguration>();
        var env = services.GetRequiredService<IWebHostEnvironment>();
        if (string.IsNullOrWhiteSpace(directory)) return Fail("usage: --backup DIRECTORY (a new or empty directory)");
        directory = Path.GetFullPath(directory);
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any()) return Fail($"{directory} is not empty");
        Directory.CreateDirectory(directory);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var clock = Stopwatch.StartNew();
        string written;
        if (db.IsPostgres)
        {
            written = Path.Combine(directory, PostgresFile);
            var code = await PgDumpAsync(db.Database.GetConnectionString()!, written);
            if (code != 0) return Fail($"pg_dump exited with {code}");
        }
        else
        {
            written = Path.Combine(directory, SqliteFile);
            await using var source = new SqliteConnection(db.Database.GetConnectionString());
            await using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = written, Pooling = false }.ToString());
            await source.OpenAsync();
            await target.OpenAsync();
            source.BackupDatabase(target);
        }

        // The voting key and the data-protection keys live beside the database: without them the codes cannot be checked
        // and the cookies and tokens issued before are void.
        var data = DatabaseSetup.DataDirectory(config, env);
        if (File.Exists(Path.Combine(data, "voting.key"))) File.Copy(Path.Combine(data, "voting.key"), Path.Combine(directory, "voting.key"));
        var keys = new DirectoryInfo(Path.Combine(data, "keys"));
        if (keys.Exists)
        {
            Directory.CreateDirectory(Path.Combine(directory, "keys"));
            foreach (var f in keys.EnumerateFiles()) f.CopyTo(Path.Combine(directory, "keys", f.Name));
        }
        Console.WriteLine($"backup: {written} ({new FileInfo(written).Length} bytes) and the data directory's keys, in {clock.ElapsedMilliseconds} ms");
        return 0;
    }

    private static async Task<int> PgDumpAsync(string connectionString, string file)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var info = new ProcessStartInfo("pg_dump", ["--format=custom", "--no-owner", "--file", file,
            "--host", cs.Host ?? "localhost", "--port", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--username", cs.Username ?? "", cs.Database ?? ""]);
        // The password goes through the environment of the child only, never on its command line.
        if (!string.IsNullOrEmpty(cs.Password)) info.Environment["PGPASSWORD"] = cs.Password;
        using var p = Process.Start(info) ?? throw new InvalidOperationException("pg_dump could not start");
        await p.WaitForExitAsync();
        return p.ExitCode;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("backup: " + message);
        return 2;
    }
}
