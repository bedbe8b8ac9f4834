namespace Shuzhi.Web.Infrastructure;

/// <summary>Account roles. Names are stable keys; the Chinese labels come from the resources.</summary>
public static class Roles
{
    public const string Admin = "Admin";                 // 系统管理员
    public const string OrgStaff = "OrgStaff";           // 组织部工作人员
    public const string Leader = "Leader";               // 领导/评议人
    public const string Secretary = "Secretary";         // 书记
    public const string Supervisor = "Supervisor";       // 包片领导
    public const string Inspector = "Inspector";         // 检查人员
    public const string Viewer = "Viewer";               // 上级查看

    public static readonly string[] All = [Admin, OrgStaff, Leader, Secretary, Supervisor, Inspector, Viewer];

    public static string Label(string role) => Resources.Strings.ResourceManager.GetString("Role_" + role) ?? role;
}

public static class Policies
{
    public const string ManageOrganizations = nameof(ManageOrganizations);
    public const string ManageAccounts = nameof(ManageAccounts);
    public const string ManageCampaigns = nameof(ManageCampaigns);
    public const string ViewAudit = nameof(ViewAudit);
    public const string AdminOnly = nameof(AdminOnly);
    public const string Api = nameof(Api);
}
