namespace Shuzhi.Domain.Organizations;

/// <summary>One problem with one cell of an import file; <see cref="Code"/> is a message key.</summary>
public sealed record ImportError(string Sheet, int Row, string Column, string Code, params object[] Args);

public sealed record OrganizationRow(int Row, string Code, string Name, string Kind, string UnitType, string ParentCode, string SortOrder, string Status);

public sealed record PositionRow(int Row, string OrganizationCode, string PersonName, string Gender, string BirthYear, string Phone,
    string Role, string Title, string Rank, string StartDate, string EndDate);

/// <summary>An organization already in the database, as the import sees it.</summary>
public sealed record ExistingOrganization(string Code, string? ParentCode, bool InScope);

public sealed record ParsedOrganization(int Row, string Code, string Name, OrganizationKind Kind, UnitType UnitType, string? ParentCode, int SortOrder, bool IsActive);

public sealed record ParsedPosition(int Row, string OrganizationCode, string PersonName, Gender Gender, int BirthYear, string? Phone,
    PositionRole Role, string? Title, int Rank, DateOnly StartDate, DateOnly? EndDate);

public sealed record ImportPlan(IReadOnlyList<ParsedOrganization> Organizations, IReadOnlyList<ParsedPosition> Positions, IReadOnlyList<ImportError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Validates an organization/position workbook as a whole: the file is applied only when
/// no row has an error (all-or-nothing). Organizations come back parents first.
/// </summary>
public static class OrganizationImport
{
    public const string OrganizationSheet = "党组织";
    public const string PositionSheet = "任职";

    public static readonly string[] OrganizationColumns = ["组织编码", "组织名称", "组织类别", "单位类型", "上级组织编码", "排序", "状态"];
    public static readonly string[] PositionColumns = ["组织编码", "姓名", "性别", "出生年份", "联系电话", "职务", "职务名称", "副书记排序", "任职开始日期", "任职结束日期"];

    public const string Active = "正常";
    public const string Inactive = "停用";

    public static ImportPlan Validate(IReadOnlyList<OrganizationRow> orgRows, IReadOnlyList<PositionRow> positionRows,
        IReadOnlyDictionary<string, ExistingOrganization> existing, bool mayCreateRoots)
    {
        var errors = new List<ImportError>();
        var parsed = new Dictionary<string, ParsedOrganization>(StringComparer.Ordinal);
        var cols = OrganizationColumns;
        void Err(int row, int col, string code, params object[] args) => errors.Add(new(OrganizationSheet, row, cols[col], code, args));

        foreach (var r in orgRows)
        {
            var ok = true;
            var code = r.Code.Trim();
            if (code.Length == 0) { Err(r.Row, 0, "Import.Required"); ok = false; }
            else if (!OrgPath.IsValidCode(code)) { Err(r.Row, 0, "Org.InvalidCode", code); ok = false; }
            else if (parsed.ContainsKey(code)) { Err(r.Row, 0, "Import.DuplicateCode", code); ok = false; }
            else if (existing.TryGetValue(code, out var ex) && !ex.InScope) { Err(r.Row, 0, "Import.CodeTaken", code); ok = false; }

            var name = r.Name.Trim();
            if (name.Length == 0) { Err(r.Row, 1, "Import.Required"); ok = false; }
            else if (name.Length > 100) { Err(r.Row, 1, "Org.NameTooLong", 100); ok = false; }

            var kind = OrganizationTerms.ParseKind(r.Kind);
            if (kind is null) { Err(r.Row, 2, "Import.UnknownValue", r.Kind, string.Join("、", OrganizationTerms.KindNames.Values)); ok = false; }
            var unit = OrganizationTerms.ParseUnitType(r.UnitType);
            if (unit is null) { Err(r.Row, 3, "Import.UnknownValue", r.UnitType, string.Join("、", OrganizationTerms.UnitTypeNames.Values)); ok = false; }

            var sort = 0;
            if (r.SortOrder.Trim().Length > 0 && !int.TryParse(r.SortOrder.Trim(), out sort)) { Err(r.Row, 5, "Import.NotANumber", r.SortOrder); ok = false; }

            var status = r.Status.Trim();
            if (status.Length > 0 && status != Active && status != Inactive) { Err(r.Row, 6, "Import.UnknownValue", status, $"{Active}、{Inactive}"); ok = false; }

            var parent = r.ParentCode.Trim();
            if (ok && !parsed.ContainsKey(code))
                parsed[code] = new(r.Row, code, name, kind!.Value, unit!.Value, parent.Length == 0 ? null : parent, sort, status != Inactive);
            else if (code.Length > 0 && OrgPath.IsValidCode(code) && !parsed.ContainsKey(code))
                parsed[code] = new(r.Row, code, name, default, default, parent.Length == 0 ? null : parent, sort, true); // keeps the code known for parent checks
        }

        // Parents: in the file, or already present inside the importer's scope.
        foreach (var p in parsed.Values)
        {
            if (p.ParentCode is null)
            {
                var existingRoot = existing.TryGetValue(p.Code, out var ex) && ex.ParentCode is null;
                if (!mayCreateRoots && !existingRoot) Err(p.Row, 4, "Import.ParentRequired");
            }
            else if (p.ParentCode == p.Code) Err(p.Row, 4, "Import.Cycle", p.Code);
            // The scope root keeps its parent above the scope: an unchanged parent is no move.
            else if (existing.TryGetValue(p.Code, out var self) && self.ParentCode == p.ParentCode) { }
            else if (!parsed.ContainsKey(p.ParentCode) && !(existing.TryGetValue(p.ParentCode, out var ep) && ep.InScope))
                Err(p.Row, 4, "Import.UnknownParent", p.ParentCode);
        }

        // Cycles in the tree the file would produce (file rows override the database).
        string? ParentOf(string code) =>
            parsed.TryGetValue(code, out var p) ? p.ParentCode : existing.TryGetValue(code, out var e) ? e.ParentCode : null;
        foreach (var p in parsed.Values)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { p.Code };
            for (var c = ParentOf(p.Code); c is not null; c = ParentOf(c))
            {
                if (c == p.Code) { Err(p.Row, 4, "Import.Cycle", p.Code); break; }
                if (!seen.Add(c)) break; // a cycle not through p: reported on its own members
            }
        }

        var positions = ValidatePositions(positionRows, parsed, existing, errors);
        errors.Sort((a, b) => (a.Sheet, a.Row).CompareTo((b.Sheet, b.Row)));
        if (errors.Count > 0) return new([], [], DistinctErrors(errors));
        return new(ParentsFirst(parsed, existing), positions, []);
    }

    private static List<ImportError> DistinctErrors(List<ImportError> errors) =>
        errors.DistinctBy(e => (e.Sheet, e.Row, e.Column, e.Code)).ToList();

    private static List<ParsedOrganization> ParentsFirst(Dictionary<string, ParsedOrganization> parsed, IReadOnlyDictionary<string, ExistingOrganization> existing)
    {
        var result = new List<ParsedOrganization>(parsed.Count);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        void Place(ParsedOrganization p)
        {
            if (!placed.Add(p.Code)) return;
            if (p.ParentCode is not null && parsed.TryGetValue(p.ParentCode, out var parent)) Place(parent);
            result.Add(p);
        }
        foreach (var p in parsed.Values.OrderBy(p => p.Row)) Place(p);
        return result;
    }

    private static List<ParsedPosition> ValidatePositions(IReadOnlyList<PositionRow> rows, Dictionary<string, ParsedOrganization> parsed,
        IReadOnlyDictionary<string, ExistingOrganization> existing, List<ImportError> errors)
    {
        var cols = PositionColumns;
        void Err(int row, int col, string code, params object[] args) => errors.Add(new(PositionSheet, row, cols[col], code, args));
        var result = new List<ParsedPosition>();
        foreach (var r in rows)
        {
            var ok = true;
            var org = r.OrganizationCode.Trim();
            if (org.Length == 0) { Err(r.Row, 0, "Import.Required"); ok = false; }
            else if (!parsed.ContainsKey(org) && !(existing.TryGetValue(org, out var e) && e.InScope)) { Err(r.Row, 0, "Import.UnknownOrganization", org); ok = false; }

            var name = r.PersonName.Trim();
            if (name.Length == 0) { Err(r.Row, 1, "Import.Required"); ok = false; }
            else if (name.Length > 50) { Err(r.Row, 1, "Person.NameTooLong", 50); ok = false; }

            Gender? gender = r.Gender.Trim() switch { "男" => Gender.Male, "女" => Gender.Female, _ => null };
            if (gender is null) { Err(r.Row, 2, "Import.UnknownValue", r.Gender, "男、女"); ok = false; }

            if (!int.TryParse(r.BirthYear.Trim(), out var year) || year < 1920 || year > 2015) { Err(r.Row, 3, "Person.BirthYearOutOfRange", 1920, 2015); ok = false; }

            var phone = r.Phone.Trim();
            if (phone.Length > 20 || !phone.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or ' ')) { Err(r.Row, 4, "Person.PhoneInvalid"); ok = false; }

            var role = PositionTerms.ParseRole(r.Role);
            if (role is null) { Err(r.Row, 5, "Import.UnknownValue", r.Role, string.Join("、", PositionTerms.RoleNames.Values)); ok = false; }

            var title = r.Title.Trim();
            if (title.Length > 30) { Err(r.Row, 6, "Position.TitleTooLong", 30); ok = false; }

            var rank = 0;
            if (r.Rank.Trim().Length > 0 && (!int.TryParse(r.Rank.Trim(), out rank) || rank < 0 || rank > 99)) { Err(r.Row, 7, "Position.RankOutOfRange"); ok = false; }

            if (!ChineseDates.TryParse(r.StartDate, out var start)) { Err(r.Row, 8, "Import.BadDate", r.StartDate); ok = false; }
            DateOnly? end = null;
            if (r.EndDate.Trim().Length > 0)
            {
                if (!ChineseDates.TryParse(r.EndDate, out var e)) { Err(r.Row, 9, "Import.BadDate", r.EndDate); ok = false; }
                else if (e < start) { Err(r.Row, 9, "Position.EndBeforeStart"); ok = false; }
                else end = e;
            }
            if (ok)
                result.Add(new(r.Row, org, name, gender!.Value, year, phone.Length == 0 ? null : phone, role!.Value,
                    title.Length == 0 ? null : title, rank, start, end));
        }
        return result;
    }
}
