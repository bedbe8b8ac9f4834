using Shuzhi.Domain.Rectification;

namespace Shuzhi.Domain.Tests.Rectification;

public class PlanTests
{
    private static readonly DateOnly Meeting = new(2024, 1, 15);
    private static readonly DateOnly Today = new(2024, 1, 20);
    private static readonly DateTimeOffset Now = new(2024, 1, 20, 9, 0, 0, TimeSpan.FromHours(8));

    private static string Code(Action a) => Assert.Throws<DomainException>(a).Code;

    private static RectificationPlan NewPlan() => RectificationPlan.Create(1, 2, 3, RectificationPlan.DefaultDeadline(Meeting), Today);

    private static PlanItem Add(RectificationPlan p, int problemId, DateOnly? deadline = null) =>
        p.AddItem(problemId, "每月开展一次集中学习研讨", "党支部书记", deadline ?? new DateOnly(2024, 6, 30), "理论学习计划完成率100%");

    [Theory]
    [InlineData("2024-01-15", "2024-02-15")]
    [InlineData("2024-01-31", "2024-02-29")] // clamped to the month end (leap year)
    [InlineData("2023-01-31", "2023-02-28")]
    [InlineData("2023-12-20", "2024-01-20")]
    public void Default_deadline_is_one_month_after_the_meeting(string meeting, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), RectificationPlan.DefaultDeadline(DateOnly.Parse(meeting)));

    [Fact]
    public void Draft_filed_returned_filed_accepted()
    {
        var p = NewPlan();
        Assert.Equal(PlanState.Draft, p.State);
        Add(p, 10);
        Add(p, 11);
        p.File([10, 11], new DateOnly(2024, 2, 1));
        Assert.Equal((PlanState.Filed, new DateOnly(2024, 2, 1)), (p.State, p.FiledOn!.Value));
        Assert.False(p.IsLate);

        p.Return("组织部张三", "  整改措施过于笼统，请写明具体时间节点  ", Now);
        Assert.Equal((PlanState.Returned, "整改措施过于笼统，请写明具体时间节点", "组织部张三"), (p.State, p.ReturnReason!, p.ReviewedBy!));
        p.EditItem(p.Items[0], "2月、4月、6月各开展一次集中研讨", "党支部书记", new DateOnly(2024, 6, 30), "研讨3次");
        p.File([10, 11], new DateOnly(2024, 2, 20)); // refiled after the deadline: the first filing counts
        Assert.Null(p.ReturnReason);
        Assert.Equal((new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 20)), (p.FirstFiledOn!.Value, p.FiledOn!.Value));
        Assert.False(p.IsLate);

        Assert.False(p.Items[0].Released);
        p.Accept("组织部张三", Now);
        Assert.Equal(PlanState.Accepted, p.State);
        Assert.All(p.Items, i => Assert.True(i.Released));
        Assert.Equal("Rect.PlanAccepted", Code(() => Add(p, 12)));
        Assert.Equal("Rect.PlanAccepted", Code(() => p.File([10, 11], Today)));
        Assert.Equal("Rect.PlanNotFiled", Code(() => p.Return("x", "y", Now)));
    }

    [Fact]
    public void Late_filing_is_marked_and_an_unfiled_plan_is_overdue_after_the_deadline()
    {
        var p = NewPlan(); // deadline 2024-02-15
        Add(p, 10);
        Assert.False(p.IsFilingOverdue(new DateOnly(2024, 2, 15)));
        Assert.True(p.IsFilingOverdue(new DateOnly(2024, 2, 16)));
        p.File([10], new DateOnly(2024, 2, 16));
        Assert.True(p.IsLate);
        Assert.False(p.IsFilingOverdue(new DateOnly(2024, 3, 1)));

        var onTime = NewPlan();
        Add(onTime, 10);
        onTime.File([10], new DateOnly(2024, 2, 15));
        Assert.False(onTime.IsLate);
    }

    [Fact]
    public void Filing_needs_an_item_for_every_problem_and_only_for_them()
    {
        var p = NewPlan();
        Assert.Equal("Rect.PlanEmpty", Code(() => p.File([], Today)));
        Add(p, 10);
        var e = Assert.Throws<DomainException>(() => p.File([10, 11, 12], Today));
        Assert.Equal(("Rect.ProblemWithoutItem", 2), (e.Code, (int)e.Args[0]));
        Assert.Equal("Rect.ProblemAlreadyPlanned", Code(() => Add(p, 10)));
        Add(p, 11);
        // Problem 11 was deleted meanwhile: its item must go before filing.
        Assert.Equal("Rect.ItemProblemUnknown", Code(() => p.File([10], Today)));
        p.RemoveItem(p.Items[1]);
        Assert.Equal(PlanState.Draft, p.State);
        p.File([10], Today);
        Assert.Equal("Rect.PlanAlreadyFiled", Code(() => p.File([10], Today)));
        Assert.Equal("Rect.PlanFiledLocked", Code(() => Add(p, 11)));
        Assert.Equal("Rect.PlanFiledLocked", Code(() => p.RemoveItem(p.Items[0])));
    }

    [Fact]
    public void Item_fields_are_validated()
    {
        var p = NewPlan();
        Assert.Equal("Rect.ItemDeadlineBeforePlan", Code(() => Add(p, 10, Today.AddDays(-1))));
        Assert.Equal(Today, Add(p, 10, Today).Deadline); // the plan day itself is allowed
        Assert.Equal("Rect.MeasuresRequired", Code(() => p.AddItem(11, " ", "书记", Today, "结果")));
        Assert.Equal("Rect.MeasuresTooLong", Code(() => p.AddItem(11, new string('措', 1001), "书记", Today, "结果")));
        Assert.Equal("Rect.ResponsibleRequired", Code(() => p.AddItem(11, "措施", "", Today, "结果")));
        Assert.Equal("Rect.ResponsibleTooLong", Code(() => p.AddItem(11, "措施", new string('人', 101), Today, "结果")));
        Assert.Equal("Rect.ExpectedRequired", Code(() => p.AddItem(11, "措施", "书记", Today, null)));
        Assert.Equal("Rect.ExpectedTooLong", Code(() => p.AddItem(11, "措施", "书记", Today, new string('果', 501))));
        Assert.Equal("Rect.ItemProblemRequired", Code(() => p.AddItem(0, "措施", "书记", Today, "结果")));
        Assert.Single(p.Items);

        var other = NewPlan();
        var foreign = Add(other, 99);
        Assert.Equal("Rect.ItemNotInPlan", Code(() => p.EditItem(foreign, "措施", "书记", Today, "结果")));
        Add(p, 11);
        p.RemoveItem(p.Items[0]);
        Assert.Equal([11], p.Items.Select(i => i.ProblemId));
        Assert.Equal(2, Add(p, 12).SortOrder - p.Items[0].SortOrder + 1); // sort orders keep growing
    }

    [Fact]
    public void Return_needs_a_reason_and_review_needs_a_filed_plan()
    {
        var p = NewPlan();
        Add(p, 10);
        Assert.Equal("Rect.PlanNotFiled", Code(() => p.Accept("张三", Now)));
        p.File([10], Today);
        Assert.Equal("Rect.ReturnReasonRequired", Code(() => p.Return("张三", "  ", Now)));
        Assert.Equal("Rect.ReturnReasonTooLong", Code(() => p.Return("张三", new string('因', 501), Now)));
        Assert.Equal("Rect.ActorRequired", Code(() => p.Accept(" ", Now)));
        Assert.Equal(PlanState.Filed, p.State);
    }
}
