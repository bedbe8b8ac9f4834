using Shuzhi.Domain.Rectification;

namespace Shuzhi.Domain.Tests.Rectification;

public class ItemTrackingTests
{
    private static readonly DateOnly Today = new(2024, 2, 1);
    private static readonly DateTimeOffset Now = new(2024, 2, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private static string Code(Action a) => Assert.Throws<DomainException>(a).Code;

    private static (RectificationPlan Plan, PlanItem Item) Accepted(DateOnly deadline)
    {
        var p = RectificationPlan.Create(1, 2, 3, new DateOnly(2024, 2, 15), Today);
        var item = p.AddItem(10, "建立“三会一课”台账，每月检查", "组织委员李四", deadline, "台账完整");
        p.File([10], Today);
        p.Accept("组织部张三", Now);
        return (p, item);
    }

    [Fact]
    public void Full_lifecycle_with_notes_evidence_rejection_and_close()
    {
        var (_, i) = Accepted(new DateOnly(2024, 4, 30));
        Assert.Equal(ItemState.NotStarted, i.State);
        i.Start("支部书记王五", Now);
        Assert.Equal((ItemState.InProgress, Now), (i.State, i.StartedAt!.Value));

        Assert.Equal("Rect.ItemDoneWithoutEvidence", Code(() => i.MarkDone("王五", Now)));
        i.AddNote(" 已补齐1—3月会议记录 ", "王五", Now.AddDays(10));
        i.AddEvidence(501);
        i.AddEvidence(501); // the same file twice is kept once
        Assert.Equal([501], i.EvidenceFileIds);
        i.MarkDone("王五", Now.AddDays(11));
        Assert.Equal(ItemState.Done, i.State);
        Assert.Equal("Rect.ItemAwaitingVerification", Code(() => i.RemoveEvidence(501)));

        i.Reject("组织部张三", "缺少3月主题党日记录，请补充", Now.AddDays(12));
        Assert.Equal((ItemState.InProgress, "缺少3月主题党日记录，请补充"), (i.State, i.RejectReason!));
        Assert.Null(i.DoneAt);
        Assert.Equal(2, i.Notes.Count);
        Assert.True(i.Notes[1].IsRejection);
        Assert.Equal(new ProgressNote("已补齐1—3月会议记录", Now.AddDays(10), "王五"), i.Notes[0]);

        i.AddEvidence(502);
        i.MarkDone("王五", Now.AddDays(13));
        Assert.Null(i.RejectReason);
        i.Close("组织部张三", new DateOnly(2024, 2, 20));
        Assert.Equal((ItemState.Closed, new DateOnly(2024, 2, 20), "组织部张三"), (i.State, i.ClosedOn!.Value, i.ClosedBy!));

        Assert.Equal("Rect.ItemClosed", Code(() => i.AddNote("再补充", "王五", Now)));
        Assert.Equal("Rect.ItemClosed", Code(() => i.AddEvidence(503)));
        Assert.Equal("Rect.ItemClosed", Code(() => i.Start("王五", Now)));
        Assert.Equal("Rect.ItemClosed", Code(() => i.MarkDone("王五", Now)));
        Assert.Equal("Rect.ItemClosed", Code(() => i.Close("张三", Today)));
        Assert.Equal("Rect.ItemClosed", Code(() => i.Reject("张三", "x", Now)));
    }

    [Fact]
    public void Illegal_transitions_are_refused_with_their_codes()
    {
        var (_, i) = Accepted(new DateOnly(2024, 4, 30));
        Assert.Equal("Rect.ItemNotStarted", Code(() => i.MarkDone("王五", Now)));
        Assert.Equal("Rect.ItemNotDone", Code(() => i.Close("张三", Today)));
        Assert.Equal("Rect.ItemNotDone", Code(() => i.Reject("张三", "理由", Now)));
        i.Start("王五", Now);
        Assert.Equal("Rect.ItemAlreadyStarted", Code(() => i.Start("王五", Now)));
        Assert.Equal("Rect.ItemNotDone", Code(() => i.Close("张三", Today)));
        i.AddEvidence(1);
        i.MarkDone("王五", Now);
        Assert.Equal("Rect.ItemAlreadyDone", Code(() => i.MarkDone("王五", Now)));
        Assert.Equal("Rect.ItemAlreadyStarted", Code(() => i.Start("王五", Now)));
        Assert.Equal("Rect.RejectReasonRequired", Code(() => i.Reject("张三", " ", Now)));
        Assert.Equal(ItemState.Done, i.State);
    }

    [Fact]
    public void Items_are_tracked_only_once_the_plan_is_accepted()
    {
        var p = RectificationPlan.Create(1, 2, 3, new DateOnly(2024, 2, 15), Today);
        var i = p.AddItem(10, "措施", "书记", new DateOnly(2024, 3, 1), "结果");
        Assert.Equal("Rect.PlanNotAccepted", Code(() => i.Start("王五", Now)));
        p.File([10], Today);
        Assert.Equal("Rect.PlanNotAccepted", Code(() => i.AddNote("进展", "王五", Now)));
        Assert.Equal("Rect.PlanNotAccepted", Code(() => i.AddEvidence(1)));
    }

    [Fact]
    public void Notes_and_evidence_are_validated()
    {
        var (_, i) = Accepted(new DateOnly(2024, 4, 30));
        Assert.Equal("Rect.NoteRequired", Code(() => i.AddNote("  ", "王五", Now)));
        Assert.Equal("Rect.NoteTooLong", Code(() => i.AddNote(new string('进', 1001), "王五", Now)));
        Assert.Equal("Rect.ActorRequired", Code(() => i.AddNote("进展", "", Now)));
        Assert.Equal("Rect.ActorTooLong", Code(() => i.AddNote("进展", new string('人', 101), Now)));
        Assert.Equal("Rect.EvidenceRequired", Code(() => i.AddEvidence(0)));
        for (var f = 1; f <= PlanItem.MaxEvidence; f++) i.AddEvidence(f);
        Assert.Equal("Rect.EvidenceTooMany", Code(() => i.AddEvidence(999)));
        i.RemoveEvidence(1);
        Assert.Equal(PlanItem.MaxEvidence - 1, i.EvidenceFileIds.Count);
        Assert.Empty(i.Notes);
    }

    [Fact]
    public void Overdue_after_the_deadline_day_unless_done_or_closed()
    {
        var deadline = new DateOnly(2024, 3, 31);
        var (_, i) = Accepted(deadline);
        Assert.False(i.IsOverdue(deadline));
        Assert.True(i.IsOverdue(deadline.AddDays(1))); // 未开始 and past
        i.Start("王五", Now);
        Assert.True(i.IsOverdue(new DateOnly(2024, 4, 1)));
        i.AddNote("进展", "王五", Now);
        i.MarkDone("王五", Now);
        Assert.False(i.IsOverdue(new DateOnly(2024, 4, 1))); // 待核验 is not overdue
        i.Reject("张三", "证据不足", Now);
        Assert.True(i.IsOverdue(new DateOnly(2024, 4, 1))); // back to 整改中, overdue again
        i.MarkDone("王五", Now);
        i.Close("张三", new DateOnly(2024, 4, 2));
        Assert.False(i.IsOverdue(new DateOnly(2024, 5, 1)));
    }

    [Fact]
    public void State_names_are_the_chinese_ones()
    {
        Assert.Equal(["未开始", "整改中", "已完成（待核验）", "已销号"],
            new[] { ItemState.NotStarted, ItemState.InProgress, ItemState.Done, ItemState.Closed }.Select(PlanItem.StateName));
    }
}
