using System.Data.Common;
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
/// nothing but the code's meeting, category and speakers. A ballot is stored with the meeting, the category and the
/// marks only; the used code goes into a table of its own under a unique key, in the same transaction, so a second
/// ballot from the same code fails in the database, also when both arrive at once. Codes are never logged or audited.
/// <para>
/// A cast is the one request that comes by the hundred within minutes, so it builds no DbContext: the lookup and the
/// write are plain commands on a pooled connection of the app's database (<see cref="DatabaseTarget"/>). Building a
/// context and running the lookup through LINQ cost more than the database work itself (0.37 ms and 0.45 ms against
/// 0.1 ms for the two INSERTs: bench/RESULTS.md, the reading of the ballots runs of 2026-12-02 23:02–23:13). EF serves
/// only the speakers of a meeting on a miss of their cache, and the parameter mappings, so the rows are the ones EF
/// writes and reads.
/// </para>
/// </summary>
public sealed class VotingService(DatabaseTarget database, IServiceScopeFactory scopes, VotingKey key, MeetingSpeakerCache speakers, SqliteWriteGate writeGate)
{
    /// <summary>A code as the lookup finds it, with its meeting's state read now (never from a cache).</summary>
    private sealed record Found(string Hash, int CategoryId, string CategoryName, CodeKind Kind, int MeetingId, int CampaignId,
        string MeetingTitle, VotingState State, RehearsalState Rehearsal, BallotRules Rules, IReadOnlyList<int> SpeakerOrder, bool Used)
    {
        public void EnsureOpen() => Meeting.EnsureOpen(State, Rehearsal, Kind);
    }

    /// <summary>The code, its category, its meeting and whether it was used, in one query by the hash's unique index.</summary>
    public const string LookupSql = """
        SELECT c."CategoryId", k."Name", c."Kind", m."Id", m."CampaignId", m."Title", m."State", m."Rehearsal", m."Rules", m."SpeakerOrder",
               EXISTS (SELECT 1 FROM "UsedVotingCodes" AS u WHERE u."Hash" = c."Hash")
        FROM "VotingCodes" AS c
        INNER JOIN "Meetings" AS m ON m."Id" = c."MeetingId"
        INNER JOIN "VoterCategories" AS k ON k."Id" = c."CategoryId"
        WHERE c."Hash" = @hash
        """;

    private async Task<Found> FindAsync(DatabaseTarget.Settings target, DbConnection connection, string? typed, CancellationToken ct)
    {
        var normalized = VotingCodes.Normalize(typed); // throws Meeting.CodeLength / CodeInvalidCharacter …
        var hash = key.Hash(normalized);
        await using var command = Command(connection, LookupSql, ("@hash", hash));
        if (target.IsPostgres) await command.PrepareAsync(ct); // see Command
        await using var r = await command.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) throw new DomainException("Meeting.CodeUnknown"); // the hash is unique
        return new Found(hash, r.GetInt32(0), r.GetString(1), (CodeKind)r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetString(5),
            (VotingState)r.GetInt32(6), (RehearsalState)r.GetInt32(7), JsonColumn.Read<BallotRules>(r.GetString(8)),
            JsonColumn.Read<IReadOnlyList<int>>(r.GetString(9)), r.GetBoolean(10));
    }

    private static async Task<DbConnection> OpenAsync(DatabaseTarget.Settings target, CancellationToken ct)
    {
        var connection = target.Connect();
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The speakers and their forms, from the cache or, on a miss, through a context of their own on the request's open
    /// connection: a cast never waits for a second connection of the pool while it holds one (with every connection held
    /// by casts that missed at once, none would get one until the pool's timeout).
    /// </summary>
    private Task<MeetingSpeakerCache.Entry> SpeakersAsync(Found found, DbConnection connection, CancellationToken ct) =>
        speakers.GetAsync(found.MeetingId, found.CampaignId, found.SpeakerOrder, async token =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Database.SetDbConnection(connection, contextOwnsConnection: false);
            return await MeetingCommands.SpeakersAsync(db, found.CampaignId, found.SpeakerOrder, ignoreFilters: true, token);
        }, ct);

    /// <summary>The ballot sheet for a code that may vote now; a used code throws <see cref="CodeUsedException"/>.</summary>
    public async Task<BallotSheet> SheetAsync(string? typed, CancellationToken ct)
    {
        var target = database.Current;
        await using var connection = await OpenAsync(target, ct);
        var found = await FindAsync(target, connection, typed, ct);
        found.EnsureOpen();
        if (found.Used) throw new CodeUsedException();
        var entry = await SpeakersAsync(found, connection, ct);
        return new BallotSheet(found.MeetingId, found.MeetingTitle, found.CategoryName, found.Kind, entry.Speakers, found.Rules);
    }

    /// <summary>
    /// Casts the ballot of a code: refused with the rule it breaks (<see cref="DomainException"/>), or when the window is
    /// closed; <see cref="CodeUsedException"/> for a used code. A rehearsal ballot is checked the same way, then discarded
    /// (its code is still used up, so the room sees the real behaviour).
    /// </summary>
    public async Task CastAsync(string? typed, IReadOnlyList<Mark> marks, CancellationToken ct)
    {
        var target = database.Current; // read once per cast
        await using var connection = await OpenAsync(target, ct);
        var found = await FindAsync(target, connection, typed, ct);
        found.EnsureOpen();
        // Used already: refused at once. A code cast twice at the same moment is refused by the insert's unique key below.
        if (found.Used) throw new CodeUsedException();
        var entry = await SpeakersAsync(found, connection, ct);
        var ballot = MeetingBallot.FromPhone(found.MeetingId, found.CategoryId, entry.Forms, marks, found.Rules);
        var real = found.Kind == CodeKind.Real;
        var (sql, values) = Statement(target.IsPostgres, real ? ballot : null, found.Hash, found.MeetingId);
        var rows = real ? 2 : 1;
        try
        {
            if (target.IsPostgres)
            {
                // The command's statements run as one batch in one implicit transaction (one round trip; an error in either rolls back both).
                await using var command = Command(connection, sql, values);
                await command.PrepareAsync(ct);
                Check(await command.ExecuteNonQueryAsync(ct), rows, real);
            }
            else
            {
                // The gate's writer runs it on its own connection, inside its batch transaction (group commit, SqliteWriteGate);
                // this one goes back to the pool while the cast waits for its batch.
                await connection.CloseAsync();
                await writeGate.WriteAsync(target.ConnectionString, async (writer, transaction, token) =>
                {
                    await using var command = Command(writer, sql, values);
                    command.Transaction = transaction;
                    Check(await command.ExecuteNonQueryAsync(token), rows, real);
                }, ct);
            }
        }
        catch (DbException e) when (!DatabaseUnavailableHandler.IsUnavailable(e))
        {
            if (await UsedAfterFailureAsync(target, found.Hash)) throw new CodeUsedException();
            throw;
        }
    }

    /// <summary>
    /// The ballot (none for a rehearsal code) and the used code, both or neither: two INSERTs in one command, written
    /// directly rather than through SaveChanges, whose change tracking and audit scan a cast does not need (ballots and
    /// codes are kept out of the row audit, AuditWriter.IsAudited). The values are the ones EF writes: the parameters
    /// take EF's type mappings (<see cref="Command"/>), the marks EF's JSON conversion (<see cref="JsonColumn"/>); a test
    /// reads them back through EF.
    /// <para>
    /// Each row is inserted only while the window is still open, checked in the write itself: a close that commits
    /// between the lookup and this write refuses the cast there (no row, "closed"), so no ballot lands after the
    /// digest. On PostgreSQL the check holds the meeting row FOR KEY SHARE (the lock the foreign key takes anyway),
    /// which waits for a close holding it FOR UPDATE (MeetingCommands.CloseVotingAsync) and makes the close wait for the
    /// casts in flight; on SQLite the close holds the single write lock while it computes the digest, and a batch holds it
    /// from its first statement to its commit.
    /// </para>
    /// </summary>
    private static (string Sql, (string, object)[] Values) Statement(bool postgres, MeetingBallot? ballot, string hash, int meetingId)
    {
        var sql = postgres ? (ballot is null ? UsedSqlPostgres : BallotSqlPostgres) : (ballot is null ? UsedSqlSqlite : BallotSqlSqlite);
        if (ballot is null) return (sql, [("@hash", hash), ("@meeting", meetingId), ("@open", (int)RehearsalState.Open)]);
        // A phone ballot is valid or refused (MeetingBallot.FromPhone), never stored invalid: InvalidReason stays NULL.
        if (!ballot.IsValid || ballot.InvalidReason is not null) throw new InvalidOperationException("A phone ballot is stored valid.");
        return (sql, [("@id", ballot.Id), ("@category", ballot.CategoryId), ("@source", (int)ballot.Source), ("@valid", ballot.IsValid),
            ("@marks", JsonColumn.Write(ballot.Marks)), ("@meeting", meetingId), ("@open", (int)VotingState.Open), ("@hash", hash)]);
    }

    /// <summary>No row: the window closed (or the rehearsal ended) before the write; any other count is a bug.</summary>
    private static void Check(int written, int rows, bool real)
    {
        if (written == 0) throw new DomainException(real ? "Meeting.VotingClosed" : "Meeting.RehearsalNotOpen");
        if (written != rows) throw new InvalidOperationException($"A cast wrote {written} rows.");
    }

    private IRelationalTypeMappingSource? _mappings;

    /// <summary>
    /// A command whose parameters are bound with EF's type mappings for the provider, as ExecuteSqlRaw binds them (a Guid
    /// as upper-case text on SQLite, uuid on PostgreSQL). The mapping source is EF's own singleton, taken once from a context.
    /// On PostgreSQL the cast's commands are prepared on the server, once per pooled connection (Npgsql keeps a prepared
    /// statement across opens and finds it again by its text), so the lookup's joins and the inserts are not parsed and
    /// planned for every cast.
    /// </summary>
    private DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] values)
    {
        var mappings = _mappings;
        if (mappings is null)
        {
            using var scope = scopes.CreateScope();
            _mappings = mappings = scope.ServiceProvider.GetRequiredService<AppDbContext>().GetService<IRelationalTypeMappingSource>();
        }
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in values) command.Parameters.Add(mappings.GetMappingForValue(value).CreateParameter(command, name, value));
        return command;
    }

    // The statements of a cast (Statement); PostgreSQL holds the meeting row FOR KEY SHARE while inserting.
    private static readonly string UsedSqlSqlite = UsedSqlWith(""), UsedSqlPostgres = UsedSqlWith(" FOR KEY SHARE");
    private static readonly string BallotSqlSqlite = BallotSqlWith(""), BallotSqlPostgres = BallotSqlWith(" FOR KEY SHARE");

    /// <summary>The statements that store a real ballot and its used code (shown by the ballots benchmark).</summary>
    public static string BallotSql(bool postgres) => postgres ? BallotSqlPostgres : BallotSqlSqlite;

    private static string UsedSqlWith(string lockRow) => $"""
        INSERT INTO "UsedVotingCodes" ("Hash", "MeetingId") SELECT @hash, "Id" FROM "Meetings" WHERE "Id" = @meeting AND "Rehearsal" = @open{lockRow}
        """;

    private static string BallotSqlWith(string lockRow) => $"""
        INSERT INTO "MeetingBallots" ("Id", "MeetingId", "CategoryId", "Source", "IsValid", "Marks")
        SELECT @id, "Id", @category, @source, @valid, @marks FROM "Meetings" WHERE "Id" = @meeting AND "State" = @open{lockRow};
        INSERT INTO "UsedVotingCodes" ("Hash", "MeetingId") SELECT @hash, "Id" FROM "Meetings" WHERE "Id" = @meeting AND "State" = @open{lockRow};
        """;

    /// <summary>After a failed insert: whether the code was used by the other request (the unique key refused ours).</summary>
    private async Task<bool> UsedAfterFailureAsync(DatabaseTarget.Settings target, string hash)
    {
        await using var connection = await OpenAsync(target, CancellationToken.None);
        await using var command = Command(connection, """SELECT EXISTS (SELECT 1 FROM "UsedVotingCodes" WHERE "Hash" = @hash)""", ("@hash", hash));
        return Convert.ToBoolean(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
