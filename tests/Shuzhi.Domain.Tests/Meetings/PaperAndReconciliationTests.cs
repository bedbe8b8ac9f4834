using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Meetings;

namespace Shuzhi.Domain.Tests.Meetings;

public class PaperDoubleEntryTests
{
    private static readonly ReporterForm[] Reporters = [new(1, 10, BallotForm.DefaultGrade()), new(2, 20, BallotForm.DefaultDimension())];

    [Fact]
    public void Identical_entries_agree()
    {
        PaperSheet[] a = [new(1, 3, [Mark.ForGrade(1, "好")]), new(2, 3, [Mark.ForGrade(1, "差"), Mark.ForPoints(2, 20, 15, 15, 20, 15, 15)])];
        PaperSheet[] b = [new(2, 3, [Mark.ForPoints(2, 20, 15, 15, 20, 15, 15), Mark.ForGrade(1, " 差")]), new(1, 3, [Mark.ForGrade(1, "好")])];
        Assert.True(PaperDoubleEntry.Compare(Reporters, a, b).Agree);
    }

    [Fact]
    public void Every_difference_and_every_sheet_entered_once_is_listed()
    {
        PaperSheet[] a =
        [
            new(1, 3, [Mark.ForGrade(1, "好"), Mark.ForPoints(2, 20, 15, 15, 20, 15, 15)]),
            new(2, 3, [Mark.ForGrade(1, "较好")]),
            new(4, 3, []),
        ];
        PaperSheet[] b =
        [
            new(1, 4, [Mark.ForGrade(1, "较好"), Mark.ForPoints(2, 20, 15, 13, 20, 15, 15)]),
            new(2, 3, []),
            new(5, 3, []),
        ];
        var r = PaperDoubleEntry.Compare(Reporters, a, b);
        Assert.False(r.Agree);
        Assert.Equal(
        [
            new EntryMismatch(1, null, "类别", "3", "4"),
            new EntryMismatch(1, 1, "等次", "好", "较好"),
            new EntryMismatch(1, 2, "勤", "15", "13"),
            new EntryMismatch(2, 1, "等次", "较好", null),
        ], r.Mismatches);
        Assert.Equal([4], r.OnlyInA);
        Assert.Equal([5], r.OnlyInB);
        Assert.Equal("Meeting.SheetNumberDuplicate",
            Assert.Throws<DomainException>(() => PaperDoubleEntry.Compare(Reporters, [new(1, 3, []), new(1, 3, [])], [])).Code);
    }
}

public class ReconciliationTests
{
    private static readonly ReporterForm[] Reporters = [new(1, 10, BallotForm.DefaultGrade())];
    private static readonly BallotRules Rules = BallotRules.Default;

    private static MeetingBallot Phone(int c) => MeetingBallot.FromPhone(1, c, Reporters, [Mark.ForGrade(1, "好")], Rules);
    private static MeetingBallot Paper(int c, bool valid) => MeetingBallot.FromPaper(1, c, Reporters, valid ? [Mark.ForGrade(1, "好")] : [], Rules);

    [Fact]
    public void Issued_returned_valid_and_invalid_reconcile_per_category()
    {
        VoterCategoryCount[] categories = [new(1, "党员代表", 10), new(2, "群众代表", 2), new(3, "工作人员", 5)];
        var ballots = new[]
        {
            Phone(1), Phone(1), Phone(1), Paper(1, true), Paper(1, true), Paper(1, false), // 1: 3 phone + 3 paper
            Paper(2, true), Paper(2, true), Paper(2, false),                               // 2: 3 returned of 2 issued
        };
        var rows = Reconciliation.Compute(categories, ballots).ToDictionary(r => r.CategoryId);
        // 1: returned 3 + 3 = 6 ≤ 10; valid 5 + invalid 1 = 6 = returned.
        Assert.Equal((10, 6, 5, 1, true), (rows[1].Issued, rows[1].Returned, rows[1].Valid, rows[1].Invalid, rows[1].Ok));
        // 2: returned 3 > issued 2.
        Assert.True(rows[2].ReturnedExceedsIssued);
        Assert.False(rows[2].CountsDisagree);
        Assert.Equal((0, 0, true), (rows[3].Returned, rows[3].Valid, rows[3].Ok));

        // Staff counted 4 sheets out of the box for category 1 but entered 3: returned 3 + 4 = 7 ≠ 5 + 1 = 6.
        var counted = Reconciliation.Compute(categories, ballots, new Dictionary<int, int> { [1] = 4 }).Single(r => r.CategoryId == 1);
        Assert.Equal(7, counted.Returned);
        Assert.True(counted.CountsDisagree);
        Assert.False(counted.Ok);
    }
}
