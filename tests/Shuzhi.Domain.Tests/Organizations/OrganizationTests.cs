using Shuzhi.Domain.Organizations;

namespace Shuzhi.Domain.Tests.Organizations;

public class OrganizationTests
{
    private static Organization Org(string code, Organization? parent = null) =>
        Organization.Create(code, code + "党组织", OrganizationKind.Branch, UnitType.Village, parent);

    [Fact]
    public void Path_is_built_from_codes_down_the_tree()
    {
        var county = Org("LZX");
        var town = Org("TJZ", county);
        var village = Org("TJZ-01", town);
        Assert.Equal("/LZX/TJZ/TJZ-01/", village.Path);
        Assert.Equal(3, village.Depth);
        Assert.Equal(1, county.Depth);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("a/b")]
    [InlineData("童家镇")]
    [InlineData("123456789012345678901234567890123")] // 33 characters
    public void Invalid_codes_are_rejected(string code)
    {
        var e = Assert.Throws<DomainException>(() => Org(code));
        Assert.Equal("Org.InvalidCode", e.Code);
    }

    [Fact]
    public void Name_is_required()
    {
        var e = Assert.Throws<DomainException>(() => Organization.Create("A", "  ", OrganizationKind.Branch, UnitType.Village, null));
        Assert.Equal("Org.NameRequired", e.Code);
    }

    [Fact]
    public void A_child_cannot_be_created_under_an_inactive_parent()
    {
        var town = Org("TJZ");
        town.Deactivate();
        Assert.Equal("Org.ParentInactive", Assert.Throws<DomainException>(() => Org("TJZ-01", town)).Code);
    }

    [Fact]
    public void Moving_returns_the_prefixes_and_descendants_rebase_under_the_new_parent()
    {
        var county = Org("LZX");
        var a = Org("A", county);
        var b = Org("B", county);
        var village = Org("V1", a);
        var group = Org("G1", village);

        var (oldPrefix, newPrefix) = village.MoveTo(b);
        group.RebaseUnder(oldPrefix, newPrefix);

        Assert.Equal("/LZX/A/V1/", oldPrefix);
        Assert.Equal("/LZX/B/V1/", village.Path);
        Assert.Equal("/LZX/B/V1/G1/", group.Path);
        Assert.Equal(4, group.Depth);
    }

    [Fact]
    public void Moving_under_itself_or_a_descendant_is_a_cycle()
    {
        var county = Org("LZX");
        var town = Org("TJZ", county);
        var village = Org("TJZ-01", town);
        Assert.Equal("Org.MoveIntoOwnSubtree", Assert.Throws<DomainException>(() => town.MoveTo(village)).Code);
        Assert.Equal("Org.MoveIntoOwnSubtree", Assert.Throws<DomainException>(() => town.MoveTo(town)).Code);
        Assert.Equal("/LZX/TJZ/", town.Path); // unchanged
    }

    [Fact]
    public void Moving_under_an_inactive_parent_is_refused()
    {
        var county = Org("LZX");
        var a = Org("A", county);
        var b = Org("B", county);
        b.Deactivate();
        Assert.Equal("Org.ParentInactive", Assert.Throws<DomainException>(() => a.MoveTo(b)).Code);
    }
}

public class OrgPathTests
{
    [Fact]
    public void Upper_bound_contains_exactly_the_subtree()
    {
        var prefix = "/LZX/TJZ/";
        var upper = OrgPath.UpperBound(prefix);
        bool Within(string p) => string.CompareOrdinal(p, prefix) >= 0 && string.CompareOrdinal(p, upper) < 0;

        Assert.True(Within("/LZX/TJZ/"));
        Assert.True(Within("/LZX/TJZ/TJZ-01/"));
        Assert.True(Within("/LZX/TJZ/TJZ-01/G.2/"));
        // Codes that share the prefix text but are siblings, whatever their next character.
        Assert.False(Within("/LZX/TJZ-01/"));
        Assert.False(Within("/LZX/TJZ.X/"));
        Assert.False(Within("/LZX/TJZ0/"));
        Assert.False(Within("/LZX/TJZA/"));
        Assert.False(Within("/LZX/"));
    }

    [Fact]
    public void Rebase_replaces_the_prefix()
    {
        Assert.Equal("/B/X/Y/", OrgPath.Rebase("/A/X/Y/", "/A/X/", "/B/X/"));
        Assert.Throws<ArgumentException>(() => OrgPath.Rebase("/C/Y/", "/A/X/", "/B/X/"));
    }
}

public class OrgScopeTests
{
    [Fact]
    public void A_scope_contains_its_subtree_only()
    {
        var scope = OrgScope.Subtree("/LZX/TJZ/");
        Assert.True(scope.Contains("/LZX/TJZ/"));
        Assert.True(scope.Contains("/LZX/TJZ/TJZ-01/"));
        Assert.False(scope.Contains("/LZX/"));
        Assert.False(scope.Contains("/LZX/TJZ-01/"));
        Assert.False(scope.Contains("/SZTU/"));
    }

    [Fact]
    public void Nothing_sees_nothing_and_unrestricted_sees_everything()
    {
        Assert.False(OrgScope.Nothing.Contains("/LZX/"));
        var upper = OrgScope.Nothing.UpperBound!;
        Assert.True(string.CompareOrdinal("/LZX/", OrgScope.Nothing.Prefix) < 0 && string.CompareOrdinal("/LZX/", upper) < 0);
        Assert.True(OrgScope.Unrestricted.Contains("/anything/"));
        Assert.Null(OrgScope.Unrestricted.Prefix);
    }
}
