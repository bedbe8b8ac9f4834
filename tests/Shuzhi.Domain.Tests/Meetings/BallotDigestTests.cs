using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Meetings;

namespace Shuzhi.Domain.Tests.Meetings;

public class BallotDigestTests
{
    private static readonly ReporterForm[] Reporters = [new(1, 10, BallotForm.DefaultGrade()), new(2, 20, BallotForm.DefaultDimension())];
    private static readonly BallotRules Rules = new(MinShareMarked: 0m, BlankInvalid: false);

    private static MeetingBallot B(int category, params Mark[] marks) => MeetingBallot.FromPaper(1, category, Reporters, marks, Rules);

    [Fact]
    public void The_canonical_line_holds_category_validity_and_marks_in_reporter_order()
    {
        var b = B(1, Mark.ForPoints(2, 18.5m, 15, 0, 20.0m, 15, 15), Mark.ForGrade(1, "好"));
        // 好 = U+597D = UTF-8 E5 A5 BD; 20.0 is written 20.
        Assert.Equal("1;V;1=g:%E5%A5%BD,2=p:18.5/15/0/20/15/15", BallotDigest.Line(b));
        Assert.Equal("3;V;", BallotDigest.Line(B(3)));
    }

    [Fact]
    public void The_digest_is_sha256_of_the_sorted_lines_and_ignores_ids_and_order()
    {
        var x = B(2, Mark.ForGrade(1, "较好"));
        var y = B(1, Mark.ForGrade(1, "好"));
        var z = B(1, Mark.ForGrade(1, "好")); // same content as y, another id
        Assert.NotEqual(y.Id, z.Id);
        // Sorted ordinally: "1;V;1=g:%E5%A5%BD" twice, then "2;V;1=g:%E8%BE%83%E5%A5%BD".
        Assert.Equal("1;V;1=g:%E5%A5%BD\n1;V;1=g:%E5%A5%BD\n2;V;1=g:%E8%BE%83%E5%A5%BD", BallotDigest.Canonical([x, y, z]));
        var d = BallotDigest.Compute([x, y, z]);
        Assert.Equal(d, BallotDigest.Compute([z, x, y]));
        Assert.Matches("^[0-9a-f]{64}$", d);
        // A changed mark or a removed ballot changes the digest.
        Assert.NotEqual(d, BallotDigest.Compute([x, y, B(1, Mark.ForGrade(1, "差"))]));
        Assert.NotEqual(d, BallotDigest.Compute([x, y]));
    }

    [Fact]
    public void A_known_canonical_text_has_a_known_digest()
    {
        // Python: hashlib.sha256("1;V;1=g:%E5%A5%BD,2=p:18.5/15/0".encode()).hexdigest()
        var canonical = "1;V;1=g:%E5%A5%BD,2=p:18.5/15/0";
        Assert.Equal(canonical, BallotDigest.Line(1, true, [new Mark(2, null, [18.5m, 15, 0]), Mark.ForGrade(1, "好")]));
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)));
        Assert.Equal("3b22b07d91b0c7d3f18b3467501f29a52b2fa3046ce148b74e0764ee4666a752", sha);
    }

    [Fact]
    public void Verify_compares_the_stored_and_recomputed_digests()
    {
        var d = BallotDigest.Compute([B(1, Mark.ForGrade(1, "好"))]);
        Assert.True(BallotDigest.Verify(d, d));
        Assert.True(BallotDigest.Verify(d.ToUpperInvariant(), d));
        Assert.False(BallotDigest.Verify(d, BallotDigest.Compute([])));
        Assert.False(BallotDigest.Verify("", d));
    }

    [Fact]
    public void The_line_order_on_utf8_bytes_is_the_ordinal_order_of_the_strings()
    {
        // ASCII, CJK, U+E000–U+FFFF and characters above U+FFFF (surrogate pairs), where UTF-8 byte order and UTF-16
        // ordinal order part ways unless the comparer corrects it.
        string[] alphabet = ["a", "b", ";", "=", "%", "1", "2", "好", "较", "\uE000", "\uFFFD", "\U0001F600", "\U00020000", "é", "\u07FF", "\u0800"];
        var random = new Random(11);
        var lines = Enumerable.Range(0, 2000)
            .Select(_ => string.Concat(Enumerable.Range(0, random.Next(0, 6)).Select(_ => alphabet[random.Next(alphabet.Length)])))
            .ToList();
        for (var i = 0; i < lines.Count - 1; i++)
        {
            var expected = Math.Sign(string.CompareOrdinal(lines[i], lines[i + 1]));
            var actual = Math.Sign(BallotDigest.LineOrder.Compare(System.Text.Encoding.UTF8.GetBytes(lines[i]), System.Text.Encoding.UTF8.GetBytes(lines[i + 1])));
            Assert.True(expected == actual, $"{lines[i]} vs {lines[i + 1]}: ordinal {expected}, bytes {actual}");
        }
        // Sorting by bytes gives the strings' ordinal order, so the streamed digest equals the one of FromLines.
        var bytes = lines.Select(System.Text.Encoding.UTF8.GetBytes).ToList();
        bytes.Sort(BallotDigest.LineOrder);
        Assert.Equal(lines.Order(StringComparer.Ordinal), bytes.Select(System.Text.Encoding.UTF8.GetString));
        Assert.Equal(BallotDigest.FromLines([.. lines]), BallotDigest.FromSortedLines(bytes));
    }

    [Fact]
    public void The_streamed_digest_equals_the_digest_of_the_ballots_and_refuses_lines_out_of_order()
    {
        var ballots = new[] { B(2, Mark.ForGrade(1, "较好")), B(1, Mark.ForGrade(1, "好")), B(1, Mark.ForGrade(1, "好"), Mark.ForPoints(2, 18.5m, 15, 0, 20, 15, 15)), B(12) };
        var sorted = ballots.Select(BallotDigest.Line).Order(StringComparer.Ordinal).Select(System.Text.Encoding.UTF8.GetBytes).ToList();
        Assert.Equal(BallotDigest.Compute(ballots), BallotDigest.FromSortedLines(sorted));
        Assert.Equal(BallotDigest.Compute([]), BallotDigest.FromSortedLines([]));
        sorted.Reverse();
        Assert.Throws<ArgumentException>(() => BallotDigest.FromSortedLines(sorted));
    }
}
