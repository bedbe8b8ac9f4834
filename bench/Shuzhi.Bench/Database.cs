using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Shuzhi.Bench;

public enum Provider { Sqlite, Postgres }

public static class Database
{
    /// <summary>The app's own configuration keys (Infrastructure/DatabaseSetup), so the bench opens the database the app opens.</summary>
    public static Dictionary<string, string?> AppSettings(Provider provider, string connection) => new()
    {
        ["Database:Provider"] = provider == Provider.Sqlite ? "Sqlite" : "Postgres",
        ["ConnectionStrings:Shuzhi"] = connection,
    };

    public static DbConnection Connect(Provider provider, string connection) =>
        provider == Provider.Sqlite ? new SqliteConnection(connection) : new NpgsqlConnection(connection);

    public static DbCommand Command(this DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    /// <summary>SQLite: sets journal_mode=WAL on the file (it is kept there, so the app's connections use it too) and returns the mode.</summary>
    public static async Task<string> UseWalAsync(string connection)
    {
        await using var conn = Connect(Provider.Sqlite, connection);
        await conn.OpenAsync();
        await using var cmd = conn.Command("PRAGMA journal_mode=WAL");
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    public static async Task<string> ServerVersionAsync(Provider provider, string connection)
    {
        await using var conn = Connect(provider, connection);
        await conn.OpenAsync();
        await using var cmd = conn.Command(provider == Provider.Sqlite ? "SELECT 'SQLite ' || sqlite_version()" : "SELECT version()");
        return (string)(await cmd.ExecuteScalarAsync())!;
    }
}

/// <summary>One row of the Organizations table, column for column.</summary>
public sealed record OrgRow(int Id, string Code, string Name, int Kind, int UnitType, int? ParentId, string Path, int Depth, bool IsActive, int SortOrder)
{
    public const string Columns = "\"Id\", \"Code\", \"Name\", \"Kind\", \"UnitType\", \"ParentId\", \"Path\", \"Depth\", \"IsActive\", \"SortOrder\"";

    public static OrgRow Read(DbDataReader r) => new(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetInt32(4),
        r.IsDBNull(5) ? null : r.GetInt32(5), r.GetString(6), r.GetInt32(7), r.GetBoolean(8), r.GetInt32(9));
}
