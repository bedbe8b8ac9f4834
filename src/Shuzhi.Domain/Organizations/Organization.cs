namespace Shuzhi.Domain.Organizations;

/// <summary>A party organization (党组织) in the tree of 隶属关系.</summary>
public sealed class Organization
{
    private Organization() { }

    public int Id { get; private set; }
    /// <summary>Unique and immutable: the key that imports and the path are built on.</summary>
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public OrganizationKind Kind { get; private set; }
    public UnitType UnitType { get; private set; }
    public int? ParentId { get; private set; }
    public string Path { get; private set; } = "";
    public int Depth { get; private set; }
    public bool IsActive { get; private set; } = true;
    public int SortOrder { get; private set; }

    public static Organization Create(string code, string name, OrganizationKind kind, UnitType unitType, Organization? parent, int sortOrder = 0)
    {
        code = code.Trim();
        if (!OrgPath.IsValidCode(code)) throw new DomainException("Org.InvalidCode", code);
        if (parent is { IsActive: false }) throw new DomainException("Org.ParentInactive", parent.Code);
        var path = parent is null ? OrgPath.Root(code) : OrgPath.Child(parent.Path, code);
        if (OrgPath.Depth(path) > OrgPath.MaxDepth) throw new DomainException("Org.TooDeep", OrgPath.MaxDepth);
        var org = new Organization
        {
            Code = code,
            Kind = kind,
            UnitType = unitType,
            ParentId = parent?.Id,
            Path = path,
            Depth = OrgPath.Depth(path),
            SortOrder = sortOrder,
        };
        org.Rename(name);
        return org;
    }

    public void Rename(string name)
    {
        name = name.Trim();
        if (name.Length == 0) throw new DomainException("Org.NameRequired");
        if (name.Length > 100) throw new DomainException("Org.NameTooLong", 100);
        Name = name;
    }

    public void Reclassify(OrganizationKind kind, UnitType unitType, int sortOrder)
    {
        Kind = kind;
        UnitType = unitType;
        SortOrder = sortOrder;
    }

    /// <summary>
    /// Moves this organization under <paramref name="newParent"/>. Returns the old and new path
    /// prefix: every descendant's path must be rebased with <see cref="RebaseUnder"/>.
    /// </summary>
    public (string OldPrefix, string NewPrefix) MoveTo(Organization newParent)
    {
        if (OrgPath.IsWithin(newParent.Path, Path)) // itself or one of its descendants
            throw new DomainException("Org.MoveIntoOwnSubtree", Name, newParent.Name);
        if (!newParent.IsActive) throw new DomainException("Org.ParentInactive", newParent.Code);
        var oldPrefix = Path;
        var newPrefix = OrgPath.Child(newParent.Path, Code);
        if (OrgPath.Depth(newPrefix) > OrgPath.MaxDepth) throw new DomainException("Org.TooDeep", OrgPath.MaxDepth);
        ParentId = newParent.Id;
        Path = newPrefix;
        Depth = OrgPath.Depth(newPrefix);
        return (oldPrefix, newPrefix);
    }

    /// <summary>Called on each descendant when an ancestor moved.</summary>
    public void RebaseUnder(string oldPrefix, string newPrefix)
    {
        Path = OrgPath.Rebase(Path, oldPrefix, newPrefix);
        Depth = OrgPath.Depth(Path);
    }

    public void Deactivate() => IsActive = false;

    public void Activate(Organization? parent)
    {
        if (parent is { IsActive: false }) throw new DomainException("Org.ParentInactive", parent.Code);
        IsActive = true;
    }
}
