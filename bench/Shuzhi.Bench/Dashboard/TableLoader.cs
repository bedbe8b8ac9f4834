using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Shuzhi.Bench.Dashboard;

/// <summary>
/// Writes rows straight into one table, column for column, bypassing the entity rules and the audit log (bench data only):
/// SQLite one prepared INSERT re-bound per row in transactions of 50,000; PostgreSQL text COPY, then the identity moved past
/// the given ids. Values: int, long, string, bool, DateOnly, DateTimeOffset, Guid or null, written as the app's providers store them.
/// </summary>
public sealed class TableLoader(Provider provider, string connection)
{
    private const int RowsPerTransaction = 50_000;

    public async Task<int> MaxIdAsync(string table)
    {
        await using var conn = Database.Connect(provider, connection);
        await conn.OpenAsync();
        await using var cmd = conn.Command($"SELECT COALESCE(max(\"Id\"), 0) FROM \"{table}\"");
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public Task LoadAsync(string table, string[] columns, IReadOnlyList<object?[]> rows, bool identity = true) =>
        provider == Provider.Sqlite ? SqliteAsync(table, columns, rows) : PostgresAsync(table, columns, rows, identity);

    private static string Cols(string[] columns) => string.Join(", ", columns.Select(c => $"\"{c}\""));

    private async Task SqliteAsync(string table, string[] columns, IReadOnlyList<object?[]> rows)
    {
        await using var conn = new SqliteConnection(connection);
        await conn.OpenAsync();
        await using var insert = conn.CreateCommand();
        insert.CommandText = $"INSERT INTO \"{table}\" ({Cols(columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        for (var i = 0; i < columns.Length; i++) insert.Parameters.Add(new SqliteParameter("$p" + i, null));
        insert.Prepare();
        for (var start = 0; start < rows.Count; start += RowsPerTransaction)
        {
            await using var tx = conn.BeginTransaction();
            insert.Transaction = tx;
            for (var r = start; r < Math.Min(rows.Count, start + RowsPerTransaction); r++)
            {
                var row = rows[r];
                for (var i = 0; i < columns.Length; i++) insert.Parameters[i].Value = SqliteValue(row[i]);
                await insert.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
        }
    }

    private static object SqliteValue(object? v) => v switch
    {
        null => DBNull.Value,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("yyyy-MM-dd HH:mm:sszzz", CultureInfo.InvariantCulture),
        Guid g => g.ToString().ToUpperInvariant(),
        bool b => b ? 1 : 0,
        _ => v,
    };

    private async Task PostgresAsync(string table, string[] columns, IReadOnlyList<object?[]> rows, bool identity)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        for (var start = 0; start < rows.Count; start += RowsPerTransaction)
        {
            await using var tx = await conn.BeginTransactionAsync();
            await using (var writer = await conn.BeginTextImportAsync($"COPY \"{table}\" ({Cols(columns)}) FROM STDIN"))
            {
                var line = new StringBuilder();
                for (var r = start; r < Math.Min(rows.Count, start + RowsPerTransaction); r++)
                {
                    line.Clear();
                    var row = rows[r];
                    for (var i = 0; i < columns.Length; i++)
                    {
                        if (i > 0) line.Append('\t');
                        line.Append(CopyText(row[i]));
                    }
                    line.Append('\n');
                    await writer.WriteAsync(line.ToString());
                }
            }
            await tx.CommitAsync();
        }
        if (identity && rows.Count > 0)
        {
            await using var cmd = conn.Command($"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), (SELECT max(\"Id\") FROM \"{table}\"))");
            await cmd.ExecuteNonQueryAsync();
        }
    }

    private static string CopyText(object? v) => v switch
    {
        null => "\\N",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "+00",
        bool b => b ? "t" : "f",
        string s => s.Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\n", "\\n").Replace("\r", "\\r"),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString()!,
    };
}
