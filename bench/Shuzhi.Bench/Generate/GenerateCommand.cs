using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shuzhi.Web.Data;
using Shuzhi.Web.Infrastructure;

namespace Shuzhi.Bench.Generate;

/// <summary>Migrates the database with the app's own migrations, then bulk-loads a province-wide organization tree.</summary>
public static class GenerateCommand
{
    public static readonly string[] OptionNames = ["provider", "connection", "orgs", "depth", "replace"];

    public static async Task<int> RunAsync(Options options)
    {
        var provider = options.Provider();
        var connection = options.Required("connection");
        var orgs = options.Int("orgs", 200_000, 2);
        var depth = options.Int("depth", NationalTree.MaxDepth, 2);
        var total = Stopwatch.StartNew();

        // Built first: a size that does not fit fails before the database is touched.
        var step = Stopwatch.StartNew();
        var rows = NationalTree.Generate(orgs, depth);
        Console.WriteLine($"built {rows.Count} organizations in memory in {step.ElapsedMilliseconds} ms");

        step.Restart();
        await MigrateAsync(provider, connection);
        Console.WriteLine($"migrated ({await Database.ServerVersionAsync(provider, connection)}) in {step.ElapsedMilliseconds} ms");

        var existing = await BulkLoader.CountAsync(provider, connection);
        if (existing > 0)
        {
            if (!options.Flag("replace"))
            {
                Console.Error.WriteLine($"The database already holds {existing} organizations; pass --replace to delete them first.");
                return 1;
            }
            step.Restart();
            var deleted = await BulkLoader.DeleteAllAsync(provider, connection);
            Console.WriteLine($"deleted {deleted} organizations in {step.ElapsedMilliseconds} ms");
        }

        step.Restart();
        await BulkLoader.LoadAsync(provider, connection, rows);
        var insertMs = step.ElapsedMilliseconds;
        Console.WriteLine($"inserted {rows.Count} organizations in {insertMs} ms ({rows.Count * 1000L / Math.Max(1, insertMs)} rows/s)");

        step.Restart();
        await BulkLoader.AnalyzeAsync(provider, connection);
        Console.WriteLine($"analyzed in {step.ElapsedMilliseconds} ms");

        Console.WriteLine();
        Console.WriteLine("depth  organizations  first (code, name)");
        foreach (var level in rows.GroupBy(r => r.Depth))
        {
            var first = level.First();
            Console.WriteLine($"{level.Key,5}  {level.Count(),13}  {first.Code}  {first.Name}");
        }
        Console.WriteLine($"total {await BulkLoader.CountAsync(provider, connection)} organizations in the database; generate took {total.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    /// <summary>The app's own registration (AddShuzhiDatabase) and migration step, as StartupTasks runs them.</summary>
    internal static async Task MigrateAsync(Provider provider, string connection)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(Database.AppSettings(provider, connection)).Build();
        await using var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddScoped<CurrentScope>()
            .AddScoped<CurrentActor>()
            .AddSingleton<IConfiguration>(config)
            .AddShuzhiDatabase()
            .BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().UseUnrestricted();
        await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
