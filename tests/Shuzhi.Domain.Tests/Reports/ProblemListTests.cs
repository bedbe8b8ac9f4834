using Shuzhi.Domain.Reports;

namespace Shuzhi.Domain.Tests.Reports;

public class ProblemListTests
{
    [Fact]
    public void Counts_yi_shi_er_shi_once_even_when_the_cause_analysis_numbers_again()
    {
        const string text = "一是理论学习不深。二是组织生活不严。三是制度执行不力。以上问题究其原因，一是思想认识不到位，二是责任落实不够。";
        Assert.Equal(3, ProblemList.Count(text));
        Assert.True(ProblemList.HasCause(text, ProblemListRule.DefaultCausePhrases));
    }

    [Fact]
    public void Counts_numbered_lines_and_parenthesised_markers()
    {
        Assert.Equal(3, ProblemList.Count("1. 学习不深\n2、生活不严\n３．执行不力"));
        Assert.Equal(2, ProblemList.Count("（一）学习不深（二）生活不严"));
        // A decimal at the start of a line is not a marker; 唯一是 inside a word is not 一是.
        Assert.Equal(0, ProblemList.Count("3.5万元资金到位\n这是唯一是非判断"));
        Assert.False(ProblemList.HasCause("一是学习不深", ProblemListRule.DefaultCausePhrases));
    }

    [Fact]
    public void Dominant_markers_are_those_counted_with_positions_and_folded_ordinals()
    {
        const string text = "\u3000１．学习不深\n２、生活不严（一）附注";
        var m = ProblemList.DominantMarkers(text);
        Assert.Equal([ProblemMarkerStyle.Numbered, ProblemMarkerStyle.Numbered], m.Select(x => x.Style));
        Assert.Equal(["1", "2"], m.Select(x => x.Ordinal));
        Assert.Equal((1, 2), (m[0].Index, m[0].Length)); // the indentation is not part of the marker
        Assert.Equal("２、", text[m[1].Index..m[1].End]);
        Assert.Equal(2, ProblemList.Count(text));
        // A tie goes to the style that starts first (the outer level).
        Assert.Equal(ProblemMarkerStyle.Paren, ProblemList.DominantMarkers("（一）甲。一是乙。（二）丙。二是丁。")[0].Style);
        Assert.Empty(ProblemList.DominantMarkers("没有编号的问题"));
    }
}
