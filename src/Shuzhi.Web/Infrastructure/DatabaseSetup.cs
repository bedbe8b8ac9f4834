using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Shuzhi.Web.Infrastructure;

public static class DatabaseSetup
{
    /// <summary>DataDirectory, default ./data under the content root: the SQLite file and the data-protection keys.</summary>
    public static string DataDirectory(IConfiguration config, IWebHostEnvironment env) =>
        Path.GetFullPath(config["DataDirectory"] is { Length: > 0 } d ? d : Path.Combine(env.ContentRootPath, "data"));

    /// <summary>
    /// Database:Provider = Sqlite (default) or Postgres; ConnectionStrings:Shuzhi. Each provider has
    /// its own context subclass and migration set (docs/decisions/0002). Read when used, so the final
    /// configuration (tests, command line) decides (<see cref="DatabaseTarget"/>).
    /// </summary>
    public static IServiceCollection AddShuzhiDatabase(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseTarget>();
        services.AddDbContext<SqliteAppDbContext>((sp, o) => o.UseSqlite(sp.GetRequiredService<DatabaseTarget>().ConnectionString));
        services.AddDbContext<PostgresAppDbContext>((sp, o) => o.UseNpgsql(sp.GetRequiredService<DatabaseTarget>().ConnectionString));
        services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<DatabaseTarget>().IsPostgres
            ? sp.GetRequiredService<PostgresAppDbContext>()
            : sp.GetRequiredService<SqliteAppDbContext>());
        services.AddOptions<KeyManagementOptions>().Configure<IConfiguration, IWebHostEnvironment, ILoggerFactory>((o, config, env, logs) =>
            o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(DataDirectory(config, env), "keys")), logs));
        return services;
    }

    /// <summary>Applies the committed migrations; SQLite runs in WAL mode for concurrent readers.</summary>
    public static async Task MigrateAsync(AppDbContext db)
    {
        if (!db.IsPostgres)
        {
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await db.Database.CloseConnectionAsync();
        }
        await db.Database.MigrateAsync();
    }
}

/// <summary>
/// The one database of the app as configured: Database:Provider and ConnectionStrings:Shuzhi (for SQLite by default the
/// file shuzhi.db in the data directory, whose folder is made here). Read from the configuration on each use, so a
/// changed setting applies to the next request, but worked out (parsed, the folder made) only when it changes, rather
/// than for every context a request builds. The voting endpoints open their connections from it directly (VotingService).
/// </summary>
public sealed class DatabaseTarget(IConfiguration config, IServiceProvider services)
{
    /// <summary>The database as configured now: provider and connection string.</summary>
    public sealed record Settings(string? Provider, string? Configured, bool IsPostgres, string ConnectionString)
    {
        /// <summary>A new connection to the database (from the driver's pool once opened), not yet open.</summary>
        public System.Data.Common.DbConnection Connect() => IsPostgres
            ? new Npgsql.NpgsqlConnection(ConnectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString);
    }

    private Settings? _last;

    public bool IsPostgres => Current.IsPostgres;
    public string ConnectionString => Current.ConnectionString;

    /// <summary>The settings now, worked out again only when the configuration changed; read once per request by its users.</summary>
    public Settings Current
    {
        get
        {
            var provider = config["Database:Provider"];
            var configured = config.GetConnectionString("Shuzhi");
            var last = _last;
            if (last is not null && last.Provider == provider && last.Configured == configured) return last;
            return _last = Resolve(provider, configured);
        }
    }

    /// <summary>
    /// The PostgreSQL connection string with No Reset On Close: a connection going back to the pool is not reset. By
    /// default Npgsql runs, before the next command on it, `SET SESSION AUTHORIZATION DEFAULT; RESET ALL; CLOSE ALL;
    /// UNLISTEN *; …` (it keeps the prepared statements, so not DISCARD ALL), 0.09 ms of the server's time on every
    /// request that uses the database. In alternating runs of the ballots bench, 8 casts at once went at 1,425–1,432/s
    /// with it and 1,600–1,745/s without (bench/RESULTS.md, the reading of 2026-12-03 04:02–04:06). The app leaves
    /// nothing in a session to reset: no SET, no LISTEN, no temporary table, no session advisory lock (AuditWriter's is
    /// held by its transaction), and Npgsql still rolls back a transaction left open when its connection is closed.
    /// Code that sets session state must reset it itself.
    /// </summary>
    private static string WithoutReset(string configured) =>
        new Npgsql.NpgsqlConnectionStringBuilder(configured) { NoResetOnClose = true }.ConnectionString;

    private Settings Resolve(string? provider, string? configured)
    {
        var name = provider ?? "Sqlite";
        if (name.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(configured)) throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Shuzhi is empty.");
            return new Settings(provider, configured, true, WithoutReset(configured));
        }
        if (!name.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Unknown Database:Provider '{name}' (use Sqlite or Postgres).");
        var cs = string.IsNullOrWhiteSpace(configured)
            ? $"Data Source={Path.Combine(DatabaseSetup.DataDirectory(config, services.GetRequiredService<IWebHostEnvironment>()), "shuzhi.db")}"
            : configured;
        var dir = Path.GetDirectoryName(Path.GetFullPath(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(cs).DataSource));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        return new Settings(provider, configured, false, cs);
    }
}
