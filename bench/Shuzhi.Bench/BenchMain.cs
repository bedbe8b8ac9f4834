using Shuzhi.Bench.Ballots;
using Shuzhi.Bench.Dashboard;
using Shuzhi.Bench.Generate;
using Shuzhi.Bench.Subtree;

namespace Shuzhi.Bench;

// Not top-level statements: those would declare a second `Program`, and WebApplicationFactory<Program> needs the app's.
public static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        try
        {
            return args switch
            {
                ["generate", .. var rest] => await GenerateCommand.RunAsync(Options.Parse(rest, GenerateCommand.OptionNames)),
                ["subtree", .. var rest] => await SubtreeCommand.RunAsync(Options.Parse(rest, SubtreeCommand.OptionNames)),
                ["ballots", .. var rest] => await BallotsCommand.RunAsync(Options.Parse(rest, BallotsCommand.OptionNames)),
                ["tally", .. var rest] => await TallyCommand.RunAsync(Options.Parse(rest, TallyCommand.OptionNames)),
                ["crash", .. var rest] => await CrashCommand.RunAsync(Options.Parse(rest, CrashCommand.OptionNames)),
                ["backup", .. var rest] => await BackupCommand.RunAsync(Options.Parse(rest, BackupCommand.OptionNames)),
                ["dashboard", .. var rest] => await DashboardCommand.RunAsync(Options.Parse(rest, DashboardCommand.OptionNames)),
                ["middleware", .. var rest] => await MiddlewareCommand.RunAsync(Options.Parse(rest, MiddlewareCommand.OptionNames)),
                _ => Usage(),
            };
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine(e.Message);
            return Usage();
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("""
            usage:
              Shuzhi.Bench generate --provider sqlite|postgres --connection "..." [--orgs 200000] [--depth 6] [--replace]
              Shuzhi.Bench subtree  --provider sqlite|postgres --connection "..." [--iterations 200]
              Shuzhi.Bench ballots  --provider sqlite|postgres --connection "..." [--casts 4000] [--levels 1,8,32,128] [--reporters 40]
              Shuzhi.Bench tally    --provider sqlite|postgres --connection "..." [--ballots 1000000] [--iterations 3]
              Shuzhi.Bench crash    --provider sqlite|postgres --connection "..." [--ballots 10000] [--concurrency 32] [--kill-after 5000]
              Shuzhi.Bench backup   --provider sqlite|postgres --connection "..." [--ballots 4000] [--concurrency 8]
              Shuzhi.Bench dashboard --provider sqlite|postgres --connection "..." [--iterations 20] [--year 2025] [--reset]
              Shuzhi.Bench middleware --provider sqlite|postgres --connection "..." [--requests 20000] [--concurrency 16] [--rounds 3]
            """);
        return 2;
    }
}
