using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shuzhi.Bench.Ballots;
using Shuzhi.Bench.Generate;

namespace Shuzhi.Bench.Subtree;

/// <summary>
/// What the middleware stack costs (issue #9): GET /healthz of the whole app (security headers, status pages, static
/// files, routing, rate limiter, authentication, scope, access audit, authorization, antiforgery; the endpoint itself
/// returns "ok" without touching the database) against a bare Kestrel hello-world answering "ok" in the same process,
/// with the same load driver, in alternating rounds.
/// </summary>
public static class MiddlewareCommand
{
    public static readonly string[] OptionNames = ["provider", "connection", "requests", "concurrency", "rounds"];

    public static async Task<int> RunAsync(Options options)
    {
        var provider = options.Provider();
        var connection = options.Required("connection");
        var requests = options.Int("requests", 20_000, 100);
        var concurrency = options.Int("concurrency", 16, 1);
        var rounds = options.Int("rounds", 3, 1);

        await GenerateCommand.MigrateAsync(provider, connection);
        var dataDirectory = Directory.CreateTempSubdirectory("shuzhi-middleware-");
        try
        {
            await using var app = MeetingSetup.Start(provider, connection, dataDirectory);
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            await using var bare = builder.Build();
            bare.MapGet("/healthz", () => Results.Text("ok"));
            await bare.StartAsync();
            var bareAddress = bare.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            Console.WriteLine($"bare:       Kestrel hello-world (WebApplication.CreateSlimBuilder, one MapGet) on {bareAddress}");
            Console.WriteLine($"load:       {requests} GET /healthz per round and side, {concurrency} at once, {rounds} rounds alternating, after 1,000 warm-up each");

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 });
            var appUrl = new Uri(app.ClientOptions.BaseAddress, "/healthz");
            var bareUrl = new Uri(new Uri(bareAddress), "/healthz");
            await RoundAsync(http, appUrl, 1000, concurrency);
            await RoundAsync(http, bareUrl, 1000, concurrency);
            var appRounds = new List<(double PerSecond, Stats Latency)>();
            var bareRounds = new List<(double PerSecond, Stats Latency)>();
            for (var i = 0; i < rounds; i++)
            {
                appRounds.Add(await RoundAsync(http, appUrl, requests, concurrency));
                bareRounds.Add(await RoundAsync(http, bareUrl, requests, concurrency));
                Console.WriteLine($"round {i + 1}:    app {appRounds[^1].PerSecond,8:F0}/s p50 {appRounds[^1].Latency.Median,6:F2} ms p99 {appRounds[^1].Latency.P99,6:F2} ms | " +
                                  $"bare {bareRounds[^1].PerSecond,8:F0}/s p50 {bareRounds[^1].Latency.Median,6:F2} ms p99 {bareRounds[^1].Latency.P99,6:F2} ms");
            }
            var a = appRounds.OrderBy(r => r.PerSecond).ElementAt(rounds / 2);
            var b = bareRounds.OrderBy(r => r.PerSecond).ElementAt(rounds / 2);
            Console.WriteLine();
            Console.WriteLine($"median round: app {a.PerSecond:F0}/s, bare {b.PerSecond:F0}/s: throughput app/bare {a.PerSecond / b.PerSecond:F2}; " +
                              $"p50 {a.Latency.Median:F2} / {b.Latency.Median:F2} ms = {a.Latency.Median / b.Latency.Median:F2}×; p99 {a.Latency.P99:F2} / {b.Latency.P99:F2} ms = {a.Latency.P99 / b.Latency.P99:F2}×");
            await bare.StopAsync();
            return 0;
        }
        finally
        {
            dataDirectory.Delete(recursive: true);
        }
    }

    private static async Task<(double PerSecond, Stats Latency)> RoundAsync(HttpClient http, Uri url, int count, int concurrency)
    {
        var latencies = new double[count];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) is var i && i < count)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(url);
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}");
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        })));
        return (count / clock.Elapsed.TotalSeconds, Stats.Of(latencies));
    }
}
