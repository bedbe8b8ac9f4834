using Shuzhi.Bench.Generate;

namespace Shuzhi.Bench;

public static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        try
        {
            return args switch
            {
                ["generate", .. var rest] => await GenerateCommand.RunAsync(Options.Parse(rest, GenerateCommand.OptionNames)),
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
            """);
        return 2;
    }
}
