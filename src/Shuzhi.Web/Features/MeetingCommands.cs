using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage;
using Shuzhi.Domain.Meetings;
using Shuzhi.Web.Data.Configurations;
using Shuzhi.Web.Infrastructure;

namespace Shuzhi.Web.Features;

/// <summary>A speaker of a meeting: the reporter, its organization and person, its track and the track's ballot form.</summary>
public sealed record MeetingSpeaker(int ReporterId, int TrackId, string TrackName, string OrganizationName, string? PersonName,
    BallotForm Form, int? SpeakingMinutes, bool PptRequired)
{
    public ReporterForm ReporterForm => new(ReporterId, TrackId, Form);
}

/// <summary>Turnout of one category: ballots received against ballots issued (shown as they arrive).</summary>
public sealed record CategoryTurnout(int CategoryId, string Name, int Issued, int Received);

/// <summary>
/// The debrief meeting on the organizer's side (seed 001 第五条): set up from the campaign's on-site tracks, voter
/// categories, one-time voting codes (shown once, stored as keyed hashes), rehearsal, opening and closing of the vote
/// with the ballots' digest, turnout and, after the close, the tally. Only the organizer's own staff act; reads go
/// through the scope filters. Ballots themselves come in through <see cref="VotingService"/>.
/// </summary>
public sealed class MeetingCommands(AppDbContext db, CampaignCommands campaigns, VotingKey key, SqliteWriteGate writeGate)
{
    public bool MayManage(ClaimsPrincipal user, Campaign campaign) => campaigns.IsOrganizerStaff(user, campaign.OrganizerId);

    public Task<Meeting?> FindAsync(int meetingId, CancellationToken ct) => db.Meetings.SingleOrDefaultAsync(m => m.Id == meetingId, ct);

    public Task<List<Meeting>> ForCampaignAsync(int campaignId, CancellationToken ct) =>
        db.Meetings.AsNoTracking().Where(m => m.CampaignId == campaignId).OrderBy(m => m.Id).ToListAsync(ct);

    /// <summary>
    /// A meeting for the reporters of the given on-site tracks, in track then reporter order, with the default voter
    /// categories (weight 1 each, none issued yet).
    /// </summary>
    public async Task<Meeting> CreateAsync(ClaimsPrincipal user, Campaign campaign, string title, IReadOnlyCollection<int> trackIds, CancellationToken ct)
    {
        if (!MayManage(user, campaign)) throw new DomainException("Cp.NotYourCampaign");
        var tracks = await db.Tracks.Where(t => t.CampaignId == campaign.Id && trackIds.Contains(t.Id)).ToListAsync(ct);
        if (tracks.Count == 0 || tracks.Count != trackIds.Count) throw new DomainException("Meeting.NoTracks");
        if (tracks.Any(t => !t.Mode.IsOnSite())) throw new DomainException("Meeting.TrackNotOnSite");
        var order = tracks.Select(t => t.Id).ToList();
        var reporters = await db.CampaignReporters.Where(r => r.CampaignId == campaign.Id && order.Contains(r.TrackId))
            .Select(r => new { r.Id, r.TrackId, r.SortOrder }).ToListAsync(ct);
        var sortOf = tracks.ToDictionary(t => t.Id, t => t.SortOrder);
        var meeting = Meeting.Create(campaign.Id, title);
        meeting.SetSpeakers(reporters.OrderBy(r => sortOf[r.TrackId]).ThenBy(r => r.SortOrder).Select(r => r.Id).ToList());
        if (meeting.SpeakerOrder.Count == 0) throw new DomainException("Meeting.NoSpeakers");
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(ct);
        var i = 0;
        foreach (var name in VoterCategory.DefaultNames)
            db.VoterCategories.Add(VoterCategory.Create(meeting.Id, name, 1m, 0, ++i));
        await db.SaveChangesAsync(ct);
        return meeting;
    }

    /// <summary>The speakers in the meeting's order, with what the ballot and the chair's page need.</summary>
    public async Task<IReadOnlyList<MeetingSpeaker>> SpeakersAsync(Meeting meeting, CancellationToken ct) =>
        await SpeakersAsync(db, meeting, ignoreFilters: false, ct);

    /// <summary>
    /// The speakers of <paramref name="meeting"/>; <paramref name="ignoreFilters"/> only for the anonymous voting
    /// endpoint, which has found the meeting by a valid code's hash and reads just these reporters.
    /// </summary>
    internal static Task<IReadOnlyList<MeetingSpeaker>> SpeakersAsync(AppDbContext db, Meeting meeting, bool ignoreFilters, CancellationToken ct) =>
        SpeakersAsync(db, meeting.CampaignId, meeting.SpeakerOrder, ignoreFilters, ct);

    /// <summary>The speakers <paramref name="order"/> names, of the campaign <paramref name="campaignId"/>, in that order.</summary>
    internal static async Task<IReadOnlyList<MeetingSpeaker>> SpeakersAsync(AppDbContext db, int campaignId, IReadOnlyList<int> order, bool ignoreFilters, CancellationToken ct)
    {
        var ids = order.ToList();
        var reporters = ignoreFilters ? db.CampaignReporters.IgnoreQueryFilters() : db.CampaignReporters;
        var tracks = ignoreFilters ? db.Tracks.IgnoreQueryFilters() : db.Tracks;
        var orgs = ignoreFilters ? db.Organizations.IgnoreQueryFilters() : db.Organizations;
        var people = ignoreFilters ? db.People.IgnoreQueryFilters() : db.People;
        var rows = await (
            from r in reporters
            where ids.Contains(r.Id) && r.CampaignId == campaignId
            join t in tracks on r.TrackId equals t.Id
            join o in orgs on r.OrganizationId equals o.Id
            from p in people.Where(p => p.Id == r.PersonId).DefaultIfEmpty()
            select new { r.Id, TrackId = t.Id, TrackName = t.Name, t.Ballot, t.SpeakingMinutes, t.PptRequired, OrgName = o.Name, PersonName = p == null ? null : p.Name })
            .AsNoTracking().ToListAsync(ct);
        var byId = rows.ToDictionary(r => r.Id);
        return ids.Where(byId.ContainsKey).Select(id => byId[id])
            .Select(r => new MeetingSpeaker(r.Id, r.TrackId, r.TrackName, r.OrgName, r.PersonName, r.Ballot, r.SpeakingMinutes, r.PptRequired)).ToList();
    }

    /// <summary>The latest slides file (.pptx) of each speaker that uploaded one with the report: reporter id → file id.</summary>
    public async Task<IReadOnlyDictionary<int, int>> SlidesAsync(Meeting meeting, CancellationToken ct)
    {
        var ids = meeting.SpeakerOrder.ToList();
        return await db.ReportFiles.Where(f => f.Kind == ReportFileKind.Slides && ids.Contains(f.CampaignReporterId))
            .GroupBy(f => f.CampaignReporterId).Select(g => new { g.Key, Id = g.Max(f => f.Id) }).ToDictionaryAsync(x => x.Key, x => x.Id, ct);
    }

    public Task<List<VoterCategory>> CategoriesAsync(int meetingId, CancellationToken ct) =>
        db.VoterCategories.Where(c => c.MeetingId == meetingId).OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(ct);

    /// <summary>
    /// Generates <paramref name="count"/> one-time codes for a category and returns them in plain text, the only time
    /// they exist outside the voters' slips; only their keyed hashes are stored. Real codes raise the category's issued
    /// count. Audited as one entry with the count, never the codes.
    /// </summary>
    public async Task<IReadOnlyList<string>> GenerateCodesAsync(ClaimsPrincipal user, Campaign campaign, Meeting meeting, int categoryId, int count, CodeKind kind, CancellationToken ct)
    {
        if (!MayManage(user, campaign)) throw new DomainException("Cp.NotYourCampaign");
        if (meeting.State == VotingState.Closed) throw new DomainException("Meeting.VotingClosed");
        var category = await db.VoterCategories.SingleOrDefaultAsync(c => c.Id == categoryId && c.MeetingId == meeting.Id, ct)
            ?? throw new DomainException("Meeting.CategoryNotFound");
        var codes = VotingCodes.Generate(count);
        foreach (var code in codes) db.VotingCodes.Add(VotingCode.Create(meeting.Id, category.Id, kind, key.Hash(code)));
        if (kind == CodeKind.Real) category.SetIssued(category.Issued + count);
        db.Audit("generate-codes", nameof(Meeting), meeting.Id.ToString(CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(new { category = category.Name, count, kind = kind.ToString() }), await OrganizerPathAsync(campaign, ct));
        await db.SaveChangesAsync(ct);
        return codes;
    }

    private Task<string?> OrganizerPathAsync(Campaign campaign, CancellationToken ct) =>
        db.Organizations.Where(o => o.Id == campaign.OrganizerId).Select(o => o.Path).SingleOrDefaultAsync(ct);

    public Task OpenRehearsalAsync(ClaimsPrincipal user, Campaign campaign, Meeting meeting, CancellationToken ct) =>
        ActAsync(user, campaign, meeting.OpenRehearsal, ct);

    public Task CloseRehearsalAsync(ClaimsPrincipal user, Campaign campaign, Meeting meeting, CancellationToken ct) =>
        ActAsync(user, campaign, meeting.CloseRehearsal, ct);

    public Task OpenVotingAsync(ClaimsPrincipal user, Campaign campaign, Meeting meeting, CancellationToken ct) =>
        ActAsync(user, campaign, meeting.OpenVoting, ct);

    /// <summary>
    /// Closes the vote and stores the digest of the ballots as they stand; from then on they are immutable. The meeting
    /// row is locked first, in the same transaction as the digest and the close, so no cast commits in between: a cast
    /// checks the window in its own insert (VotingService), which waits for this lock and then finds the vote closed, and
    /// casts already writing finish before the lock is granted and so are in the digest. PostgreSQL: SELECT … FOR UPDATE;
    /// SQLite: the transaction takes the single write lock at once, between two batches of casts (SqliteWriteGate.ExclusiveAsync).
    /// </summary>
    public async Task CloseVotingAsync(ClaimsPrincipal user, Campaign campaign, Meeting meeting, CancellationToken ct)
    {
        if (!MayManage(user, campaign)) throw new DomainException("Cp.NotYourCampaign");
        if (db.IsPostgres) await CloseAsync(user, campaign, meeting, ct);
        else await writeGate.ExclusiveAsync(() => CloseAsync(user, campaign, meeting, ct), ct);
    }

    private async Task CloseAsync(ClaimsPrincipal user, Campaign campaign, Meeting meeting, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.IsPostgres)
            await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Meetings" WHERE "Id" = {meeting.Id} FOR UPDATE""", ct);
        else
            await db.Database.ExecuteSqlAsync($"""UPDATE "Meetings" SET "State" = "State" WHERE "Id" = {meeting.Id}""", ct);
        if (db.Entry(meeting).State != EntityState.Detached) await db.Entry(meeting).ReloadAsync(ct); // the state as locked
        var digest = await DigestAsync(meeting.Id, ct);
        await ActAsync(user, campaign, () => meeting.CloseVoting(digest), ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>One step of the organizer's own staff on the meeting, saved (and audited) at once.</summary>
    private async Task ActAsync(ClaimsPrincipal user, Campaign campaign, Action step, CancellationToken ct)
    {
        if (!MayManage(user, campaign)) throw new DomainException("Cp.NotYourCampaign");
        step();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Memory the digest's sort may hold before it writes sorted runs to temporary files (bench/RESULTS.md, tally).</summary>
    internal static long DigestMemoryBudget { get; set; } = 64L << 20;

    /// <summary>
    /// The digest over the meeting's ballots (BallotDigest), read as a stream of their lines (not as tracked entities) and
    /// sorted with bounded memory: past <see cref="DigestMemoryBudget"/> the lines are sorted in runs on disk and merged.
    /// </summary>
    public async Task<string> DigestAsync(int meetingId, CancellationToken ct)
    {
        using var lines = new ExternalSort(BallotDigest.LineOrder, DigestMemoryBudget);
        await foreach (var b in db.MeetingBallots.Where(b => b.MeetingId == meetingId).Select(b => new { b.CategoryId, b.IsValid, b.Marks })
                           .AsAsyncEnumerable().WithCancellation(ct))
            lines.Add(Encoding.UTF8.GetBytes(BallotDigest.Line(b.CategoryId, b.IsValid, b.Marks)));
        return BallotDigest.FromSortedLines(lines.Sorted());
    }

    /// <summary>Ballots received per category against those issued; turnout only, shown while voting runs.</summary>
    public async Task<IReadOnlyList<CategoryTurnout>> TurnoutAsync(int meetingId, CancellationToken ct)
    {
        var categories = await CategoriesAsync(meetingId, ct);
        var counts = await db.MeetingBallots.Where(b => b.MeetingId == meetingId).GroupBy(b => b.CategoryId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return categories.Select(c => new CategoryTurnout(c.Id, c.Name, c.Issued, counts.GetValueOrDefault(c.Id))).ToList();
    }

    /// <summary>The tally (docs/tally.md): the organizer's own staff only, and only once voting has closed.</summary>
    public async Task<IReadOnlyList<ReporterTally>> TallyAsync(ClaimsPrincipal user, Campaign campaign, Meeting meeting, CancellationToken ct)
    {
        if (!MayManage(user, campaign)) throw new DomainException("Cp.NotYourCampaign");
        if (meeting.State != VotingState.Closed) throw new DomainException("Meeting.ResultsBeforeClose");
        var speakers = await SpeakersAsync(meeting, ct);
        var categories = (await CategoriesAsync(meeting.Id, ct)).Select(c => new TallyCategory(c.Id, c.Name, c.Weight)).ToList();
        return Tally.Compute(speakers.Select(s => s.ReporterForm).ToList(), categories, await MarkGroupsAsync(db, meeting.Id, ct), meeting.Rules);
    }

    private sealed class MarkRow
    {
        public int CategoryId { get; set; }
        public string Mark { get; set; } = "";
        public long Count { get; set; }
    }

    /// <summary>
    /// The valid ballots' marks counted: one row per category and distinct mark (a handful per reporter for grade ballots),
    /// so a tally reads counts, not every ballot (bench/RESULTS.md, tally). PostgreSQL counts them itself (a hash
    /// aggregate). SQLite has no hash aggregate: its GROUP BY would sort every mark (40 million rows at 1,000,000 ballots,
    /// spilled to disk), so SQLite only splits the marks out (json_each) and they are counted here as they stream, in
    /// memory of the order of the distinct marks. The meeting was found through the scope filters by the caller; this raw
    /// query reads only its ballots.
    /// </summary>
    internal static async Task<IReadOnlyList<MarkGroup>> MarkGroupsAsync(AppDbContext db, int meetingId, CancellationToken ct)
    {
        if (db.IsPostgres)
        {
            var rows = db.Database.SqlQueryRaw<MarkRow>(MarkGroupsSql(postgres: true), meetingId);
            return (await rows.ToListAsync(ct)).Select(r => new MarkGroup(r.CategoryId, JsonColumn.Read<Mark>(r.Mark), r.Count)).ToList();
        }
        var counts = new Dictionary<(int CategoryId, string Mark), long>();
        var conn = db.Database.GetDbConnection();
        var open = conn.State == System.Data.ConnectionState.Open;
        if (!open) await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = MarkGroupsSql(postgres: false).Replace("{0}", "@meeting");
            cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var p = cmd.CreateParameter();
            p.ParameterName = "@meeting";
            p.Value = meetingId;
            cmd.Parameters.Add(p);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            // SQLite reads synchronously anyway; Read rather than ReadAsync spares a task per mark.
            while (r.Read())
            {
                ct.ThrowIfCancellationRequested();
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, (r.GetInt32(0), r.GetString(1)), out _)++;
            }
        }
        finally
        {
            if (!open) await db.Database.CloseConnectionAsync();
        }
        return counts.Select(c => new MarkGroup(c.Key.CategoryId, JsonColumn.Read<Mark>(c.Key.Mark), c.Value)).ToList();
    }

    /// <summary>
    /// The query of <see cref="MarkGroupsAsync"/> (parameter {0}: the meeting), public so the bench can show it and its plan.
    /// Marks are grouped by their JSON text as stored (the app writes every mark the same way; two spellings of one mark
    /// would only give two groups, which the tally adds up). On PostgreSQL the marks are read as <c>json</c>, whose elements
    /// are slices of the stored text, rather than parsed into <c>jsonb</c> and compared as such, which took about twice
    /// as long (bench/RESULTS.md, tally). On SQLite the query only lists the marks; they are counted as they are read.
    /// </summary>
    public static string MarkGroupsSql(bool postgres) => postgres
        ? """
          SELECT b."CategoryId", j::text AS "Mark", count(*) AS "Count"
          FROM "MeetingBallots" AS b CROSS JOIN LATERAL json_array_elements(b."Marks"::json) AS j
          WHERE b."MeetingId" = {0} AND b."IsValid"
          GROUP BY b."CategoryId", j::text
          """
        : """
          SELECT b."CategoryId", j.value AS "Mark"
          FROM "MeetingBallots" AS b, json_each(b."Marks") AS j
          WHERE b."MeetingId" = {0} AND b."IsValid"
          """;

    // ---- Organizer's meeting pages (setup, order, categories, rules, vote control audit, digest check, comments) ----

    /// <summary>Moves a speaker up (-1) or down (+1) in the meeting's order.</summary>
    public async Task MoveSpeakerAsync(ClaimsPrincipal user, Campaign campaign, Meeting meeting, int reporterId, int delta, CancellationToken ct)
    {
        if (!MayManage(user, campaign)) throw new DomainException("Cp.NotYourCampaign");
        // The order is part of the record of the meeting once voting has closed.
        if (meeting.State == VotingState.Closed) throw new DomainException("Meeting.VotingClosed");
        meeting.Move(reporterId, delta);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The ballot rules; only while voting has not opened (<see cref="Meeting.SetRules"/>).</summary>
    public async Task SetRulesAsync(ClaimsPrincipal user, Campaign campaign, Meeting meeting, BallotRules rules, CancellationToken ct)
    {
        if (!MayManage(user, campaign)) throw new DomainException("Cp.NotYourCampaign");
        meeting.SetRules(rules);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>An edited category row: <see cref="Id"/> null for a new one.</summary>
    public sealed record CategoryEdit(int? Id, string Name, decimal Weight, int Issued, int SortOrder);

    /// <summary>
    /// Saves the whole categories table at once, validated as a set (<see cref="VoterCategory.Validate"/>). Categories are
    /// added or removed only before voting opens, and one is removed only while no code or ballot refers to it; nothing
    /// changes once voting has closed (the tally rests on the weights).
    /// </summary>
    public async Task SaveCategoriesAsync(ClaimsPrincipal user, Campaign campaign, Meeting meeting, IReadOnlyList<CategoryEdit> rows, CancellationToken ct)
    {
        if (!MayManage(user, campaign)) throw new DomainException("Cp.NotYourCampaign");
        if (meeting.State == VotingState.Closed) throw new DomainException("Meeting.VotingClosed");
        var errors = VoterCategory.Validate(rows.Select(r => (r.Name, r.Weight, r.Issued)).ToList());
        if (errors.Count > 0) throw new DomainException(errors[0].Code, errors[0].Args);
        var existing = await CategoriesAsync(meeting.Id, ct);
        var kept = rows.Where(r => r.Id is not null).Select(r => r.Id!.Value).ToHashSet();
        if (rows.Any(r => r.Id is { } id && existing.All(c => c.Id != id))) throw new DomainException("Meeting.CategoryNotFound");
        var removed = existing.Where(c => !kept.Contains(c.Id)).ToList();
        var added = rows.Where(r => r.Id is null).ToList();
        if ((removed.Count > 0 || added.Count > 0) && meeting.State != VotingState.Draft) throw new DomainException("MeetingPage.CategoriesFixed");
        foreach (var c in removed)
        {
            var used = await db.VotingCodes.AnyAsync(x => x.CategoryId == c.Id, ct) || await db.MeetingBallots.AnyAsync(x => x.CategoryId == c.Id, ct)
                || await db.PaperEntries.AnyAsync(x => x.CategoryId == c.Id, ct);
            if (used) throw new DomainException("MeetingPage.CategoryInUse", c.Name);
            db.VoterCategories.Remove(c);
        }
        foreach (var r in rows.Where(r => r.Id is not null))
            existing.Single(c => c.Id == r.Id).Update(r.Name, r.Weight, r.Issued, r.SortOrder);
        foreach (var r in added) db.VoterCategories.Add(VoterCategory.Create(meeting.Id, r.Name, r.Weight, r.Issued, r.SortOrder));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Writes an explicit audit entry for a vote-control step with the counts as they stand (the state change itself is audited as an entity change).</summary>
    public async Task AuditVoteAsync(Campaign campaign, Meeting meeting, string action, CancellationToken ct)
    {
        var turnout = await TurnoutAsync(meeting.Id, ct);
        db.Audit(action, nameof(Meeting), meeting.Id.ToString(CultureInfo.InvariantCulture), JsonSerializer.Serialize(new
        {
            state = meeting.State.ToString(),
            issued = turnout.Sum(t => t.Issued),
            received = turnout.Sum(t => t.Received),
            categories = turnout.Select(t => new { t.Name, t.Issued, t.Received }),
            digest = meeting.Digest,
        }), await OrganizerPathAsync(campaign, ct));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The digest recomputed from the ballots now, compared with the one stored at close.</summary>
    public sealed record DigestCheck(string Stored, string Recomputed, bool Matches);

    /// <summary>Recomputes the digest of a closed meeting; a difference is written to the audit log.</summary>
    public async Task<DigestCheck> VerifyDigestAsync(ClaimsPrincipal user, Campaign campaign, Meeting meeting, CancellationToken ct)
    {
        if (!MayManage(user, campaign)) throw new DomainException("Cp.NotYourCampaign");
        if (meeting.State != VotingState.Closed || meeting.Digest is null) throw new DomainException("Meeting.VotingNotOpen");
        var now = await DigestAsync(meeting.Id, ct);
        var check = new DigestCheck(meeting.Digest, now, meeting.DigestMatches(now));
        if (!check.Matches)
        {
            db.Audit("digest-mismatch", nameof(Meeting), meeting.Id.ToString(CultureInfo.InvariantCulture),
                JsonSerializer.Serialize(new { stored = check.Stored, recomputed = check.Recomputed }), await OrganizerPathAsync(campaign, ct));
            await db.SaveChangesAsync(ct);
        }
        return check;
    }

    public Task<List<MeetingComment>> CommentsAsync(int meetingId, CancellationToken ct) =>
        db.MeetingComments.AsNoTracking().Where(c => c.MeetingId == meetingId).OrderBy(c => c.Id).ToListAsync(ct);

    /// <summary>
    /// 点评 on a speaker of the meeting (一述一评), or with no speaker on all together (总体点评); a problem-marked one
    /// feeds the reporter's problem list.
    /// </summary>
    public async Task<MeetingComment> AddCommentAsync(ClaimsPrincipal user, Campaign campaign, Meeting meeting, int? reporterId, string authorName, string text, bool isProblem, CancellationToken ct)
    {
        if (!MayManage(user, campaign)) throw new DomainException("Cp.NotYourCampaign");
        if (reporterId is { } id && !meeting.SpeakerOrder.Contains(id)) throw new DomainException("Meeting.SpeakerNotFound");
        var c = MeetingComment.Create(meeting.Id, reporterId, user.FindFirstValue(ClaimTypes.NameIdentifier), authorName, text, isProblem);
        db.MeetingComments.Add(c);
        await db.SaveChangesAsync(ct);
        return c;
    }

    public async Task UpdateCommentAsync(ClaimsPrincipal user, Campaign campaign, Meeting meeting, int commentId, string authorName, string text, bool isProblem, CancellationToken ct)
    {
        if (!MayManage(user, campaign)) throw new DomainException("Cp.NotYourCampaign");
        var c = await db.MeetingComments.SingleOrDefaultAsync(x => x.Id == commentId && x.MeetingId == meeting.Id, ct) ?? throw new DomainException("MeetingPage.CommentNotFound");
        c.Update(authorName, text, isProblem);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Deletes a comment; the entity change is audited with its text.</summary>
    public async Task DeleteCommentAsync(ClaimsPrincipal user, Campaign campaign, Meeting meeting, int commentId, CancellationToken ct)
    {
        if (!MayManage(user, campaign)) throw new DomainException("Cp.NotYourCampaign");
        var c = await db.MeetingComments.SingleOrDefaultAsync(x => x.Id == commentId && x.MeetingId == meeting.Id, ct) ?? throw new DomainException("MeetingPage.CommentNotFound");
        db.MeetingComments.Remove(c);
        await db.SaveChangesAsync(ct);
    }
}
