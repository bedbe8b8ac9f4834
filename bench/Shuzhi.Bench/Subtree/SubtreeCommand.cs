using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Shuzhi.Bench.Subtree;

/// <summary>
/// GET /api/v1/organizations/{id}/subtree (first page of 500) through the running app, against
/// the same two queries run directly, for subtrees of a township, a county, a city and the province.
/// </summary>
public static class SubtreeCommand
{
    public static readonly string[] OptionNames = ["provider", "connection", "iterations"];

    /// <summary>Used only if the database has no administrator yet; a fixed value so a database can be benchmarked again.</summary>
    private const string DefaultAdminPassword = "shuzhi-bench-admin";

    private sealed record Root(int Id, string Path, string Name, int Depth, int Size);

    private sealed record Result(string Request, int SubtreeSize, Stats Api, Stats Direct);

    public static async Task<int> RunAsync(Options options)
    {
        var provider = options.Provider();
        var connection = options.Required("connection");
        var iterations = options.Int("iterations", 200, 1);
        var warmup = Math.Max(10, iterations / 10);
        var direct = new DirectQuery(provider, connection);

        var roots = await RootsAsync(provider, connection, direct);
        if (roots.Count == 0)
        {
            Console.Error.WriteLine("No organizations: run generate first.");
            return 1;
        }

        var dataDirectory = Directory.CreateTempSubdirectory("shuzhi-bench-");
        try
        {
            var settings = Database.AppSettings(provider, connection);
            settings["Security:SecureCookies"] = "false";
            settings["DataDirectory"] = dataDirectory.FullName;
            // The app ships no appsettings.json, so it would log every request and SQL command to the console; that is not what is measured here.
            settings["Logging:LogLevel:Default"] = "Warning";
            var password = Environment.GetEnvironmentVariable("SHUZHI_ADMIN_PASSWORD") is { Length: > 0 } p ? p : DefaultAdminPassword;
            Environment.SetEnvironmentVariable("SHUZHI_ADMIN_PASSWORD", password);

            await using var app = new InProcessApp(settings);
            app.StartServer();
            using var http = new HttpClient { BaseAddress = app.ClientOptions.BaseAddress };
            var environment = app.Services.GetRequiredService<IWebHostEnvironment>();

            Console.WriteLine($"database:   {await Database.ServerVersionAsync(provider, connection)}");
            Console.WriteLine($"app:        {http.BaseAddress} ({environment.EnvironmentName}, .NET {Environment.Version}, " +
                              $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, {Environment.ProcessorCount} cores)");
            Console.WriteLine($"iterations: {iterations} per request after {warmup} warm-up runs; API and direct runs alternate");
            Console.WriteLine();

            var token = await TokenAsync(http, password);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            // The floor: one organization by id costs the same per-request work (HTTP, token, scope lookup) with almost no rows.
            var province = roots[^1];
            var results = new List<Result>
            {
                await MeasureAsync("one organization by id", 1, warmup, iterations,
                    () => GetAsync(http, $"/api/v1/organizations/{province.Id}"), () => direct.ByIdAsync(province.Id)),
            };
            foreach (var root in roots)
            {
                var url = $"/api/v1/organizations/{root.Id}/subtree?page=1&pageSize={DirectQuery.PageSize}";
                await VerifyAsync(http, url, direct, root);
                if (results.Count == 1)
                {
                    var sql = await app.Sql.RecordAsync(() => GetAsync(http, url));
                    Console.WriteLine($"SQL the API runs for one subtree request ({sql.Count} commands):");
                    foreach (var command in sql) Console.WriteLine(Indent(command));
                    Console.WriteLine();
                }
                results.Add(await MeasureAsync($"subtree of {root.Name} (depth {root.Depth})", root.Size, warmup, iterations,
                    () => GetAsync(http, url), () => direct.RunAsync(root.Path)));
            }

            Console.WriteLine($"{Pad("request", 44)}  {"subtree",7}  API median  API p95  direct median  direct p95  API/direct");
            foreach (var (request, size, api, db) in results)
                Console.WriteLine($"{Pad(request, 44)}  {size,7}  {api.Median,7:F2} ms  {api.P95,7:F2}  " +
                                  $"{db.Median,10:F2} ms  {db.P95,10:F2}  {api.Median / db.Median,10:F1}");

            foreach (var root in roots)
            {
                Console.WriteLine();
                Console.WriteLine($"plan, {root.Name} ({root.Path}):");
                Console.WriteLine(Indent(DirectQuery.CountSql));
                foreach (var line in await direct.PlanAsync(DirectQuery.CountSql, root.Path)) Console.WriteLine(Indent(line, 4));
                Console.WriteLine(Indent(DirectQuery.PageSql));
                foreach (var line in await direct.PlanAsync(DirectQuery.PageSql, root.Path)) Console.WriteLine(Indent(line, 4));
            }
            return 0;
        }
        finally
        {
            dataDirectory.Delete(recursive: true);
        }
    }

    /// <summary>The first organization in path order at each depth, smallest subtree first: a township, a county, a city, the province.</summary>
    private static async Task<List<Root>> RootsAsync(Provider provider, string connection, DirectQuery direct)
    {
        var roots = new List<Root>();
        await using var conn = Database.Connect(provider, connection);
        await conn.OpenAsync();
        foreach (var depth in new[] { 4, 3, 2, 1 })
        {
            await using var cmd = conn.Command(
                "SELECT \"Id\", \"Path\", \"Name\" FROM \"Organizations\" WHERE \"Depth\" = @d ORDER BY \"Path\" LIMIT 1", ("@d", depth));
            await using var reader = await cmd.ExecuteReaderAsync();
            if (!await reader.ReadAsync()) continue;
            var (id, path, name) = (reader.GetInt32(0), reader.GetString(1), reader.GetString(2));
            roots.Add(new(id, path, name, depth, (await direct.RunAsync(path)).Total));
        }
        return roots;
    }

    private static async Task<string> TokenAsync(HttpClient http, string password)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = "admin", password });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"login as admin failed ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync()}. " +
                                                "SHUZHI_ADMIN_PASSWORD must be the password the database's admin was created with.");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>The API and the direct query must agree on the total and on the page, or the comparison means nothing.</summary>
    private static async Task VerifyAsync(HttpClient http, string url, DirectQuery direct, Root root)
    {
        using var response = await http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        var apiTotal = body.RootElement.GetProperty("total").GetInt32();
        var apiIds = body.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToList();
        var (total, page) = await direct.RunAsync(root.Path);
        if (apiTotal != total || !apiIds.SequenceEqual(page.Select(r => r.Id)))
            throw new InvalidOperationException($"{root.Name}: the API returned {apiTotal} / {apiIds.Count} rows, the direct query {total} / {page.Count}.");
    }

    private static async Task GetAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Alternates the API call and its direct counterpart so drift (GC, caches, other load) hits both alike.</summary>
    private static async Task<Result> MeasureAsync(string request, int subtreeSize, int warmup, int iterations, Func<Task> api, Func<Task> direct)
    {
        var apiMs = new List<double>(iterations);
        var directMs = new List<double>(iterations);
        for (var i = 0; i < warmup + iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await api();
            var a = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            start = Stopwatch.GetTimestamp();
            await direct();
            var d = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (i < warmup) continue;
            apiMs.Add(a);
            directMs.Add(d);
        }
        return new(request, subtreeSize, Stats.Of(apiMs), Stats.Of(directMs));
    }

    private static string Indent(string text, int spaces = 2) =>
        string.Join('\n', text.Split('\n').Select(l => new string(' ', spaces) + l.TrimEnd('\r')));

    /// <summary>Pads to a display width, counting a Chinese character as two columns.</summary>
    private static string Pad(string text, int width) =>
        text + new string(' ', Math.Max(0, width - text.Sum(c => c > 0x2E80 ? 2 : 1)));
}
