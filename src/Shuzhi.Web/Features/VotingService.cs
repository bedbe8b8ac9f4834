using Shuzhi.Domain.Meetings;

namespace Shuzhi.Web.Features;

/// <summary>What a phone needs to show the ballot for a code: the meeting, the category and every speaker with its form.</summary>
public sealed record BallotSheet(int MeetingId, string MeetingTitle, string CategoryName, CodeKind Kind, IReadOnlyList<MeetingSpeaker> Speakers, BallotRules Rules);

/// <summary>A code already used: answered 409, nothing stored.</summary>
public sealed class CodeUsedException() : Exception("voting code already used");

/// <summary>
/// The anonymous side of the vote: a voter holds a one-time code and no account. The code is found by its keyed hash
/// across all meetings, the one place that reads past the scope filters (an anonymous request has no scope); it reads
/// nothing but the code's meeting and speakers. A ballot is stored with the meeting, the category and the marks only;
/// the used code goes into a table of its own under a unique key, in the same transaction, so a second ballot from the
/// same code fails in the database, also when both arrive at once. Codes are never logged or audited.
/// </summary>
public sealed class VotingService(AppDbContext db, VotingKey key)
{
    private async Task<(VotingCode Code, Meeting Meeting)> FindAsync(string? typed, CancellationToken ct)
    {
        var normalized = VotingCodes.Normalize(typed); // throws Meeting.CodeLength / CodeInvalidCharacter …
        var hash = key.Hash(normalized);
        var code = await db.VotingCodes.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(c => c.Hash == hash, ct)
            ?? throw new DomainException("Meeting.CodeUnknown");
        var meeting = await db.Meetings.IgnoreQueryFilters().AsNoTracking().SingleAsync(m => m.Id == code.MeetingId, ct);
        return (code, meeting);
    }

    private Task<bool> UsedAsync(string hash, CancellationToken ct) => db.UsedVotingCodes.IgnoreQueryFilters().AnyAsync(u => u.Hash == hash, ct);

    /// <summary>The ballot sheet for a code that may vote now; a used code throws <see cref="CodeUsedException"/>.</summary>
    public async Task<BallotSheet> SheetAsync(string? typed, CancellationToken ct)
    {
        var (code, meeting) = await FindAsync(typed, ct);
        meeting.EnsureOpen(code.Kind);
        if (await UsedAsync(code.Hash, ct)) throw new CodeUsedException();
        var category = await db.VoterCategories.IgnoreQueryFilters().AsNoTracking().Where(c => c.Id == code.CategoryId).Select(c => c.Name).SingleAsync(ct);
        return new BallotSheet(meeting.Id, meeting.Title, category, code.Kind, await MeetingCommands.SpeakersAsync(db, meeting, ignoreFilters: true, ct), meeting.Rules);
    }

    /// <summary>
    /// Casts the ballot of a code: refused with the rule it breaks (<see cref="DomainException"/>), or when the window is
    /// closed; <see cref="CodeUsedException"/> for a used code. A rehearsal ballot is checked the same way, then discarded
    /// (its code is still used up, so the room sees the real behaviour).
    /// </summary>
    public async Task CastAsync(string? typed, IReadOnlyList<Mark> marks, CancellationToken ct)
    {
        var (code, meeting) = await FindAsync(typed, ct);
        meeting.EnsureOpen(code.Kind);
        // No read of the used codes first: the insert below is the check (its unique key), also under concurrency.
        var speakers = await MeetingCommands.SpeakersAsync(db, meeting, ignoreFilters: true, ct);
        var ballot = MeetingBallot.FromPhone(meeting.Id, code.CategoryId, speakers.Select(s => s.ReporterForm).ToList(), marks, meeting.Rules);
        if (code.Kind == CodeKind.Real) db.MeetingBallots.Add(ballot);
        db.UsedVotingCodes.Add(UsedVotingCode.Of(code));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            if (await UsedAfterFailureAsync(code.Hash)) throw new CodeUsedException();
            throw;
        }
    }

    /// <summary>After a failed insert: whether the code was used by the other request (the unique key refused ours).</summary>
    private async Task<bool> UsedAfterFailureAsync(string hash)
    {
        db.ChangeTracker.Clear();
        return await UsedAsync(hash, CancellationToken.None);
    }
}
