using System.ComponentModel.DataAnnotations;

namespace Shuzhi.Web.Pages.Organizations.Manage;

/// <summary>The editable fields shared by the create and edit forms.</summary>
public sealed class OrgFields
{
    [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Org_NameRequired))]
    [StringLength(100, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Org_NameTooLong100))]
    public string Name { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_KindRequired))]
    public OrganizationKind? Kind { get; set; }

    [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_UnitTypeRequired))]
    public UnitType? UnitType { get; set; }

    [Range(0, 99999, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_SortRange))]
    public int SortOrder { get; set; }
}
