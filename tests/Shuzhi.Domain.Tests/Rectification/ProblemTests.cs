using Shuzhi.Domain.Rectification;

namespace Shuzhi.Domain.Tests.Rectification;

public class ProblemTests
{
    private static readonly DateTimeOffset Now = new(2024, 1, 20, 9, 0, 0, TimeSpan.FromHours(8));

    private static string Code(Action a) => Assert.Throws<DomainException>(a).Code;

    [Fact]
    public void Each_source_keeps_its_link()
    {
        var c = Problem.Create(1, 2, 3, "点评指出：支部书记履职不到位", ProblemSource.FromComment(41), Now);
        Assert.Equal((ProblemSourceKind.MeetingComment, 41), (c.SourceKind, c.SourceRefId));
        Assert.Equal(ProblemSource.FromComment(41), c.Source);
        Assert.Equal(Now, c.CreatedAt);

        var s = Problem.Create(1, 2, 3, "巡察反馈：发展党员程序不规范", ProblemSource.Staff(" 巡视巡察反馈 "), Now);
        Assert.Equal((ProblemSourceKind.StaffEntered, "巡视巡察反馈", (int?)null), (s.SourceKind, s.SourceText, s.SourceRefId));
        Assert.Equal(ProblemSource.Staff("巡视巡察反馈"), s.Source);

        var r = ProblemSource.FromReport(7, 2);
        Assert.Equal((ProblemSourceKind.ReportProblems, (int?)7, (int?)2), (r.Kind, r.RefId, r.Position));
        Assert.Equal(ProblemSourceKind.Opinion, ProblemSource.FromOpinion(5).Kind);
        Assert.Equal(ProblemSourceKind.InspectionNote, ProblemSource.FromInspection(6).Kind);
        Assert.Equal(ProblemSourceKind.Interview, ProblemSource.FromInterview(8).Kind);
        Assert.Equal(["巡视巡察反馈", "年度考核", "环保督察", "乡村振兴实绩考核", "安全生产考核"], ProblemSource.DefaultStaffSources);
        // A staff source need not be one of the defaults.
        Assert.Equal("主题教育检视", ProblemSource.Staff("主题教育检视").Text);
    }

    [Fact]
    public void Links_and_texts_are_checked()
    {
        Assert.Equal("Rect.SourceLinkRequired", Code(() => ProblemSource.FromComment(0)));
        Assert.Equal("Rect.SourcePositionInvalid", Code(() => ProblemSource.FromReport(7, -1)));
        Assert.Equal("Rect.SourceTextRequired", Code(() => ProblemSource.Staff("  ")));
        Assert.Equal("Rect.SourceTextTooLong", Code(() => ProblemSource.Staff(new string('查', 101))));
        Assert.Equal("Rect.ProblemTextRequired", Code(() => Problem.Create(1, 2, 3, " \n", ProblemSource.FromOpinion(1), Now)));
        var e = Assert.Throws<DomainException>(() => Problem.Create(1, 2, 3, new string('问', 501), ProblemSource.FromOpinion(1), Now));
        Assert.Equal(("Rect.ProblemTextTooLong", 500, 501), (e.Code, (int)e.Args[0], (int)e.Args[1]));
        Assert.Equal("Rect.ProblemOwnerRequired", Code(() => Problem.Create(1, 0, 3, "x", ProblemSource.FromOpinion(1), Now)));
        Assert.Equal(500, Problem.Create(1, 2, 3, new string('问', 500), ProblemSource.FromOpinion(1), Now).Text.Length);
    }

    [Fact]
    public void Problems_from_a_report_link_the_report_and_their_position_and_fit_500()
    {
        var text = "一是" + new string('长', 600) + "。二是台账不全。究其原因，是重视不够。";
        var list = Problem.FromReport(1, 2, 3, 70, text, Now);
        Assert.Equal(2, list.Count);
        Assert.Equal(500, list[0].Text.Length);
        Assert.EndsWith("…", list[0].Text);
        Assert.Equal("台账不全。", list[1].Text);
        Assert.Equal([(70, 0), (70, 1)], list.Select(p => (p.SourceRefId!.Value, p.SourcePosition!.Value)));
        Assert.All(list, p => Assert.Equal(ProblemSourceKind.ReportProblems, p.SourceKind));
    }

    [Fact]
    public void Editing_keeps_the_source()
    {
        var p = Problem.Create(1, 2, 3, "原文", ProblemSource.FromInspection(9), Now);
        p.Edit(" 改写后的问题 ");
        Assert.Equal("改写后的问题", p.Text);
        Assert.Equal(ProblemSource.FromInspection(9), p.Source);
    }
}

public class ProblemSourceListTests
{
    private static readonly DateTimeOffset Now = new(2024, 1, 20, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void The_staff_source_list_is_editable_and_normalized()
    {
        var list = ProblemSource.NormalizeStaffSources([.. ProblemSource.DefaultStaffSources, " 主题教育检视 ", "年度考核", "", null]);
        Assert.Equal(["巡视巡察反馈", "年度考核", "环保督察", "乡村振兴实绩考核", "安全生产考核", "主题教育检视"], list);
        Assert.Equal("Rect.StaffSourcesEmpty", Assert.Throws<DomainException>(() => ProblemSource.NormalizeStaffSources([" "])).Code);
        Assert.Equal("Rect.StaffSourcesTooMany", Assert.Throws<DomainException>(() => ProblemSource.NormalizeStaffSources(Enumerable.Range(1, 21).Select(i => $"来源{i}"))).Code);
        Assert.Equal("Rect.SourceTextTooLong", Assert.Throws<DomainException>(() => ProblemSource.NormalizeStaffSources([new string('源', 101)])).Code);
    }

    [Fact]
    public void A_meeting_comment_becomes_a_problem_only_when_marked_as_one()
    {
        var marked = Shuzhi.Domain.Meetings.MeetingComment.Create(5, 12, null, "县委书记", "村级后备力量培养不足，要建立后备干部库。", isProblem: true);
        typeof(Shuzhi.Domain.Meetings.MeetingComment).GetProperty("Id")!.SetValue(marked, 41);
        var p = Problem.FromComment(1, 3, marked, Now);
        Assert.Equal((12, "村级后备力量培养不足，要建立后备干部库。", ProblemSourceKind.MeetingComment, (int?)41), (p.ReporterId, p.Text, p.SourceKind, p.SourceRefId));

        var plain = Shuzhi.Domain.Meetings.MeetingComment.Create(5, 12, null, "县委书记", "工作有亮点。", isProblem: false);
        Assert.Equal("Rect.CommentNotProblem", Assert.Throws<DomainException>(() => Problem.FromComment(1, 3, plain, Now)).Code);
    }
}
