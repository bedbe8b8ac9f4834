using Shuzhi.Domain.Organizations;

namespace Shuzhi.Domain.Tests.Organizations;

public class OrganizationImportTests
{
    private static OrganizationRow Row(int row, string code, string name = "某党支部", string parent = "TJZ", string kind = "党支部", string unit = "村", string status = "") =>
        new(row, code, name, kind, unit, parent, "", status);

    private static PositionRow Post(int row, string org, string name = "张三", string role = "书记", string start = "2021-10-01", string end = "") =>
        new(row, org, name, "男", "1975", "", role, "", "", start, end);

    private static readonly Dictionary<string, ExistingOrganization> Existing = new()
    {
        ["LZX"] = new("LZX", null, false),
        ["TJZ"] = new("TJZ", "LZX", true),
        ["TJZ-01"] = new("TJZ-01", "TJZ", true),
        ["TJZ-02"] = new("TJZ-02", "TJZ-01", true),
        ["OTHER"] = new("OTHER", "LZX", false),
    };

    private static ImportPlan Validate(OrganizationRow[] orgs, PositionRow[]? posts = null, bool roots = false) =>
        OrganizationImport.Validate(orgs, posts ?? [], Existing, roots);

    [Fact]
    public void A_good_file_yields_parents_before_children()
    {
        var plan = Validate([Row(2, "TJZ-99-A", parent: "TJZ-99"), Row(3, "TJZ-99", parent: "TJZ")], [Post(2, "TJZ-99-A")]);
        Assert.True(plan.IsValid);
        Assert.Equal(["TJZ-99", "TJZ-99-A"], plan.Organizations.Select(o => o.Code));
        Assert.Equal(PositionRole.Secretary, plan.Positions.Single().Role);
    }

    [Fact]
    public void Each_bad_row_is_reported_with_row_column_and_reason_and_nothing_is_planned()
    {
        var plan = Validate(
        [
            Row(2, "NEW-1", parent: "NOPE"),          // unknown parent
            Row(3, "NEW-2", name: ""),                // missing name
            Row(4, "NEW-3"), Row(5, "NEW-3"),         // duplicate code
            Row(6, "NEW-4", kind: "小组"),             // unknown kind
            Row(7, "OTHER"),                          // code of an organization outside the scope
        ]);
        Assert.False(plan.IsValid);
        Assert.Empty(plan.Organizations);
        Assert.Contains(plan.Errors, e => e is { Row: 2, Column: "上级组织编码", Code: "Import.UnknownParent" });
        Assert.Contains(plan.Errors, e => e is { Row: 3, Column: "组织名称", Code: "Import.Required" });
        Assert.Contains(plan.Errors, e => e is { Row: 5, Column: "组织编码", Code: "Import.DuplicateCode" });
        Assert.Contains(plan.Errors, e => e is { Row: 6, Column: "组织类别", Code: "Import.UnknownValue" });
        Assert.Contains(plan.Errors, e => e is { Row: 7, Column: "组织编码", Code: "Import.CodeTaken" });
        Assert.DoesNotContain(plan.Errors, e => e.Row == 4);
    }

    [Fact]
    public void A_cycle_within_the_file_is_found()
    {
        var plan = Validate([Row(2, "X", parent: "Y"), Row(3, "Y", parent: "X")]);
        Assert.Equal(2, plan.Errors.Count(e => e.Code == "Import.Cycle"));
    }

    [Fact]
    public void A_cycle_through_existing_organizations_is_found()
    {
        // TJZ-02 sits under TJZ-01 in the database; moving TJZ-01 under TJZ-02 closes a loop.
        var plan = Validate([Row(2, "TJZ-01", parent: "TJZ-02")]);
        Assert.Contains(plan.Errors, e => e is { Row: 2, Code: "Import.Cycle" });
    }

    [Fact]
    public void An_organization_cannot_be_its_own_parent()
    {
        Assert.Contains(Validate([Row(2, "X", parent: "X")]).Errors, e => e.Code == "Import.Cycle");
    }

    [Fact]
    public void A_parent_outside_the_scope_is_unknown()
    {
        Assert.Contains(Validate([Row(2, "NEW", parent: "OTHER")]).Errors, e => e.Code == "Import.UnknownParent");
    }

    [Fact]
    public void An_unchanged_parent_above_the_scope_is_accepted_but_moving_under_it_is_not()
    {
        var existing = new Dictionary<string, ExistingOrganization>(Existing) { ["CA"] = new("CA", "P", true), ["P"] = new("P", null, false) };
        Assert.True(OrganizationImport.Validate([Row(2, "CA", parent: "P")], [], existing, false).IsValid);
        Assert.Contains(OrganizationImport.Validate([Row(2, "TJZ-01", parent: "P")], [], existing, false).Errors, e => e.Code == "Import.UnknownParent");
    }

    [Fact]
    public void Only_unrestricted_accounts_import_roots()
    {
        Assert.Contains(Validate([Row(2, "ROOT", parent: "")]).Errors, e => e.Code == "Import.ParentRequired");
        Assert.True(Validate([Row(2, "ROOT", parent: "")], roots: true).IsValid);
    }

    [Fact]
    public void Position_rows_are_checked()
    {
        var plan = Validate([], [Post(2, "NOPE"), Post(3, "TJZ-01", role: "组长"), Post(4, "TJZ-01", start: "2023-13-01"), Post(5, "TJZ-01", start: "2023-01-01", end: "2022-01-01"), Post(6, "TJZ-01", name: "")]);
        Assert.Contains(plan.Errors, e => e is { Sheet: "任职", Row: 2, Code: "Import.UnknownOrganization" });
        Assert.Contains(plan.Errors, e => e is { Row: 3, Column: "职务", Code: "Import.UnknownValue" });
        Assert.Contains(plan.Errors, e => e is { Row: 4, Column: "任职开始日期", Code: "Import.BadDate" });
        Assert.Contains(plan.Errors, e => e is { Row: 5, Column: "任职结束日期", Code: "Position.EndBeforeStart" });
        Assert.Contains(plan.Errors, e => e is { Row: 6, Column: "姓名", Code: "Import.Required" });
    }

    [Fact]
    public void Status_and_chinese_dates_are_read()
    {
        var plan = Validate([Row(2, "NEW", status: "停用")], [Post(2, "NEW", start: "2021年10月1日")]);
        Assert.True(plan.IsValid);
        Assert.False(plan.Organizations.Single().IsActive);
        Assert.Equal(new DateOnly(2021, 10, 1), plan.Positions.Single().StartDate);
    }
}

public class ChineseDatesTests
{
    [Theory]
    [InlineData("2023-12-20")]
    [InlineData("2023/12/20")]
    [InlineData("2023.12.20")]
    [InlineData("2023年12月20日")]
    [InlineData(" 2023年12月20日 ")]
    public void Common_spellings_parse(string text)
    {
        Assert.True(ChineseDates.TryParse(text, out var d));
        Assert.Equal(new DateOnly(2023, 12, 20), d);
    }

    [Theory]
    [InlineData("2023-02-30")]
    [InlineData("20231220")]
    [InlineData("十二月")]
    [InlineData("")]
    public void Nonsense_does_not_parse(string text) => Assert.False(ChineseDates.TryParse(text, out _));

    [Fact]
    public void Dates_are_written_the_chinese_way() => Assert.Equal("2023年12月20日", ChineseDates.Format(new DateOnly(2023, 12, 20)));
}
