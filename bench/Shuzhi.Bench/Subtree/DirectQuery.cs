namespace Shuzhi.Bench.Subtree;

/// <summary>
/// What the subtree endpoint asks of the database, in plain ADO.NET: count the range, read the
/// first page in path order. A connection is taken from the pool per run, as a request would.
/// </summary>
public sealed class DirectQuery(Provider provider, string connection)
{
    public const int PageSize = 500;
    private const string Range = "\"Path\" >= @p AND \"Path\" < @u";
    public static readonly string ByIdSql = $"SELECT {OrgRow.Columns} FROM \"Organizations\" WHERE \"Id\" = @id";
    public const string CountSql = $"SELECT count(*) FROM \"Organizations\" WHERE {Range}";
    public static readonly string PageSql = $"SELECT {OrgRow.Columns} FROM \"Organizations\" WHERE {Range} ORDER BY \"Path\" LIMIT {PageSize}";

    public async Task<(int Total, List<OrgRow> Page)> RunAsync(string path)
    {
        await using var conn = Database.Connect(provider, connection);
        await conn.OpenAsync();
        await using var count = conn.Command(CountSql, Bounds(path));
        var total = Convert.ToInt32(await count.ExecuteScalarAsync());
        await using var page = conn.Command(PageSql, Bounds(path));
        await using var reader = await page.ExecuteReaderAsync();
        var rows = new List<OrgRow>(PageSize);
        while (await reader.ReadAsync()) rows.Add(OrgRow.Read(reader));
        return (total, rows);
    }

    public async Task<OrgRow?> ByIdAsync(int id)
    {
        await using var conn = Database.Connect(provider, connection);
        await conn.OpenAsync();
        await using var cmd = conn.Command(ByIdSql, ("@id", id));
        await using var reader = await cmd.ExecuteReaderAsync();
        return await reader.ReadAsync() ? OrgRow.Read(reader) : null;
    }

    /// <summary>SQLite: EXPLAIN QUERY PLAN; PostgreSQL: EXPLAIN (ANALYZE, BUFFERS), which runs the query.</summary>
    public async Task<IReadOnlyList<string>> PlanAsync(string sql, string path)
    {
        await using var conn = Database.Connect(provider, connection);
        await conn.OpenAsync();
        var explain = provider == Provider.Sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN (ANALYZE, BUFFERS) ";
        await using var cmd = conn.Command(explain + sql, Bounds(path));
        await using var reader = await cmd.ExecuteReaderAsync();
        var lines = new List<string>();
        // SQLite's plan rows are (id, parent, notused, detail).
        while (await reader.ReadAsync()) lines.Add(provider == Provider.Sqlite ? reader.GetString(3) : reader.GetString(0));
        return lines;
    }

    private static (string, object)[] Bounds(string path) => [("@p", path), ("@u", Shuzhi.Domain.Organizations.OrgPath.UpperBound(path))];
}
