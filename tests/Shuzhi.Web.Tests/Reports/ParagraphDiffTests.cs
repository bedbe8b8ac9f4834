using Shuzhi.Domain.Reports;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Tests.Reports;

/// <summary>The paragraph compare of two report versions (no database).</summary>
public class ParagraphDiffTests
{
    private static string Show(IEnumerable<DiffLine> lines) =>
        string.Join(" ", lines.Select(l => (l.Kind switch { DiffKind.Added => "+", DiffKind.Removed => "-", _ => "=" }) + l.Text));

    [Fact]
    public void Unchanged_paragraphs_are_kept_and_changes_show_as_removed_then_added_in_reading_order()
    {
        Assert.Equal("=甲 -乙 +乙改 =丙 +丁", Show(ParagraphDiff.Lines(["甲", "乙", "丙"], ["甲", "乙改", "丙", "丁"])));
        Assert.Equal("-甲 =乙", Show(ParagraphDiff.Lines(["甲", "乙"], ["乙"])));
        Assert.Equal("+甲", Show(ParagraphDiff.Lines([], ["甲"])));
        Assert.Equal("", Show(ParagraphDiff.Lines([], [])));
    }

    [Fact]
    public void Paragraphs_are_trimmed_non_blank_lines_and_sections_follow_the_outline()
    {
        Assert.Equal(["一是", "二是"], ParagraphDiff.Paragraphs("  一是 \r\n\n\n二是\n  "));
        var older = ReportText.Empty.WithSection("problems", "一是不足。\n以上问题究其原因在于我。");
        var newer = ReportText.Empty.WithSection("problems", "一是不足。\n二是欠缺。\n以上问题究其原因在于我。").WithSection("plans", "加强学习。");
        var diff = ParagraphDiff.Compare(ReportOutline.Seed003, older, newer);
        Assert.Equal(ReportOutline.Seed003.Sections.Count, diff.Count);
        var problems = diff.Single(d => d.Heading == "存在问题及原因分析");
        Assert.Equal("=一是不足。 +二是欠缺。 =以上问题究其原因在于我。", Show(problems.Lines));
        Assert.True(problems.Changed);
        Assert.False(diff[0].Changed);
        Assert.Equal("+加强学习。", Show(diff.Single(d => d.Heading == "下步工作打算").Lines));
    }
    private static RectificationItem Item(int id, string text)
    {
        var item = RectificationItem.Create(1, 1, id, text, null, DateTimeOffset.UnixEpoch);
        typeof(RectificationItem).GetProperty(nameof(RectificationItem.Id))!.SetValue(item, id);
        return item;
    }

    [Fact]
    public void Responses_to_rectification_items_compare_like_sections_one_entry_per_item_in_order()
    {
        var items = new[] { Item(7, "党员教育管理不够严格"), Item(3, "三会一课落实不到位") };
        var older = ReportText.Empty.WithResponse(7, "已建立积分制度。").WithResponse(3, "按月召开。");
        var newer = ReportText.Empty.WithResponse(7, "已建立积分制度。\n每季度公示。").WithResponse(3, "按月召开。").WithResponse(9, "不是本单位的事项");
        var diff = ParagraphDiff.CompareResponses(items, older, newer, (n, i) => $"第{n}项{i.Text}");
        Assert.Equal(["第1项党员教育管理不够严格", "第2项三会一课落实不到位"], diff.Select(d => d.Heading));
        Assert.Equal("=已建立积分制度。 +每季度公示。", Show(diff[0].Lines));
        Assert.True(diff[0].Changed);
        Assert.Equal("=按月召开。", Show(diff[1].Lines));
        Assert.False(diff[1].Changed);
        Assert.All(diff, d => Assert.Equal(2, d.Level));
    }
}
