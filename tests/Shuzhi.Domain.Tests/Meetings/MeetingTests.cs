using Shuzhi.Domain.Meetings;

namespace Shuzhi.Domain.Tests.Meetings;

public class MeetingTests
{
    private static string Code(Action a) => Assert.Throws<DomainException>(a).Code;

    [Fact]
    public void Voting_opens_and_closes_by_staff_action_and_ballots_outside_the_window_are_refused()
    {
        var m = Meeting.Create(1, " 2024年度述职评议会 ");
        Assert.Equal("2024年度述职评议会", m.Title);
        Assert.Equal(VotingState.Draft, m.State);
        Assert.Equal("Meeting.VotingNotOpen", Code(() => m.EnsureOpen(CodeKind.Real)));
        Assert.Equal("Meeting.VotingNotOpen", Code(() => m.CloseVoting(new string('a', 64))));

        m.OpenVoting();
        m.EnsureOpen(CodeKind.Real);
        m.EnsureBallotsMutable();
        Assert.Equal("Meeting.VotingAlreadyOpen", Code(m.OpenVoting));
        Assert.Equal("Meeting.RulesLocked", Code(() => m.SetRules(BallotRules.Default)));

        m.CloseVoting(new string('A', 64));
        Assert.Equal(VotingState.Closed, m.State);
        Assert.Equal(new string('a', 64), m.Digest);
        Assert.Equal("Meeting.VotingClosed", Code(() => m.EnsureOpen(CodeKind.Real)));
        Assert.Equal("Meeting.VotingClosed", Code(m.OpenVoting));
        Assert.Equal("Meeting.BallotsClosed", Code(m.EnsureBallotsMutable));
        Assert.True(m.DigestMatches(new string('a', 64)));
        Assert.False(m.DigestMatches(new string('b', 64)));
    }

    [Theory]
    // state, rehearsal, kind of code → the refusal, or none when the ballot may be cast (the voting endpoints read the states with the code).
    [InlineData(VotingState.Draft, RehearsalState.None, CodeKind.Real, "Meeting.VotingNotOpen")]
    [InlineData(VotingState.Open, RehearsalState.None, CodeKind.Real, null)]
    [InlineData(VotingState.Closed, RehearsalState.None, CodeKind.Real, "Meeting.VotingClosed")]
    [InlineData(VotingState.Draft, RehearsalState.Open, CodeKind.Real, "Meeting.VotingNotOpen")]
    [InlineData(VotingState.Draft, RehearsalState.Open, CodeKind.Rehearsal, null)]
    [InlineData(VotingState.Open, RehearsalState.None, CodeKind.Rehearsal, "Meeting.RehearsalNotOpen")]
    [InlineData(VotingState.Draft, RehearsalState.Closed, CodeKind.Rehearsal, "Meeting.RehearsalNotOpen")]
    public void Whether_a_code_may_vote_depends_on_its_kind_and_the_meeting_states_alone(VotingState state, RehearsalState rehearsal, CodeKind kind, string? refusal)
    {
        if (refusal is null) Meeting.EnsureOpen(state, rehearsal, kind);
        else Assert.Equal(refusal, Code(() => Meeting.EnsureOpen(state, rehearsal, kind)));
    }

    [Fact]
    public void The_rehearsal_runs_only_before_real_voting_and_uses_its_own_codes()
    {
        var m = Meeting.Create(1, "评议会");
        Assert.Equal("Meeting.RehearsalNotOpen", Code(() => m.EnsureOpen(CodeKind.Rehearsal)));
        m.OpenRehearsal();
        m.EnsureOpen(CodeKind.Rehearsal);
        Assert.Equal("Meeting.VotingNotOpen", Code(() => m.EnsureOpen(CodeKind.Real)));
        Assert.Equal("Meeting.RehearsalAlreadyOpen", Code(m.OpenRehearsal));
        m.CloseRehearsal();
        m.OpenRehearsal(); // may run again
        m.OpenVoting();    // closes the rehearsal
        Assert.Equal(RehearsalState.Closed, m.Rehearsal);
        Assert.Equal("Meeting.RehearsalNotOpen", Code(() => m.EnsureOpen(CodeKind.Rehearsal)));
        Assert.Equal("Meeting.RehearsalAfterVoting", Code(m.OpenRehearsal));
    }

    [Fact]
    public void Speakers_are_ordered_and_reordered()
    {
        var m = Meeting.Create(1, "评议会");
        m.SetSpeakers([5, 3, 9]);
        m.Reorder([9, 5, 3]);
        Assert.Equal([9, 5, 3], m.SpeakerOrder);
        m.Move(3, -1);
        Assert.Equal([9, 3, 5], m.SpeakerOrder);
        m.Move(9, -1); // already first
        Assert.Equal([9, 3, 5], m.SpeakerOrder);
        Assert.Equal("Meeting.SpeakerOrderMismatch", Code(() => m.Reorder([9, 5])));
        Assert.Equal("Meeting.SpeakerOrderMismatch", Code(() => m.Reorder([9, 5, 4])));
        Assert.Equal("Meeting.SpeakerDuplicate", Code(() => m.SetSpeakers([1, 1])));
        Assert.Equal("Meeting.SpeakerNotFound", Code(() => m.Move(42, 1)));
        Assert.Equal("Meeting.TitleRequired", Code(() => Meeting.Create(1, "  ")));
        Assert.Equal("Meeting.TitleTooLong", Code(() => Meeting.Create(1, new string('会', 201))));
    }

    [Fact]
    public void Comments_carry_the_author_the_text_and_whether_they_point_out_a_problem()
    {
        var c = MeetingComment.Create(1, 7, "user-1", "张书记", " 党员发展工作滞后，要限期整改。 ", isProblem: true);
        Assert.Equal(("张书记", "党员发展工作滞后，要限期整改。", true, 7), (c.AuthorName, c.Text, c.IsProblem, c.ReporterId));
        Assert.Equal("Meeting.CommentRequired", Code(() => c.Update("张书记", " ", false)));
        Assert.Equal("Meeting.CommentTooLong", Code(() => c.Update("张书记", new string('字', 2001), false)));
        c.Update("张书记", new string('字', 2000), false);
        Assert.Equal("Meeting.CommentAuthorRequired", Code(() => MeetingComment.Create(1, 7, null, "", "点评", false)));
    }
}

public class VoterCategoryTests
{
    [Fact]
    public void The_defaults_are_the_seven_categories_of_the_issue()
    {
        Assert.Equal(7, VoterCategory.DefaultNames.Count);
        Assert.Equal("党委(党组)委员/班子成员", VoterCategory.DefaultNames[0]);
        Assert.Contains("师生代表", VoterCategory.DefaultNames);
        Assert.Empty(VoterCategory.Validate(VoterCategory.DefaultNames.Select(n => (n, 1m, 10)).ToList()));
    }

    [Fact]
    public void A_set_of_categories_is_validated()
    {
        static IEnumerable<string> Codes(params (string, decimal, int)[] c) => VoterCategory.Validate(c).Select(e => e.Code);
        Assert.Equal(["Meeting.CategoryNameRequired"], Codes(("", 1m, 0)));
        Assert.Equal(["Meeting.CategoryNameTooLong"], Codes((new string('类', 51), 1m, 0)));
        Assert.Equal(["Meeting.CategoryNameDuplicate"], Codes(("群众代表", 1m, 0), (" 群众代表", 0.5m, 3)));
        Assert.Equal(["Meeting.CategoryWeightNegative", "Meeting.NoPositiveWeight"], Codes(("群众代表", -1m, 0)));
        Assert.Equal(["Meeting.NoPositiveWeight"], Codes(("群众代表", 0m, 0), ("工作人员", 0m, 0)));
        Assert.Equal(["Meeting.IssuedNegative"], Codes(("群众代表", 1m, -1)));
        Assert.Equal(["Meeting.NoCategories"], Codes());

        var c = VoterCategory.Create(1, " 党员代表 ", 0.3m, 40, 2);
        Assert.Equal(("党员代表", 0.3m, 40), (c.Name, c.Weight, c.Issued));
        Assert.Equal("Meeting.CategoryWeightNegative", Assert.Throws<DomainException>(() => c.Update("党员代表", -0.1m, 40, 2)).Code);
        Assert.Equal("Meeting.IssuedNegative", Assert.Throws<DomainException>(() => c.SetIssued(-1)).Code);
    }
}
