namespace Shuzhi.Domain.Organizations;

/// <summary>党组织类别.</summary>
public enum OrganizationKind
{
    PartyCommittee = 1,   // 党委
    LeadingPartyGroup = 2, // 党组
    WorkingCommittee = 3, // 党工委
    GeneralBranch = 4,    // 党总支
    Branch = 5,           // 党支部
}

/// <summary>The unit a party organization sits in (所在单位类型).</summary>
public enum UnitType
{
    Township = 1,        // 乡镇/街道
    Village = 2,         // 村
    Community = 3,       // 社区
    Agency = 4,          // 机关
    StateEnterprise = 5, // 国有企业
    University = 6,      // 高校
    Faculty = 7,         // 院系
    School = 8,          // 中小学
    Hospital = 9,        // 医院
    NewOrganization = 10, // 两新组织
    Other = 11,          // 其他
}

/// <summary>
/// The official Chinese terms. They are the legal vocabulary of the process (glossary), used to
/// read and write the Excel files people exchange, so they live with the rules.
/// </summary>
public static class OrganizationTerms
{
    public static readonly IReadOnlyDictionary<OrganizationKind, string> KindNames = new Dictionary<OrganizationKind, string>
    {
        [OrganizationKind.PartyCommittee] = "党委",
        [OrganizationKind.LeadingPartyGroup] = "党组",
        [OrganizationKind.WorkingCommittee] = "党工委",
        [OrganizationKind.GeneralBranch] = "党总支",
        [OrganizationKind.Branch] = "党支部",
    };

    public static readonly IReadOnlyDictionary<UnitType, string> UnitTypeNames = new Dictionary<UnitType, string>
    {
        [UnitType.Township] = "乡镇/街道",
        [UnitType.Village] = "村",
        [UnitType.Community] = "社区",
        [UnitType.Agency] = "机关",
        [UnitType.StateEnterprise] = "国有企业",
        [UnitType.University] = "高校",
        [UnitType.Faculty] = "院系",
        [UnitType.School] = "中小学",
        [UnitType.Hospital] = "医院",
        [UnitType.NewOrganization] = "两新组织",
        [UnitType.Other] = "其他",
    };

    public static string Name(this OrganizationKind kind) => KindNames[kind];
    public static string Name(this UnitType unitType) => UnitTypeNames[unitType];

    public static OrganizationKind? ParseKind(string? text) => Parse(KindNames, text);

    public static UnitType? ParseUnitType(string? text)
    {
        var t = text?.Trim();
        if (t is "乡镇" or "街道") return UnitType.Township;
        if (t is "高校/学院" or "学院") return UnitType.Faculty;
        return Parse(UnitTypeNames, t);
    }

    private static T? Parse<T>(IReadOnlyDictionary<T, string> names, string? text) where T : struct, Enum
    {
        var t = text?.Trim();
        foreach (var (key, name) in names)
            if (name == t) return key;
        return null;
    }
}
