using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.Extensions;

namespace Shuzhi.Web.Infrastructure;

/// <summary>Paging, sorting and search of a list page, bound from the query string (?q=&amp;sort=&amp;desc=&amp;page=&amp;size=).</summary>
public sealed class ListQuery
{
    public string? Q { get; set; }
    public string? Sort { get; set; }
    public bool Desc { get; set; }
    /// <summary>From the query string only: Razor Pages' own route value "page" (the page's path) would win otherwise.</summary>
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")]
    public int Page { get; set; } = 1;
    public int Size { get; set; } = 50;

    public int SafePage => Math.Max(1, Page);
    public int SafeSize => Math.Clamp(Size, 10, 200);

    /// <summary>Orders by a whitelisted column; unknown names fall back to the first entry.</summary>
    public IQueryable<T> Apply<T>(IQueryable<T> query, IReadOnlyDictionary<string, Expression<Func<T, object>>> columns)
    {
        var key = Sort is not null && columns.ContainsKey(Sort) ? Sort : columns.Keys.First();
        var ordered = Desc ? query.OrderByDescending(columns[key]) : query.OrderBy(columns[key]);
        return ordered;
    }

    public async Task<PageResult<T>> PageAsync<T>(IQueryable<T> ordered, CancellationToken ct)
    {
        var total = await ordered.CountAsync(ct);
        var items = await ordered.Skip((SafePage - 1) * SafeSize).Take(SafeSize).ToListAsync(ct);
        return new PageResult<T>(items, SafePage, SafeSize, total);
    }

    /// <summary>The current URL with some query values replaced, for pager and sort links.</summary>
    public static string Link(HttpRequest request, params (string Key, string? Value)[] changes)
    {
        var values = request.Query.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in changes)
            if (v is null) values.Remove(k); else values[k] = v;
        var qb = new QueryBuilder(values.Where(kv => kv.Value.Length > 0));
        return request.Path + qb.ToQueryString().ToString();
    }
}

public sealed record PageResult<T>(IReadOnlyList<T> Items, int Page, int Size, int Total)
{
    public int Pages => Math.Max(1, (Total + Size - 1) / Size);
}
