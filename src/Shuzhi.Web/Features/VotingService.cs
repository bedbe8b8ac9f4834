using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Shuzhi.Domain.Meetings;
using Shuzhi.Web.Data.Configurations;

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
public sealed class VotingService(AppDbContext db, VotingKey key, MeetingSpeakerCache speakers, SqliteWriteGate writeGate)
{
    /// <summary>
    /// The code and its meeting in one query, read on every request: the meeting's state, rehearsal, rules and speaker
    /// order are never taken from a cache, so a closed vote refuses the very next cast.
    /// </summary>
    private async Task<(VotingCode Code, Meeting Meeting)> FindAsync(string? typed, CancellationToken ct)
    {
        var normalized = VotingCodes.Normalize(typed); // throws Meeting.CodeLength / CodeInvalidCharacter …
        var hash = key.Hash(normalized);
        var found = await (
                from c in db.VotingCodes.IgnoreQueryFilters().AsNoTracking()
                where c.Hash == hash
                join m in db.Meetings.IgnoreQueryFilters().AsNoTracking() on c.MeetingId equals m.Id
                select new { Code = c, Meeting = m })
            .FirstOrDefaultAsync(ct) // the hash is unique
            ?? throw new DomainException("Meeting.CodeUnknown");
        return (found.Code, found.Meeting);
    }

    private Task<bool> UsedAsync(string hash, CancellationToken ct) => db.UsedVotingCodes.IgnoreQueryFilters().AnyAsync(u => u.Hash == hash, ct);

    /// <summary>The ballot sheet for a code that may vote now; a used code throws <see cref="CodeUsedException"/>.</summary>
    public async Task<BallotSheet> SheetAsync(string? typed, CancellationToken ct)
    {
        var (code, meeting) = await FindAsync(typed, ct);
        meeting.EnsureOpen(code.Kind);
        if (await UsedAsync(code.Hash, ct)) throw new CodeUsedException();
        var category = await db.VoterCategories.IgnoreQueryFilters().AsNoTracking().Where(c => c.Id == code.CategoryId).Select(c => c.Name).SingleAsync(ct);
        var entry = await speakers.GetAsync(db, meeting.Id, meeting.CampaignId, meeting.SpeakerOrder, ct);
        return new BallotSheet(meeting.Id, meeting.Title, category, code.Kind, entry.Speakers, meeting.Rules);
    }

    /// <summary>
    /// Casts the ballot of a code: refused with the rule it breaks (<see cref="DomainException"/>), or when the window is
    /// closed; <see cref="CodeUsedException"/> for a used code. A rehearsal ballot is checked the same way, then discarded
    /// (its code is still used up, so the room sees the real behaviour).
    /// </summary>
    public async Task CastAsync(string? typed, IReadOnlyList<Mark> marks, CancellationToken ct)
    {
        // One connection for the whole cast (EF would otherwise open and reset a pooled one for each command).
        await db.Database.OpenConnectionAsync(ct);
        var (code, meeting) = await FindAsync(typed, ct);
        meeting.EnsureOpen(code.Kind);
        // No read of the used codes first: the insert below is the check (its unique key), also under concurrency.
        var entry = await speakers.GetAsync(db, meeting.Id, meeting.CampaignId, meeting.SpeakerOrder, ct);
        var ballot = MeetingBallot.FromPhone(meeting.Id, code.CategoryId, entry.Forms, marks, meeting.Rules);
        var real = code.Kind == CodeKind.Real;
        var (sql, values, rows) = Statement(real ? ballot : null, UsedVotingCode.Of(code));
        try
        {
            if (db.IsPostgres) Check(await db.Database.ExecuteSqlRawAsync(sql, values, ct), rows, real);
            else await writeGate.WriteAsync(db.Database.GetConnectionString()!, SqliteWrite(sql, values, rows, real), ct);
        }
        catch (DbException e) when (!DatabaseUnavailableHandler.IsUnavailable(e))
        {
            if (await UsedAfterFailureAsync(code.Hash)) throw new CodeUsedException();
            throw;
        }
    }

    /// <summary>
    /// The ballot (none for a rehearsal code) and the used code, both or neither: two INSERTs in one command, written
    /// directly rather than through SaveChanges, whose change tracking and audit scan a cast does not need (ballots and
    /// codes are kept out of the row audit, AuditWriter.IsAudited). The values are the ones EF writes: the parameters
    /// take EF's type mappings, the marks EF's JSON conversion (<see cref="JsonColumn"/>); a test reads them back
    /// through EF. PostgreSQL runs the command's statements as one batch in one implicit transaction (one round trip; an
    /// error in either rolls back both); SQLite runs them in a savepoint of the gate's batch transaction (SqliteWriteGate).
    /// Returns the SQL ({n}: its values), the values and the rows it writes.
    /// <para>
    /// Each row is inserted only while the window is still open, checked in the write itself: a close that commits
    /// between the read of the meeting and this write refuses the cast there (no row, "closed"), so no ballot lands after
    /// the digest. On PostgreSQL the check holds the meeting row FOR KEY SHARE (the lock the foreign key takes anyway),
    /// which waits for a close holding it FOR UPDATE (MeetingCommands.CloseVotingAsync) and makes the close wait for the
    /// casts in flight; on SQLite the close holds the single write lock while it computes the digest, and a batch holds it
    /// from its first statement to its commit.
    /// </para>
    /// </summary>
    private (string Sql, object[] Values, int Rows) Statement(MeetingBallot? ballot, UsedVotingCode used)
    {
        if (ballot is null)
            return (db.IsPostgres ? UsedSqlPostgres : UsedSqlSqlite, [used.Hash, used.MeetingId, (int)RehearsalState.Open], 1);
        // A phone ballot is valid or refused (MeetingBallot.FromPhone), never stored invalid: InvalidReason stays NULL.
        if (!ballot.IsValid || ballot.InvalidReason is not null) throw new InvalidOperationException("A phone ballot is stored valid.");
        return (db.IsPostgres ? BallotSqlPostgres : BallotSqlSqlite,
            [ballot.Id, ballot.CategoryId, (int)ballot.Source, ballot.IsValid, JsonColumn.Write(ballot.Marks), ballot.MeetingId, (int)VotingState.Open, used.Hash], 2);
    }

    /// <summary>No row: the window closed (or the rehearsal ended) before the write; any other count is a bug.</summary>
    private static void Check(int written, int rows, bool real)
    {
        if (written == 0) throw new DomainException(real ? "Meeting.VotingClosed" : "Meeting.RehearsalNotOpen");
        if (written != rows) throw new InvalidOperationException($"A cast wrote {written} rows.");
    }

    /// <summary>
    /// The cast's command as the gate's writer runs it on its own connection, inside its batch transaction (group commit,
    /// <see cref="SqliteWriteGate"/>): the same SQL, its values bound with EF's type mappings as ExecuteSqlRaw binds them
    /// (a Guid as upper-case text on SQLite), so the rows are the ones EF writes and reads.
    /// </summary>
    private SqliteWriteGate.Write SqliteWrite(string sql, object[] values, int rows, bool real)
    {
        var mappings = db.GetService<IRelationalTypeMappingSource>();
        var text = string.Format(CultureInfo.InvariantCulture, sql, values.Select((_, i) => (object)$"@p{i}").ToArray());
        return async (connection, transaction, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = text;
            for (var i = 0; i < values.Length; i++) command.Parameters.Add(mappings.GetMappingForValue(values[i]).CreateParameter(command, $"@p{i}", values[i]));
            Check(await command.ExecuteNonQueryAsync(ct), rows, real);
        };
    }

    // The statements of a cast (Statement) ({n}: its parameters); PostgreSQL holds the meeting row FOR KEY SHARE while inserting.
    private static readonly string UsedSqlSqlite = UsedSql(""), UsedSqlPostgres = UsedSql(" FOR KEY SHARE");
    private static readonly string BallotSqlSqlite = BallotSql(""), BallotSqlPostgres = BallotSql(" FOR KEY SHARE");

    private static string UsedSql(string lockRow) => $$"""
        INSERT INTO "UsedVotingCodes" ("Hash", "MeetingId") SELECT {0}, "Id" FROM "Meetings" WHERE "Id" = {1} AND "Rehearsal" = {2}{{lockRow}}
        """;

    private static string BallotSql(string lockRow) => $$"""
        INSERT INTO "MeetingBallots" ("Id", "MeetingId", "CategoryId", "Source", "IsValid", "Marks")
        SELECT {0}, "Id", {1}, {2}, {3}, {4} FROM "Meetings" WHERE "Id" = {5} AND "State" = {6}{{lockRow}};
        INSERT INTO "UsedVotingCodes" ("Hash", "MeetingId") SELECT {7}, "Id" FROM "Meetings" WHERE "Id" = {5} AND "State" = {6}{{lockRow}};
        """;

    /// <summary>After a failed insert: whether the code was used by the other request (the unique key refused ours).</summary>
    private Task<bool> UsedAfterFailureAsync(string hash) => UsedAsync(hash, CancellationToken.None);
}
