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
}
