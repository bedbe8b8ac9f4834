using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Shuzhi.Domain.Meetings;

public enum CodeKind
{
    Real = 1,
    /// <summary>演练: codes of their own whose ballots are discarded.</summary>
    Rehearsal = 2,
}

/// <summary>
/// One-time voting codes (投票码): 13 symbols from a 32-symbol alphabet without 0/O and 1/I
/// (13 × 5 = 65 bits from a cryptographic generator), printed as XXXX-XXXX-XXXXX, stored only as an
/// HMAC-SHA256 under a server key.
/// </summary>
public static class VotingCodes
{
    public const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    public const int Length = 13;
    /// <summary>log2(32) = 5 bits per symbol.</summary>
    public const int BitsPerSymbol = 5;
    public const int Bits = Length * BitsPerSymbol;
    public const int MinKeyBytes = 32;

    /// <summary>A new code, formatted for printing.</summary>
    public static string Generate() => Format(RandomNumberGenerator.GetString(Alphabet, Length));

    /// <summary><paramref name="count"/> distinct new codes, formatted for printing.</summary>
    public static IReadOnlyList<string> Generate(int count)
    {
        if (count is < 1 or > 10000) throw new DomainException("Meeting.CodeCountOutOfRange", 10000);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        while (codes.Count < count) codes.Add(Generate());
        return [.. codes];
    }

    /// <summary>XXXX-XXXX-XXXXX (groups of 4, 4 and 5) from a normalized code.</summary>
    public static string Format(string normalized)
    {
        if (normalized.Length != Length) throw new ArgumentException("A normalized code has 13 symbols.", nameof(normalized));
        return $"{normalized[..4]}-{normalized[4..8]}-{normalized[8..]}";
    }

    /// <summary>
    /// The code as typed, made canonical: spaces and hyphens (also full-width ones) are ignored,
    /// full-width letters and digits are read as ASCII, lower case as upper case. A character outside the
    /// alphabet (including 0, O, 1 and I, which no code contains) is refused, not guessed at.
    /// </summary>
    public static string Normalize(string? typed)
    {
        var sb = new StringBuilder(Length);
        foreach (var raw in typed ?? "")
        {
            var ch = raw is >= '\uFF01' and <= '\uFF5E' ? (char)(raw - 0xFEE0) : raw; // full-width → ASCII
            if (ch == '\u3000' || char.IsWhiteSpace(ch) || ch is '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' or '_') continue;
            var up = char.ToUpperInvariant(ch);
            if (!Alphabet.Contains(up))
            {
                if (up is '0' or 'O' or '1' or 'I') throw new DomainException("Meeting.CodeAmbiguousCharacter", raw.ToString());
                throw new DomainException("Meeting.CodeInvalidCharacter", raw.ToString());
            }
            sb.Append(up);
        }
        if (sb.Length != Length) throw new DomainException("Meeting.CodeLength", Length, sb.Length);
        return sb.ToString();
    }

    /// <summary>HMAC-SHA256 of the normalized code under the server key, lower-case hex (64 characters): the only stored form.</summary>
    public static string Hash(string code, byte[] key)
    {
        if (key is null || key.Length < MinKeyBytes) throw new ArgumentException($"The code key must have at least {MinKeyBytes} bytes.", nameof(key));
        var normalized = Normalize(code);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(normalized)));
    }
}

/// <summary>A voting code as stored: the keyed hash, its category and kind, and whether it has been used. Nothing links it to a ballot.</summary>
public sealed class VotingCode
{
    private VotingCode() { }

    public int Id { get; private set; }
    public int MeetingId { get; private set; }
    public int CategoryId { get; private set; }
    public CodeKind Kind { get; private set; }
    public string Hash { get; private set; } = "";
    public bool Used { get; private set; }

    public static VotingCode Create(int meetingId, int categoryId, CodeKind kind, string hash)
    {
        if (hash is null || hash.Length != 64 || !hash.All(Uri.IsHexDigit)) throw new ArgumentException("A code hash is 64 hex digits.", nameof(hash));
        return new VotingCode { MeetingId = meetingId, CategoryId = categoryId, Kind = kind, Hash = hash.ToLower(CultureInfo.InvariantCulture) };
    }

    /// <summary>Marks the code used; a code is accepted once.</summary>
    public void Use()
    {
        if (Used) throw new DomainException("Meeting.CodeUsed");
        Used = true;
    }
}

/// <summary>
/// A code that has cast its ballot: only the code's hash and the meeting, under the hash as key, so the database's
/// unique key (not a check before the insert) refuses a second ballot from the same code, also under concurrency.
/// Nothing here points to the ballot, and the ballot nothing to this.
/// </summary>
public sealed class UsedVotingCode
{
    private UsedVotingCode() { }

    public string Hash { get; private set; } = "";
    public int MeetingId { get; private set; }

    public static UsedVotingCode Of(VotingCode code) => new() { Hash = code.Hash, MeetingId = code.MeetingId };
}
