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
    /// its own context subclass and migration set (docs/decisions/0002). Read when first resolved,
    /// so the final configuration (tests, command line) decides.
    /// </summary>
    public static IServiceCollection AddShuzhiDatabase(this IServiceCollection services)
    {
        services.AddDbContext<SqliteAppDbContext>((sp, o) => o.UseSqlite(SqliteConnectionString(sp)));
        services.AddDbContext<PostgresAppDbContext>((sp, o) =>
        {
            var cs = sp.GetRequiredService<IConfiguration>().GetConnectionString("Shuzhi");
            if (string.IsNullOrWhiteSpace(cs)) throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Shuzhi is empty.");
            o.UseNpgsql(cs);
        });
        services.AddScoped<AppDbContext>(sp => IsPostgres(sp.GetRequiredService<IConfiguration>())
            ? sp.GetRequiredService<PostgresAppDbContext>()
            : sp.GetRequiredService<SqliteAppDbContext>());
        services.AddOptions<KeyManagementOptions>().Configure<IConfiguration, IWebHostEnvironment, ILoggerFactory>((o, config, env, logs) =>
            o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(DataDirectory(config, env), "keys")), logs));
        return services;
    }

    private static bool IsPostgres(IConfiguration config)
    {
        var provider = config["Database:Provider"] ?? "Sqlite";
        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase)) return true;
        if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase)) return false;
        throw new InvalidOperationException($"Unknown Database:Provider '{provider}' (use Sqlite or Postgres).");
    }

    private static string SqliteConnectionString(IServiceProvider sp)
    {
        var config = sp.GetRequiredService<IConfiguration>();
        var cs = config.GetConnectionString("Shuzhi");
        if (string.IsNullOrWhiteSpace(cs))
            cs = $"Data Source={Path.Combine(DataDirectory(config, sp.GetRequiredService<IWebHostEnvironment>()), "shuzhi.db")}";
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(cs).DataSource;
        var dir = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        return cs;
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
