using System.Text.RegularExpressions;
using Shuzhi.Domain.Meetings;

namespace Shuzhi.Domain.Tests.Meetings;

public class VotingCodesTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void Codes_have_at_least_64_bits_from_a_typable_alphabet_and_print_in_groups()
    {
        Assert.Equal(32, VotingCodes.Alphabet.Distinct().Count()); // 32 symbols = 5 bits
        Assert.DoesNotContain(VotingCodes.Alphabet, c => c is '0' or 'O' or '1' or 'I');
        Assert.Equal(65, VotingCodes.Bits); // 13 × 5
        var codes = VotingCodes.Generate(500);
        Assert.Equal(500, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches(new Regex("^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{5}$"), c));
        // Every symbol of the alphabet turns up in 500 × 13 = 6500 draws (each missing with probability (31/32)^6500 ≈ 0).
        Assert.Equal(VotingCodes.Alphabet.Order(), codes.SelectMany(c => c.Replace("-", "")).Distinct().Order());
    }

    [Fact]
    public void Typed_codes_are_normalized_and_characters_outside_the_alphabet_refused()
    {
        Assert.Equal("23456789ABCDE", VotingCodes.Normalize(" 2345-6789-abcde "));
        Assert.Equal("23456789ABCDE", VotingCodes.Normalize("２３４５ ６７８９ ＡＢＣＤＥ")); // full-width, as a Chinese IME may type
        Assert.Equal("2345-6789-ABCDE", VotingCodes.Format("23456789ABCDE"));
        Assert.Equal("Meeting.CodeAmbiguousCharacter", Assert.Throws<DomainException>(() => VotingCodes.Normalize("2345-6789-ABCD0")).Code);
        Assert.Equal("Meeting.CodeAmbiguousCharacter", Assert.Throws<DomainException>(() => VotingCodes.Normalize("2345-6789-ABCDi")).Code);
        Assert.Equal("Meeting.CodeInvalidCharacter", Assert.Throws<DomainException>(() => VotingCodes.Normalize("2345-6789-ABCD#")).Code);
        var length = Assert.Throws<DomainException>(() => VotingCodes.Normalize("2345-6789"));
        Assert.Equal("Meeting.CodeLength", length.Code);
        Assert.Equal([13, 8], length.Args);
    }

    [Fact]
    public void Only_a_keyed_hash_is_stored()
    {
        // Python: hmac.new(bytes(range(1, 33)), b"23456789ABCDE", hashlib.sha256).hexdigest()
        const string expected = "b486c063001d914beb040b1f28410094bd5ef17916b0a8a5fd81cc832697b623";
        Assert.Equal(expected, VotingCodes.Hash("23456789ABCDE", Key));
        Assert.Equal(expected, VotingCodes.Hash("2345-6789-abcde", Key));
        Assert.NotEqual(expected, VotingCodes.Hash("23456789ABCDE", Enumerable.Repeat((byte)7, 32).ToArray()));
        Assert.Throws<ArgumentException>(() => VotingCodes.Hash("23456789ABCDE", new byte[16]));

        var code = VotingCode.Create(1, 2, CodeKind.Rehearsal, expected.ToUpperInvariant());
        Assert.Equal(expected, code.Hash);
        code.Use();
        Assert.Equal("Meeting.CodeUsed", Assert.Throws<DomainException>(code.Use).Code);
    }
}
