using Shuzhi.Domain.Organizations;

namespace Shuzhi.Bench.Generate;

/// <summary>
/// A province-wide party organization tree: 省委 → 市委 → 县委/区委 → 乡镇党委/街道党工委 →
/// 村/社区 → 党支部, with exactly the requested number of organizations. Ids are assigned
/// level by level, parents first, so every ParentId is known when its row is written.
/// Same arguments, same tree (fixed seed).
/// </summary>
public static class NationalTree
{
    public const int MaxDepth = 6;

    private enum Area { Rural, Urban }

    private sealed record Place(OrgRow Row, Area Area, string ShortName, int Children);

    /// <summary>Mean children of an organization at each level, from the province down; the last level takes what is left.</summary>
    private static readonly double[] MeanChildren = [10, 7, 15, 30, 5];

    /// <summary>Share of villages and communities that are a single 党支部 with no branches under them.</summary>
    private const double SingleBranchShare = 0.2;

    private static readonly string[] CodePrefix = ["P", "C", "X", "T", "V", "B"];

    private static readonly string[] First =
        ["安", "宝", "长", "大", "东", "丰", "凤", "福", "高", "光", "广", "和", "河", "红", "华", "黄", "金", "锦", "靖", "九",
         "莲", "临", "龙", "马", "梅", "南", "宁", "平", "青", "清", "庆", "仁", "三", "山", "石", "双", "太", "桃", "天", "通",
         "万", "文", "西", "新", "兴", "阳", "永", "玉", "云", "中"];

    private static readonly string[] Second =
        ["安", "坝", "北", "滨", "昌", "城", "川", "店", "东", "丰", "峰", "福", "岗", "沟", "关", "河", "湖", "华", "江", "津",
         "口", "林", "岭", "隆", "门", "宁", "平", "坪", "桥", "泉", "山", "胜", "石", "水", "台", "塘", "田", "湾", "溪", "阳",
         "源", "岳", "寨", "州", "庄"];

    public static List<OrgRow> Generate(int total, int depth)
    {
        if (depth is < 2 or > MaxDepth) throw new UsageException($"--depth must be between 2 and {MaxDepth}");
        var sizes = LevelSizes(total, depth);
        var rnd = new Random(20240601);
        var rows = new List<OrgRow>(total);

        var root = new OrgRow(1, "P1", "中共江川省委员会", (int)OrganizationKind.PartyCommittee, (int)UnitType.Agency, null,
            OrgPath.Root("P1"), 1, true, 1);
        rows.Add(root);
        List<Place> level = [new(root, Area.Urban, "江川", sizes[2])];

        for (var d = 2; d <= depth; d++)
        {
            var childCounts = d < depth ? Split(sizes[d + 1], sizes[d], rnd, d + 1 == MaxDepth ? SingleBranchShare : 0) : null;
            var width = Math.Max(2, level.Max(p => p.Children).ToString().Length);
            var next = new List<Place>(sizes[d]);
            foreach (var parent in level)
            {
                for (var i = 1; i <= parent.Children; i++)
                {
                    var children = childCounts?[next.Count] ?? 0;
                    var code = $"{parent.Row.Code}-{CodePrefix[d - 1]}{i.ToString().PadLeft(width, '0')}";
                    var (name, kind, unit, area, shortName) = Describe(d, i, parent, children > 0, rnd);
                    var row = new OrgRow(rows.Count + 1, code, name, (int)kind, (int)unit, parent.Row.Id,
                        OrgPath.Child(parent.Row.Path, code), d, true, i);
                    rows.Add(row);
                    next.Add(new(row, area, shortName, children));
                }
            }
            level = next;
        }
        return rows;
    }

    /// <summary>Organizations per level: the mean fan-outs scaled so the upper levels fit the total, the last level the rest.</summary>
    private static int[] LevelSizes(int total, int depth)
    {
        var template = 1.0;
        var product = 1.0;
        for (var d = 1; d < depth; d++) template += product *= MeanChildren[d - 1];
        var scale = Math.Pow(total / template, 1.0 / (depth - 1));

        var sizes = new int[depth + 1];
        sizes[1] = 1;
        for (var d = 2; d < depth; d++) sizes[d] = Math.Max(sizes[d - 1], (int)Math.Round(sizes[d - 1] * MeanChildren[d - 2] * scale));
        sizes[depth] = total - sizes[..depth].Sum();
        if (sizes[depth] < sizes[depth - 1])
            throw new UsageException($"--orgs {total} is too few for --depth {depth}");
        return sizes;
    }

    /// <summary>
    /// Splits <paramref name="total"/> children among <paramref name="parents"/>, each within ±30 % of the mean,
    /// except a share of parents that get none.
    /// </summary>
    private static int[] Split(int total, int parents, Random rnd, double emptyShare)
    {
        var weights = new double[parents];
        for (var i = 0; i < parents; i++) weights[i] = rnd.NextDouble() < emptyShare ? 0 : 0.7 + 0.6 * rnd.NextDouble();
        var sum = weights.Sum();
        var counts = new int[parents];
        var given = 0;
        for (var i = 0; i < parents; i++) given += counts[i] = (int)(total * weights[i] / sum);
        for (var i = 0; given < total; i = (i + 1) % parents)
            if (weights[i] > 0) { counts[i]++; given++; }
        return counts;
    }

    private static (string Name, OrganizationKind Kind, UnitType Unit, Area Area, string ShortName) Describe(
        int depth, int index, Place parent, bool hasChildren, Random rnd)
    {
        var place = First[rnd.Next(First.Length)] + Second[rnd.Next(Second.Length)];
        switch (depth)
        {
            case 2:
                return ($"{place}市委", OrganizationKind.PartyCommittee, UnitType.Agency, Area.Urban, place);
            case 3:
                // The first counties of a city are its urban districts.
                var district = index <= Math.Max(1, parent.Children / 4);
                return (district ? $"{place}区委" : $"{place}县委", OrganizationKind.PartyCommittee, UnitType.Agency,
                    district ? Area.Urban : Area.Rural, place);
            case 4:
                // A district is all streets; a county has one street (the county seat), then towns and a few 乡.
                if (parent.Area == Area.Urban || index == 1)
                    return ($"{place}街道党工委", OrganizationKind.WorkingCommittee, UnitType.Township, Area.Urban, place);
                return (index % 4 == 0 ? $"{place}乡党委" : $"{place}镇党委", OrganizationKind.PartyCommittee, UnitType.Township, Area.Rural, place);
            case 5:
                if (parent.Area == Area.Urban)
                    return (hasChildren ? $"{place}社区党委" : $"{place}社区党支部",
                        hasChildren ? OrganizationKind.PartyCommittee : OrganizationKind.Branch, UnitType.Community, Area.Urban, place + "社区");
                return (hasChildren ? $"{place}村党总支" : $"{place}村党支部",
                    hasChildren ? OrganizationKind.GeneralBranch : OrganizationKind.Branch, UnitType.Village, Area.Rural, place + "村");
            default:
                return parent.Area == Area.Urban
                    ? ($"{parent.ShortName}第{ChineseNumber(index)}网格党支部", OrganizationKind.Branch, UnitType.Community, Area.Urban, parent.ShortName)
                    : ($"{parent.ShortName}第{ChineseNumber(index)}党支部", OrganizationKind.Branch, UnitType.Village, Area.Rural, parent.ShortName);
        }
    }

    private static string ChineseNumber(int n)
    {
        const string digits = "零一二三四五六七八九";
        if (n < 10) return digits[n].ToString();
        if (n < 20) return "十" + (n % 10 == 0 ? "" : digits[n % 10].ToString());
        if (n < 100) return digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10].ToString());
        return n.ToString();
    }
}
