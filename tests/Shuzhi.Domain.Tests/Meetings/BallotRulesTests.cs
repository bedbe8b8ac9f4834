using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Meetings;

namespace Shuzhi.Domain.Tests.Meetings;

public class BallotRulesTests
{
    private static readonly BallotForm Grade = BallotForm.DefaultGrade();
    private static readonly BallotForm Dims = BallotForm.DefaultDimension();

    // A meeting covering two tracks: reporters 1–3 on the grade form, 4 on the dimension form.
    private static readonly ReporterForm[] Mixed = [new(1, 10, Grade), new(2, 10, Grade), new(3, 10, Grade), new(4, 20, Dims)];

    private static IEnumerable<string> Codes(IReadOnlyList<(string Code, object[] Args)> e) => e.Select(x => x.Code);

    [Fact]
    public void The_fewest_marked_is_the_share_rounded_up()
    {
        var rules = new BallotRules(MinShareMarked: 0.5m);
        Assert.Equal(3, rules.MinMarked(5)); // 0.5 × 5 = 2.5 → 3
        Assert.Equal(2, rules.MinMarked(4)); // 0.5 × 4 = 2
        Assert.Equal(0, new BallotRules(MinShareMarked: 0m).MinMarked(4));
        Assert.Equal(4, new BallotRules(MinShareMarked: 1m).MinMarked(4));
    }

    [Fact]
    public void A_valid_phone_ballot_has_no_errors_and_each_reporter_is_checked_against_its_own_track_form()
    {
        var rules = BallotRules.Default; // 4 reporters → at least 2 marked
        Assert.Empty(rules.ValidatePhone(Mixed, [Mark.ForGrade(1, "好"), Mark.ForPoints(4, 20, 15, 15, 20, 15, 14.5m)]));
        Assert.Equal(["Meeting.MarkNeedsGrade"], Codes(rules.ValidatePhone(Mixed, [Mark.ForPoints(1, 20, 15, 15, 20, 15, 15), Mark.ForGrade(2, "好")])));
        Assert.Equal(["Meeting.MarkNeedsPoints"], Codes(rules.ValidatePhone(Mixed, [Mark.ForGrade(4, "好"), Mark.ForGrade(2, "好")])));
    }

    [Fact]
    public void Phone_ballots_that_break_a_rule_are_refused_with_the_rule()
    {
        var rules = BallotRules.Default;
        Assert.Equal(["Meeting.BallotBlank"], Codes(rules.ValidatePhone(Mixed, [])));
        Assert.Equal(["Meeting.BallotBlank"], Codes(rules.ValidatePhone(Mixed, [new Mark(1)])));
        Assert.Equal(["Meeting.TooFewMarked"], Codes(rules.ValidatePhone(Mixed, [Mark.ForGrade(1, "好")])));
        Assert.Equal(["Meeting.UnknownReporter"], Codes(rules.ValidatePhone(Mixed, [Mark.ForGrade(9, "好"), Mark.ForGrade(1, "好")])));
        Assert.Equal(["Meeting.DuplicateMark"], Codes(rules.ValidatePhone(Mixed, [Mark.ForGrade(1, "好"), Mark.ForGrade(1, "差")])));
        Assert.Equal(["Meeting.GradeNotInForm"], Codes(rules.ValidatePhone(Mixed, [Mark.ForGrade(1, "优秀"), Mark.ForGrade(2, "好")])));
        // 德 max 20; 能 max 15; one decimal at most; all six dimensions filled in.
        var outOfRange = rules.ValidatePhone(Mixed, [Mark.ForPoints(4, 21, 15, 15, 20, 15, 15), Mark.ForGrade(2, "好")]);
        Assert.Equal("Meeting.PointsOutOfRange", outOfRange.Single().Code);
        Assert.Equal([4, "德", 20], outOfRange.Single().Args);
        Assert.Equal(["Meeting.PointsOutOfRange"], Codes(rules.ValidatePhone(Mixed, [Mark.ForPoints(4, 20, -1, 15, 20, 15, 15), Mark.ForGrade(2, "好")])));
        Assert.Equal(["Meeting.PointsOutOfRange"], Codes(rules.ValidatePhone(Mixed, [Mark.ForPoints(4, 19.25m, 15, 15, 20, 15, 15), Mark.ForGrade(2, "好")])));
        Assert.Equal(["Meeting.PointsIncomplete"], Codes(rules.ValidatePhone(Mixed, [new Mark(4, null, [20, null, 15, 20, 15, 15]), Mark.ForGrade(2, "好")])));
        Assert.Equal(["Meeting.DimensionCount"], Codes(rules.ValidatePhone(Mixed, [Mark.ForPoints(4, 20, 15), Mark.ForGrade(2, "好")])));
        Assert.Throws<DomainException>(() => MeetingBallot.FromPhone(1, 1, Mixed, [Mark.ForGrade(1, "好")], rules));
    }

    [Fact]
    public void Paper_ballots_are_entered_as_they_read_and_classified()
    {
        var rules = BallotRules.Default; // 4 reporters → at least 2 marked
        Assert.Equal(InvalidReason.Blank, rules.ClassifyPaper(Mixed, []).Reason);
        Assert.Equal(InvalidReason.TooFewMarked, rules.ClassifyPaper(Mixed, [Mark.ForGrade(3, "差")]).Reason);
        Assert.True(rules.ClassifyPaper(Mixed, [Mark.ForGrade(3, "差"), Mark.ForGrade(1, "一般")]).IsValid);
        Assert.Equal(InvalidReason.PointsOutOfRange,
            rules.ClassifyPaper(Mixed, [Mark.ForGrade(1, "好"), Mark.ForGrade(2, "好"), Mark.ForPoints(4, 20, 16, 15, 20, 15, 15)]).Reason);
        Assert.Equal(InvalidReason.PointsIncomplete,
            rules.ClassifyPaper(Mixed, [Mark.ForGrade(1, "好"), Mark.ForGrade(2, "好"), new Mark(4, null, [20, null, 15, 20, 15, 15])]).Reason);
        // What cannot be on the sheet is an entry error, not an invalid ballot.
        Assert.Equal("Meeting.UnknownReporter", Assert.Throws<DomainException>(() => rules.ClassifyPaper(Mixed, [Mark.ForGrade(7, "好")])).Code);
        Assert.Equal("Meeting.GradeNotInForm", Assert.Throws<DomainException>(() => rules.ClassifyPaper(Mixed, [Mark.ForGrade(1, "很好")])).Code);

        var b = MeetingBallot.FromPaper(3, 5, Mixed, [Mark.ForGrade(2, " 较好 "), new Mark(3), Mark.ForGrade(1, "好")], rules);
        Assert.Equal((3, 5, BallotSource.Paper, true), (b.MeetingId, b.CategoryId, b.Source, b.IsValid));
        // Stored: empty marks dropped, in reporter order, labels trimmed.
        Assert.Equal([Mark.ForGrade(1, "好"), Mark.ForGrade(2, "较好")], b.Marks);
        Assert.NotEqual(Guid.Empty, b.Id);
    }

    [Fact]
    public void Blank_and_share_rules_are_configurable()
    {
        var lenient = new BallotRules(MinShareMarked: 0m, BlankInvalid: false);
        Assert.True(lenient.ClassifyPaper(Mixed, []).IsValid);
        Assert.Empty(lenient.ValidatePhone(Mixed, []));
        // A blank ballot under a share rule but with blank allowed is "too few marked".
        var shareOnly = new BallotRules(MinShareMarked: 0.25m, BlankInvalid: false);
        Assert.Equal(InvalidReason.TooFewMarked, shareOnly.ClassifyPaper(Mixed, []).Reason);
        Assert.True(shareOnly.ClassifyPaper(Mixed, [Mark.ForGrade(1, "好")]).IsValid); // ⌈0.25 × 4⌉ = 1
        // Out of range does not void the ballot: the mark is dropped and no longer counts as marked.
        var keep = new BallotRules(MinShareMarked: 0.5m, OutOfRangeInvalid: false);
        Assert.True(keep.ClassifyPaper(Mixed, [Mark.ForGrade(1, "好"), Mark.ForGrade(2, "好"), Mark.ForPoints(4, 30, 15, 15, 20, 15, 15)]).IsValid);
        Assert.Equal(InvalidReason.TooFewMarked, keep.ClassifyPaper(Mixed, [Mark.ForGrade(1, "好"), Mark.ForPoints(4, 30, 15, 15, 20, 15, 15)]).Reason);
        Assert.Equal("Meeting.MinShareOutOfRange", Assert.Throws<DomainException>(() => new BallotRules(MinShareMarked: 1.5m).EnsureValid()).Code);
        Assert.Equal("Meeting.TrimOutOfRange", Assert.Throws<DomainException>(() => new BallotRules(TrimK: -1).EnsureValid()).Code);
    }
}
