namespace Shuzhi.Domain.Organizations;

/// <summary>
/// What an account may see: the subtree rooted at its scope organization. Every read of
/// organization-bound data is filtered by this range (see Shuzhi.Web Infrastructure/Scope).
/// </summary>
public sealed record OrgScope
{
    private OrgScope(string? prefix) => Prefix = prefix;

    /// <summary>Null means unrestricted (system jobs, migrations, seeding).</summary>
    public string? Prefix { get; }
    public string? UpperBound => Prefix is null ? null : OrgPath.UpperBound(Prefix);

    public static OrgScope Unrestricted { get; } = new((string?)null);

    /// <summary>Sees nothing: '~' sorts after '/', which starts every path.</summary>
    public static OrgScope Nothing { get; } = new("~/");

    public static OrgScope Subtree(string path) => new(path);

    public bool Contains(string path) => Prefix is null || OrgPath.IsWithin(path, Prefix);

    public bool IsUnrestricted => Prefix is null;
}
