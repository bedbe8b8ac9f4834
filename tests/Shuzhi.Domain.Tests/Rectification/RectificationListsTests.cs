using Shuzhi.Domain.Rectification;

namespace Shuzhi.Domain.Tests.Rectification;

public class RectificationListsTests
{
    private static readonly DateOnly Today = new(2024, 2, 1);
    private static readonly DateTimeOffset Now = new(2024, 2, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private static Problem P(int id, string text, ProblemSource source)
    {
        var p = Problem.Create(1, 2, 3, text, source, Now);
        typeof(Problem).GetProperty(nameof(Problem.Id))!.SetValue(p, id);
        return p;
    }

    [Fact]
    public void Three_lists_of_a_plan()
    {
        var problems = new[]
        {
            P(10, "理论学习不够深入", ProblemSource.FromReport(7, 0)),
            P(11, "发展党员程序不规范", ProblemSource.Staff("巡视巡察反馈")),
            P(12, "支部书记履职不到位", ProblemSource.FromComment(41)),
        };
        var plan = RectificationPlan.Create(1, 2, 3, new DateOnly(2024, 2, 15), Today);
        // Items added out of order: lists follow the problems' numbering.
        plan.AddItem(12, "书记每季度讲党课", "党支部书记", new DateOnly(2024, 3, 31), "讲党课4次");
        plan.AddItem(10, "制定学习计划", "组织委员", new DateOnly(2024, 2, 29), "计划完成");
        plan.AddItem(11, "对照程序逐一核查", "组织部", new DateOnly(2024, 6, 30), "程序规范");
        plan.File([10, 11, 12], Today);
        plan.Accept("张三", Now);
        plan.Items[0].Start("王五", Now);

        var l = RectificationLists.Of(plan, problems, new DateOnly(2024, 4, 1));

        Assert.Equal([new ProblemRow(1, 10, "理论学习不够深入", "自身查摆"), new ProblemRow(2, 11, "发展党员程序不规范", "巡视巡察反馈"), new ProblemRow(3, 12, "支部书记履职不到位", "会议点评")], l.Problems);
        Assert.Equal([(1, "组织委员"), (2, "组织部"), (3, "党支部书记")], l.Responsibilities.Select(r => (r.No, r.Responsible)));
        Assert.Equal(["未开始（逾期）", "未开始", "整改中（逾期）"], l.Rectifications.Select(r => r.StateName));
        Assert.Equal(("制定学习计划", new DateOnly(2024, 2, 29), "计划完成"), (l.Rectifications[0].Measures, l.Rectifications[0].Deadline, l.Rectifications[0].ExpectedResult));
    }

    [Fact]
    public void Source_labels()
    {
        Assert.Equal(["评价意见", "实地检查", "约谈承诺", "年度考核"],
            new[] { ProblemSource.FromOpinion(1), ProblemSource.FromInspection(1), ProblemSource.FromInterview(1), ProblemSource.Staff("年度考核") }.Select(s => s.Label));
    }
}
