using System.Text.RegularExpressions;

namespace Shuzhi.Domain.Organizations;

/// <summary>
/// Materialized path of organization codes: "/TJZ/TJZ-C01/". A subtree is the half-open
/// range [path, UpperBound(path)) under ordinal comparison, which a plain B-tree index
/// answers on SQLite and on PostgreSQL (column collation "C"). See docs/decisions/0003.
/// </summary>
public static partial class OrgPath
{
    public const int MaxCodeLength = 32;
    public const int MaxDepth = 12;

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,32}$")]
    private static partial Regex CodePattern();

    public static bool IsValidCode(string? code) => code is not null && CodePattern().IsMatch(code);

    public static string Root(string code) => "/" + code + "/";

    public static string Child(string parentPath, string code) => parentPath + code + "/";

    /// <summary>The smallest string greater than every path in the subtree: the trailing '/' becomes '0'.</summary>
    public static string UpperBound(string path) => path[..^1] + "0";

    public static bool IsWithin(string path, string ancestorPath) =>
        path.StartsWith(ancestorPath, StringComparison.Ordinal);

    public static int Depth(string path) => path.Count(c => c == '/') - 1;

    public static string Rebase(string path, string oldPrefix, string newPrefix)
    {
        if (!IsWithin(path, oldPrefix)) throw new ArgumentException("path is not under the old prefix", nameof(path));
        return newPrefix + path[oldPrefix.Length..];
    }

    /// <summary>Codes from the root down to the organization itself.</summary>
    public static IReadOnlyList<string> Codes(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}
