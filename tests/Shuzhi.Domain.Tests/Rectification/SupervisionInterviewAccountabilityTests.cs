using Shuzhi.Domain.Rectification;

namespace Shuzhi.Domain.Tests.Rectification;

public class SupervisionInterviewAccountabilityTests
{
    private static readonly DateOnly Today = new(2024, 3, 10);
    private static readonly DateTimeOffset Now = new(2024, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));

    private static string Code(Action a) => Assert.Throws<DomainException>(a).Code;

    [Fact]
    public void Supervision_checks_on_a_plan_or_an_item()
    {
        var onPlan = SupervisionCheck.OnPlan(5, new DateOnly(2024, 3, 8), " 组织部张三 ", "整改台账已建立，进度滞后", "3月底前再次检查", Today, Now);
        Assert.Equal((5, (int?)null, "组织部张三", Now), (onPlan.PlanId, onPlan.ItemId, onPlan.Checker, onPlan.RecordedAt));
        var onItem = SupervisionCheck.OnItem(5, 12, Today, "张三", "会议记录已补齐", "待销号", Today, Now);
        Assert.Equal((int?)12, onItem.ItemId);

        Assert.Equal("Rect.CheckDateInFuture", Code(() => SupervisionCheck.OnPlan(5, Today.AddDays(1), "张三", "发现", "下一步", Today, Now)));
        Assert.Equal("Rect.CheckTargetRequired", Code(() => SupervisionCheck.OnItem(5, 0, Today, "张三", "发现", "下一步", Today, Now)));
        Assert.Equal("Rect.CheckTargetRequired", Code(() => SupervisionCheck.OnPlan(0, Today, "张三", "发现", "下一步", Today, Now)));
        Assert.Equal("Rect.CheckerRequired", Code(() => SupervisionCheck.OnPlan(5, Today, "", "发现", "下一步", Today, Now)));
        Assert.Equal("Rect.FindingRequired", Code(() => SupervisionCheck.OnPlan(5, Today, "张三", " ", "下一步", Today, Now)));
        Assert.Equal("Rect.FindingTooLong", Code(() => SupervisionCheck.OnPlan(5, Today, "张三", new string('查', 1001), "下一步", Today, Now)));
        Assert.Equal("Rect.NextStepRequired", Code(() => SupervisionCheck.OnPlan(5, Today, "张三", "发现", null, Today, Now)));
    }

    [Theory]
    [InlineData("一般", true)]
    [InlineData("差", true)]
    [InlineData(" 差 ", true)]
    [InlineData("较好", false)]
    [InlineData("好", false)]
    [InlineData(null, false)]
    public void Interviews_are_for_yiban_and_cha(string? grade, bool required) => Assert.Equal(required, Interview.IsRequired(grade));

    [Fact]
    public void Interview_scheduled_then_held_and_its_commitments_become_problems()
    {
        Assert.Equal("Rect.InterviewGradeNotRequired", Code(() => Interview.Schedule(1, 2, 3, "较好", Today, "组织部长")));
        var i = Interview.Schedule(1, 2, 3, "一般", new DateOnly(2024, 3, 5), "县委组织部部长赵六");
        Assert.Equal((InterviewState.Scheduled, "一般"), (i.State, i.Grade));
        Assert.Equal("Rect.InterviewNotHeld", Code(() => i.CommitmentProblems(Now)));
        Assert.Equal("Rect.InterviewHeldInFuture", Code(() => i.Hold(Today.AddDays(1), "记录", ["承诺"], Today)));
        Assert.Equal("Rect.InterviewNotesRequired", Code(() => i.Hold(Today, " ", ["承诺"], Today)));
        Assert.Equal("Rect.CommitmentRequired", Code(() => i.Hold(Today, "记录", [" ", null], Today)));
        var e = Assert.Throws<DomainException>(() => i.Hold(Today, "记录", ["一", new string('诺', 501)], Today));
        Assert.Equal(("Rect.CommitmentTooLong", 2), (e.Code, (int)e.Args[1]));
        Assert.Equal(InterviewState.Scheduled, i.State);

        i.Hold(new DateOnly(2024, 3, 6), "指出党建责任落实不到位，本人表态认真整改", ["一个月内完成软弱涣散村整顿方案", " ", "每季度向镇党委汇报一次整改进展"], Today);
        Assert.Equal((InterviewState.Held, new DateOnly(2024, 3, 6)), (i.State, i.HeldOn!.Value));
        Assert.Equal(2, i.Commitments.Count);
        Assert.Equal("Rect.InterviewAlreadyHeld", Code(() => i.Reschedule(Today, "赵六")));
        Assert.Equal("Rect.InterviewAlreadyHeld", Code(() => i.Hold(Today, "记录", ["承诺"], Today)));

        // Not saved yet: the link needs the interview's id.
        Assert.Equal("Rect.SourceLinkRequired", Code(() => i.CommitmentProblems(Now)));
        typeof(Interview).GetProperty(nameof(Interview.Id))!.SetValue(i, 77);
        var problems = i.CommitmentProblems(Now);
        Assert.Equal(["一个月内完成软弱涣散村整顿方案", "每季度向镇党委汇报一次整改进展"], problems.Select(p => p.Text));
        Assert.All(problems, p => Assert.Equal((ProblemSourceKind.Interview, (int?)77, 1, 2, 3), (p.SourceKind, p.SourceRefId, p.CampaignId, p.ReporterId, p.OrganizationId)));
    }

    [Fact]
    public void Interview_scheduling_is_validated()
    {
        Assert.Equal("Rect.InterviewerRequired", Code(() => Interview.Schedule(1, 2, 3, "差", Today, " ")));
        Assert.Equal("Rect.InterviewerTooLong", Code(() => Interview.Schedule(1, 2, 3, "差", Today, new string('长', 51))));
        Assert.Equal("Rect.InterviewOwnerRequired", Code(() => Interview.Schedule(1, 0, 3, "差", Today, "赵六")));
        var i = Interview.Schedule(1, 2, 3, "差", Today, "赵六");
        i.Reschedule(Today.AddDays(3), "钱七");
        Assert.Equal((Today.AddDays(3), "钱七"), (i.ScheduledOn, i.Interviewer));
    }

    [Fact]
    public void Accountability_record_requires_its_fields_and_a_consistent_period()
    {
        var r = AccountabilityRecord.Create(1, 3, "王五", "《中国共产党问责条例》第七条", "诫勉谈话", "X组干〔2024〕5号",
            new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 1), new DateOnly(2024, 8, 31), Today, Now);
        Assert.Equal(("王五", "诫勉谈话", "X组干〔2024〕5号"), (r.Person, r.Decision, r.DocumentNumber));
        Assert.True(r.InEffect(new DateOnly(2024, 8, 31)));
        Assert.False(r.InEffect(new DateOnly(2024, 9, 1)));

        string Make(string? basis = "依据", string? decision = "决定", string? doc = "文号", int end = 31, int start = 1, int decided = 1, string? person = null) =>
            Code(() => AccountabilityRecord.Create(null, 3, person, basis, decision, doc, new DateOnly(2024, 3, decided), new DateOnly(2024, 3, start), new DateOnly(2024, 3, end), Today, Now));
        Assert.Equal("Rect.AccountabilityBasisRequired", Make(basis: " "));
        Assert.Equal("Rect.AccountabilityDecisionRequired", Make(decision: null));
        Assert.Equal("Rect.DocumentNumberRequired", Make(doc: ""));
        Assert.Equal("Rect.EffectEndBeforeStart", Make(start: 5, end: 4));
        Assert.Equal("Rect.EffectStartBeforeDecision", Make(decided: 5, start: 4, end: 9));
        Assert.Equal("Rect.DecisionDateInFuture", Make(decided: 11, start: 11, end: 20));
        Assert.Equal("Rect.AccountabilityPersonTooLong", Make(person: new string('名', 51)));
        Assert.Equal("Rect.AccountabilityOrganizationRequired",
            Code(() => AccountabilityRecord.Create(null, 0, null, "依据", "决定", "文号", Today, Today, Today, Today, Now)));
        // A one-day effect period (end = start) is valid, and the organization alone may be held accountable.
        var org = AccountabilityRecord.Create(null, 3, " ", "依据", "通报批评", "文号", Today, Today, Today, Today, Now);
        Assert.Equal("", org.Person);
    }
}
