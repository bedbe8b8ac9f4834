using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shuzhi.Web.Infrastructure;

namespace Shuzhi.Web.Tests.Infrastructure;

/// <summary>
/// The app's connections as DatabaseTarget makes them: on PostgreSQL a connection going back to the pool is not reset
/// (No Reset On Close), the rest of the configured string kept; what a request leaves open in a transaction is still
/// rolled back when its connection is closed, on both databases.
/// </summary>
public abstract class DatabaseTargetTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private DatabaseTarget Target => f.Services.GetRequiredService<DatabaseTarget>();

    [Fact]
    public void PostgreSQL_connections_are_not_reset_on_their_return_to_the_pool_and_keep_the_configured_settings()
    {
        var configured = f.Services.GetRequiredService<IConfiguration>().GetConnectionString("Shuzhi")!;
        var used = Target.Current.ConnectionString;
        if (!f.IsPostgres)
        {
            Assert.Equal(configured, used);
            return;
        }
        var before = new Npgsql.NpgsqlConnectionStringBuilder(configured);
        var after = new Npgsql.NpgsqlConnectionStringBuilder(used);
        Assert.False(before.NoResetOnClose);
        Assert.True(after.NoResetOnClose);
        after.Remove("No Reset On Close");
        Assert.True(before.EquivalentTo(after));
    }

    [Fact]
    public async Task A_transaction_left_open_is_rolled_back_when_its_connection_is_closed()
    {
        await using (var connection = Target.Current.Connect())
        {
            await connection.OpenAsync();
            var transaction = await connection.BeginTransactionAsync();
            await using var create = connection.CreateCommand();
            create.Transaction = transaction;
            create.CommandText = "CREATE TABLE \"LeftOpen\" (\"Id\" integer)";
            await create.ExecuteNonQueryAsync();
            // Neither committed nor disposed: the connection goes back to the pool with the transaction open.
        }
        await using var again = Target.Current.Connect();
        await again.OpenAsync();
        await using var exists = again.CreateCommand();
        exists.CommandText = f.IsPostgres
            ? "SELECT to_regclass('\"LeftOpen\"') IS NOT NULL"
            : "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'LeftOpen')";
        Assert.False(Convert.ToBoolean(await exists.ExecuteScalarAsync()));
    }
}

public sealed class DatabaseTargetTests_Sqlite(SqliteFactory f) : DatabaseTargetTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class DatabaseTargetTests_Postgres(PostgresFactory f) : DatabaseTargetTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
