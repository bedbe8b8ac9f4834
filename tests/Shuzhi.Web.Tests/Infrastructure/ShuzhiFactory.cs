using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;
using Shuzhi.Web.Data;
using Shuzhi.Web.Infrastructure;

namespace Shuzhi.Web.Tests.Infrastructure;

/// <summary>
/// The whole application over a real database: a fresh SQLite file or a fresh PostgreSQL
/// database per test class, migrated by the application itself at start-up, seeded with
/// <see cref="TestData"/>. The client talks https so the Secure cookies travel as in production.
/// </summary>
public abstract class ShuzhiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminPassword = "Admin-Test-Pass-1";
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("shuzhi-test-").FullName;
    public FakeClock Clock { get; } = new(new DateTimeOffset(2024, 1, 15, 2, 0, 0, TimeSpan.Zero));
    public LogCapture Logs { get; } = new();
    public TestData Data { get; private set; } = null!;

    protected abstract string Provider { get; }
    protected abstract string ConnectionString { get; }
    public bool IsPostgres => Provider == "Postgres";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("ConnectionStrings:Shuzhi", ConnectionString);
        builder.UseSetting("DataDirectory", DataDirectory);
        builder.UseSetting("SHUZHI_ADMIN_PASSWORD", AdminPassword);
        // Every test logs in from the same (test-server) address, many times a minute; RateLimitTests set real limits.
        builder.UseSetting("Security:LoginRequestsPerMinute", "100000");
        builder.UseSetting("Security:TokenRequestsPerMinute", "100000");
        builder.UseSetting("Jobs:Overdue", "false"); // tests run the scan themselves, on the fake clock
        builder.UseSetting("Jobs:Figures", "false"); // the dashboard computes marked campaigns itself; tests store figures when they mean to
        // The capture sees Information from every category, EF commands and ASP.NET hosting included, whatever
        // appsettings sets for the other providers: tests check that no secret reaches a log line.
        builder.ConfigureLogging(l => l.AddProvider(Logs).AddFilter<LogCapture>(null, LogLevel.Information));
        builder.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    public virtual async Task InitializeAsync()
    {
        ClientOptions.BaseAddress = new Uri("https://localhost");
        _ = Server; // starts the host: migrations and the administrator
        Data = await TestData.SeedAsync(this);
    }

    public new virtual async Task DisposeAsync()
    {
        await base.DisposeAsync();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }

    /// <summary>Runs <paramref name="work"/> with an unrestricted database context, as start-up jobs do.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().UseUnrestricted();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider);
    }

    public Task WithDbAsync(Func<AppDbContext, Task> work) => WithDbAsync(async (db, _) => { await work(db); return 0; });

    /// <summary>
    /// Runs <paramref name="work"/> while the running application's connection string is <paramref name="change"/>d
    /// (the application reads it for every request, DatabaseTarget), then sets it back.
    /// </summary>
    public async Task<T> WithConnectionStringAsync<T>(Func<string, string> change, Func<Task<T>> work)
    {
        var config = Services.GetRequiredService<IConfiguration>();
        var live = config["ConnectionStrings:Shuzhi"]!;
        config["ConnectionStrings:Shuzhi"] = change(live);
        try { return await work(); }
        finally { config["ConnectionStrings:Shuzhi"] = live; }
    }

    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
}

public sealed class SqliteFactory : ShuzhiFactory
{
    protected override string Provider => "Sqlite";
    protected override string ConnectionString => $"Data Source={Path.Combine(DataDirectory, "test.db")}";
}

/// <summary>
/// PostgreSQL from SHUZHI_TEST_POSTGRES (a role that may create databases). Missing, the tests
/// fail: CI must never pass by silently leaving PostgreSQL out.
/// </summary>
public sealed class PostgresFactory : ShuzhiFactory
{
    private readonly string _database = "shuzhi_t_" + Guid.NewGuid().ToString("N")[..12];
    private static string Admin => Environment.GetEnvironmentVariable("SHUZHI_TEST_POSTGRES") is { Length: > 0 } cs ? cs
        : throw new InvalidOperationException("SHUZHI_TEST_POSTGRES is not set: the PostgreSQL integration tests need a server (run ./test.sh, which starts one).");

    protected override string Provider => "Postgres";
    protected override string ConnectionString => new NpgsqlConnectionStringBuilder(Admin) { Database = _database }.ConnectionString;

    public override async Task InitializeAsync()
    {
        await using (var c = new NpgsqlConnection(Admin))
        {
            await c.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", c).ExecuteNonQueryAsync();
        }
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var c = new NpgsqlConnection(Admin);
        await c.OpenAsync();
        // FORCE cannot end a backend of another role (seen once: a server process on the fresh database);
        // such a process is gone within moments, so the drop is retried before it counts as a failure.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", c).ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 20)
            {
                await Task.Delay(500);
            }
        }
    }
}

public sealed class FakeClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>Every log line the application writes, to check that no secret reaches the logs.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();
    public IEnumerable<string> Lines => _lines;
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
    public void Dispose() { }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
    }
}
