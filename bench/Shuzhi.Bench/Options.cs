namespace Shuzhi.Bench;

public sealed class UsageException(string message) : Exception(message);

/// <summary>"--name value" pairs and bare "--flag"s; names outside the command's list are refused so a typo cannot pass silently.</summary>
public sealed class Options
{
    private readonly Dictionary<string, string?> _values;

    private Options(Dictionary<string, string?> values) => _values = values;

    public static Options Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> allowed)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new UsageException($"unexpected argument '{args[i]}'");
            var name = args[i][2..];
            if (!allowed.Contains(name)) throw new UsageException($"unknown option --{name}");
            var hasValue = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            values[name] = hasValue ? args[++i] : null;
        }
        return new(values);
    }

    public string Required(string name) =>
        _values.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v : throw new UsageException($"--{name} is required");

    public int Int(string name, int defaultValue, int min)
    {
        if (!_values.TryGetValue(name, out var v)) return defaultValue;
        return int.TryParse(v, out var n) && n >= min ? n : throw new UsageException($"--{name} needs a whole number ≥ {min}");
    }

    public bool Flag(string name) => _values.ContainsKey(name);

    public bool Has(string name) => _values.ContainsKey(name);

    public Provider Provider() => Required("provider").ToLowerInvariant() switch
    {
        "sqlite" => Bench.Provider.Sqlite,
        "postgres" => Bench.Provider.Postgres,
        var other => throw new UsageException($"unknown provider '{other}' (sqlite or postgres)"),
    };
}
