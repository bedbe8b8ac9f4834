using Microsoft.EntityFrameworkCore;
using Shuzhi.Web.Data;

namespace Shuzhi.Web.Infrastructure;

public static class DatabaseSetup
{
    public const string DefaultSqlite = "Data Source=data/shuzhi.db";

    /// <summary>
    /// Database:Provider = Sqlite (default) or Postgres; ConnectionStrings:Shuzhi. Each provider
    /// has its own context subclass and migration set (docs/decisions/0002).
    /// </summary>
    public static IServiceCollection AddShuzhiDatabase(this IServiceCollection services, IConfiguration config)
    {
        var provider = config["Database:Provider"] ?? "Sqlite";
        var cs = config.GetConnectionString("Shuzhi");
        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(cs)) throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Shuzhi is empty.");
            services.AddDbContext<PostgresAppDbContext>(o => o.UseNpgsql(cs, n => n.MigrationsHistoryTable("__EFMigrationsHistory")));
            services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<PostgresAppDbContext>());
        }
        else if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            cs = string.IsNullOrWhiteSpace(cs) ? DefaultSqlite : cs;
            EnsureDirectory(cs);
            services.AddDbContext<SqliteAppDbContext>(o => o.UseSqlite(cs));
            services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<SqliteAppDbContext>());
        }
        else throw new InvalidOperationException($"Unknown Database:Provider '{provider}' (use Sqlite or Postgres).");
        return services;
    }

    private static void EnsureDirectory(string cs)
    {
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(cs).DataSource;
        var dir = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
    }

    /// <summary>Applies the committed migrations; SQLite runs in WAL mode with full sync for durability.</summary>
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
