using Microsoft.AspNetCore.Identity;

namespace Shuzhi.Web.Data;

/// <summary>An account. It sees and acts only inside the subtree of its scope organization.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    /// <summary>Null only for system administrators over the whole tree.</summary>
    public int? ScopeOrganizationId { get; set; }
    public Organization? ScopeOrganization { get; set; }
    /// <summary>The person behind a secretary's or leader's account, when known.</summary>
    public int? PersonId { get; set; }
    public bool IsDisabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Per-role security policy: whether accounts in the role must use TOTP.</summary>
public sealed class RolePolicy
{
    public string RoleName { get; set; } = "";
    public bool RequireTwoFactor { get; set; }
}
