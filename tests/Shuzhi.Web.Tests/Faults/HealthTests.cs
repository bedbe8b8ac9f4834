using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Faults;

/// <summary>The probes: anonymous, no data; /healthz/db reaches the database.</summary>
public abstract class HealthTests<TFactory>(TFactory factory) where TFactory : ShuzhiFactory
{
    protected TFactory F { get; } = factory;

    [Fact]
    public async Task The_probes_answer_anonymously_without_data()
    {
        var client = F.NewClient();
        var live = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("ok", await live.Content.ReadAsStringAsync());
        var db = await client.GetAsync("/healthz/db");
        Assert.Equal(HttpStatusCode.OK, db.StatusCode);
        Assert.Equal("ok", await db.Content.ReadAsStringAsync());
    }
}

public sealed class HealthTests_Sqlite(SqliteFactory f) : HealthTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;

public sealed class HealthTests_Postgres(PostgresFactory f) : HealthTests<PostgresFactory>(f), IClassFixture<PostgresFactory>
{
    /// <summary>
    /// The database goes away under the running app (its connections ended, new ones refused: the shared cluster itself
    /// keeps running for the other tests) and comes back: the probe says 503 meanwhile and recovers by itself.
    /// </summary>
    [Fact]
    public async Task The_database_probe_says_503_while_the_database_is_away_and_recovers_by_itself()
    {
        var client = F.NewClient();
        var cs = await F.WithDbAsync((db, _) => Task.FromResult(db.Database.GetConnectionString()!));
        var database = new NpgsqlConnectionStringBuilder(cs).Database!;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/db")).StatusCode);

        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs) { Database = "postgres", Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await new NpgsqlCommand($"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS false", admin).ExecuteNonQueryAsync();
        try
        {
            await new NpgsqlCommand($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'", admin).ExecuteNonQueryAsync();
            var away = await client.GetAsync("/healthz/db");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, away.StatusCode);
            Assert.Equal("ok", await (await client.GetAsync("/healthz")).Content.ReadAsStringAsync()); // the process still serves
        }
        finally
        {
            await new NpgsqlCommand($"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS true", admin).ExecuteNonQueryAsync();
        }

        // Back without a restart: the pool drops the broken connections and opens new ones.
        var status = HttpStatusCode.ServiceUnavailable;
        for (var i = 0; i < 20 && status != HttpStatusCode.OK; i++)
        {
            status = (await client.GetAsync("/healthz/db")).StatusCode;
            if (status != HttpStatusCode.OK) await Task.Delay(250);
        }
        Assert.Equal(HttpStatusCode.OK, status);
    }
}
