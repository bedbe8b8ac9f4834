namespace Shuzhi.Web.Infrastructure;

/// <summary>
/// The organization subtree of the current request, set once per request from the account
/// (ScopeMiddleware) and read by the query filters of AppDbContext. The default sees nothing;
/// start-up jobs and seeding opt into <see cref="OrgScope.Unrestricted"/> explicitly.
/// </summary>
public sealed class CurrentScope
{
    public OrgScope Scope { get; private set; } = OrgScope.Nothing;
    public int? ScopeOrganizationId { get; private set; }

    public void Set(OrgScope scope, int? scopeOrganizationId = null)
    {
        Scope = scope;
        ScopeOrganizationId = scopeOrganizationId;
    }

    public void UseUnrestricted() => Set(OrgScope.Unrestricted);
}

/// <summary>Who is acting, for the audit log: the account name, or "system".</summary>
public sealed class CurrentActor
{
    public const string System = "system";
    public string Name { get; set; } = System;
}
