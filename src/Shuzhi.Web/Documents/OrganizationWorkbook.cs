namespace Shuzhi.Web.Documents;

/// <summary>
/// The organization workbook people exchange: sheet 党组织 (one row per organization) and sheet
/// 任职 (one row per post), with Chinese headers. Template, export and parsing live here;
/// the rules of the rows live in <see cref="OrganizationImport"/>.
/// </summary>
public static class OrganizationWorkbook
{
    public const string GuideSheet = "填写说明";

    public static IEnumerable<XlsxSheet> Template() =>
    [
        new(OrganizationImport.OrganizationSheet, OrganizationImport.OrganizationColumns, []),
        new(OrganizationImport.PositionSheet, OrganizationImport.PositionColumns, []),
        new(GuideSheet, ["列", "说明"], Guide()),
    ];

    private static IEnumerable<IReadOnlyList<object?>> Guide() =>
    [
        ["组织编码", "必填，唯一，只能使用字母、数字、-_.，不超过32个字符；再次导入时按编码更新，不会重复新增"],
        ["组织类别", "必填：" + string.Join("、", OrganizationTerms.KindNames.Values)],
        ["单位类型", "必填：" + string.Join("、", OrganizationTerms.UnitTypeNames.Values)],
        ["上级组织编码", "填写本文件中或系统中已有组织的编码；只有系统管理员可导入顶级组织（留空）"],
        ["排序", "可选，整数，同级组织按此排序"],
        ["状态", "可选：正常、停用（默认正常）"],
        ["职务", "必填：" + string.Join("、", PositionTerms.RoleNames.Values) + "；书记空缺时排序为1的副书记代为述职"],
        ["出生年份", "必填，四位年份，如 1975"],
        ["任职开始日期/任职结束日期", "写成 2023-12-20 或 2023年12月20日；结束日期留空表示至今"],
        ["整体说明", "文件中任何一行有错误时，整个文件都不会导入，并逐行列出错误原因"],
    ];

    /// <summary>Every organization and post of the current scope, in tree order.</summary>
    public static async Task<IEnumerable<XlsxSheet>> ExportAsync(AppDbContext db, CancellationToken ct)
    {
        var orgs = await db.Organizations.AsNoTracking().OrderBy(o => o.Path).ToListAsync(ct);
        var codeById = orgs.ToDictionary(o => o.Id, o => o.Code);
        var positions = await db.Positions.AsNoTracking()
            .Select(p => new { p.Organization!.Path, OrgCode = p.Organization.Code, p.Person!.Name, p.Person.Gender, p.Person.BirthYear, p.Person.Phone, p.Role, p.Title, p.Rank, p.StartDate, p.EndDate })
            .OrderBy(p => p.Path).ThenBy(p => p.Role).ThenBy(p => p.Rank).ToListAsync(ct);
        return
        [
            new(OrganizationImport.OrganizationSheet, OrganizationImport.OrganizationColumns, orgs.Select(o => (IReadOnlyList<object?>)
            [
                o.Code, o.Name, o.Kind.Name(), o.UnitType.Name(),
                // The scope root's parent lies outside the scope: its code comes from the path, so the file re-imports.
                o.ParentId is { } pid ? codeById.GetValueOrDefault(pid) ?? OrgPath.Codes(o.Path)[^2] : "",
                o.SortOrder, o.IsActive ? OrganizationImport.Active : OrganizationImport.Inactive,
            ])),
            new(OrganizationImport.PositionSheet, OrganizationImport.PositionColumns, positions.Select(p => (IReadOnlyList<object?>)
            [
                p.OrgCode, p.Name, p.Gender == Gender.Male ? "男" : "女", p.BirthYear, p.Phone, p.Role.Name(), p.Title,
                p.Rank, p.StartDate, p.EndDate,
            ])),
        ];
    }

    public sealed record Parsed(IReadOnlyList<OrganizationRow> Organizations, IReadOnlyList<PositionRow> Positions, IReadOnlyList<ImportError> Errors);

    /// <summary>Maps the sheets to rows by header name (column order does not matter).</summary>
    public static Parsed Parse(IReadOnlyList<XlsxTable> tables)
    {
        var errors = new List<ImportError>();
        var orgTable = tables.FirstOrDefault(t => t.SheetName == OrganizationImport.OrganizationSheet);
        var posTable = tables.FirstOrDefault(t => t.SheetName == OrganizationImport.PositionSheet);
        if (orgTable is null && posTable is null)
        {
            errors.Add(new(OrganizationImport.OrganizationSheet, 1, "", "Import.MissingSheet", OrganizationImport.OrganizationSheet));
            return new([], [], errors);
        }
        var orgs = orgTable is null ? [] : Rows(orgTable, OrganizationImport.OrganizationColumns, errors,
            c => new OrganizationRow(c.Row, c[0], c[1], c[2], c[3], c[4], c[5], c[6]));
        var positions = posTable is null ? [] : Rows(posTable, OrganizationImport.PositionColumns, errors,
            c => new PositionRow(c.Row, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9]));
        return new(orgs, positions, errors);
    }

    private sealed record Cells(int Row, string[] Values)
    {
        public string this[int i] => Values[i];
    }

    private static List<T> Rows<T>(XlsxTable table, string[] columns, List<ImportError> errors, Func<Cells, T> map)
    {
        var index = columns.Select(c => table.Headers.ToList().FindIndex(h => h.Trim() == c)).ToArray();
        var missing = columns.Where((c, i) => index[i] < 0).ToList();
        foreach (var c in missing) errors.Add(new(table.SheetName, 1, c, "Import.MissingColumn", table.SheetName, c));
        if (missing.Count > 0) return [];
        return table.Rows.Select(r => map(new Cells(r.RowNumber,
            index.Select(i => i < r.Cells.Count ? r.Cells[i] : "").ToArray()))).ToList();
    }
}
