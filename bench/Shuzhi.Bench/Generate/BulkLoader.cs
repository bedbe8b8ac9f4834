using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Shuzhi.Domain.Organizations;

namespace Shuzhi.Bench.Generate;

/// <summary>
/// Writes organization rows straight into the table, parents first, in transactions of
/// <see cref="RowsPerTransaction"/>. Bench data only: it bypasses the entity rules and the audit log.
/// </summary>
public static class BulkLoader
{
    private const int RowsPerTransaction = 50_000;
    private const string Table = "\"Organizations\"";

    public static Task LoadAsync(Provider provider, string connection, IReadOnlyList<OrgRow> rows) =>
        provider == Provider.Sqlite ? LoadSqliteAsync(connection, rows) : LoadPostgresAsync(connection, rows);

    /// <summary>Deletes every organization (and the people and posts bound to them), deepest first: the parent key is ON DELETE RESTRICT.</summary>
    public static async Task<int> DeleteAllAsync(Provider provider, string connection)
    {
        await using var conn = Database.Connect(provider, connection);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await Execute(conn, tx, "DELETE FROM \"Positions\"");
        await Execute(conn, tx, "DELETE FROM \"People\"");
        var deleted = 0;
        for (var depth = OrgPath.MaxDepth; depth >= 1; depth--)
            deleted += await Execute(conn, tx, $"DELETE FROM {Table} WHERE \"Depth\" = {depth}");
        await tx.CommitAsync();
        return deleted;
    }

    public static async Task<int> CountAsync(Provider provider, string connection)
    {
        await using var conn = Database.Connect(provider, connection);
        await conn.OpenAsync();
        await using var cmd = conn.Command($"SELECT count(*) FROM {Table}");
        return Convert.ToInt32(await cmd.ExecuteScalarAsync());
    }

    /// <summary>Fresh statistics (and, on PostgreSQL, the visibility map for index-only scans), as a database in use would have.</summary>
    public static async Task AnalyzeAsync(Provider provider, string connection)
    {
        await using var conn = Database.Connect(provider, connection);
        await conn.OpenAsync();
        await Execute(conn, null, provider == Provider.Sqlite ? "ANALYZE" : $"VACUUM ANALYZE {Table}");
    }

    private static async Task<int> Execute(DbConnection conn, DbTransaction? tx, string sql)
    {
        await using var cmd = conn.Command(sql);
        cmd.Transaction = tx;
        return await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// One prepared single-row INSERT, re-bound per row. Multi-row statements are slower with Microsoft.Data.Sqlite,
    /// which binds every parameter by name: 200,000 rows took 1.6 s one per statement, 2.0 s at 10, 4.1 s at 50, 22 s at 500.
    /// </summary>
    private static async Task LoadSqliteAsync(string connection, IReadOnlyList<OrgRow> rows)
    {
        await using var conn = new SqliteConnection(connection);
        await conn.OpenAsync();
        await using var insert = conn.CreateCommand();
        insert.CommandText = $"INSERT INTO {Table} ({OrgRow.Columns}) VALUES ($id, $code, $name, $kind, $unit, $parent, $path, $depth, $active, $sort)";
        var p = insert.Parameters;
        foreach (var name in (string[])["$id", "$code", "$name", "$kind", "$unit", "$parent", "$path", "$depth", "$active", "$sort"])
            p.Add(new SqliteParameter(name, null));
        insert.Prepare();
        for (var start = 0; start < rows.Count; start += RowsPerTransaction)
        {
            var end = Math.Min(start + RowsPerTransaction, rows.Count);
            await using var tx = conn.BeginTransaction();
            insert.Transaction = tx;
            for (var i = start; i < end; i++)
            {
                var row = rows[i];
                p[0].Value = row.Id;
                p[1].Value = row.Code;
                p[2].Value = row.Name;
                p[3].Value = row.Kind;
                p[4].Value = row.UnitType;
                p[5].Value = row.ParentId is { } parent ? parent : DBNull.Value;
                p[6].Value = row.Path;
                p[7].Value = row.Depth;
                p[8].Value = row.IsActive;
                p[9].Value = row.SortOrder;
                await insert.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
        }
    }

    /// <summary>Binary COPY; the ids are given, so the identity sequence is moved past them for rows the app adds later.</summary>
    private static async Task LoadPostgresAsync(string connection, IReadOnlyList<OrgRow> rows)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        for (var start = 0; start < rows.Count; start += RowsPerTransaction)
        {
            var end = Math.Min(start + RowsPerTransaction, rows.Count);
            await using var tx = await conn.BeginTransactionAsync();
            await using (var copy = await conn.BeginBinaryImportAsync($"COPY {Table} ({OrgRow.Columns}) FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = start; i < end; i++)
                {
                    var row = rows[i];
                    await copy.StartRowAsync();
                    await copy.WriteAsync(row.Id, NpgsqlDbType.Integer);
                    await copy.WriteAsync(row.Code, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(row.Name, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(row.Kind, NpgsqlDbType.Integer);
                    await copy.WriteAsync(row.UnitType, NpgsqlDbType.Integer);
                    if (row.ParentId is { } parent) await copy.WriteAsync(parent, NpgsqlDbType.Integer);
                    else await copy.WriteNullAsync();
                    await copy.WriteAsync(row.Path, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(row.Depth, NpgsqlDbType.Integer);
                    await copy.WriteAsync(row.IsActive, NpgsqlDbType.Boolean);
                    await copy.WriteAsync(row.SortOrder, NpgsqlDbType.Integer);
                }
                await copy.CompleteAsync();
            }
            await tx.CommitAsync();
        }
        await Execute(conn, null,
            $"SELECT setval(pg_get_serial_sequence('{Table}', 'Id'), (SELECT max(\"Id\") FROM {Table}))");
    }
}
