using Shuzhi.Domain.Reports;

namespace Shuzhi.Domain.Tests.Reports;

public class FirstPersonTests
{
    private static readonly FirstPersonRule Rule = ReportRules.Seed003.FirstPerson;

    [Fact]
    public void Pronouns_anywhere_collective_nouns_only_as_subjects()
    {
        // 我 (带头) = 1 singular; 我国 is neither. 我们 = collective, 党委 opening a sentence = collective, 我村 = collective,
        // 一是班子 after a list marker = collective → 4. Not: 镇党委 (object), 自我 (not the speaker).
        const string text = "我带头讲党课，服务我国发展大局。我们组织学习。党委高度重视。贯彻镇党委部署，坚持自我革命。我村开展活动。一是班子团结。";
        Assert.Equal(new FirstPersonCount(1, 4), FirstPerson.Count(text, Rule));
    }
}
