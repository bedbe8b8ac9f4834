using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Shuzhi.Domain.Meetings;

namespace Shuzhi.Web.Features;

/// <summary>A batch of paper sheets: the sheets of each round and whether ballots have been made from it.</summary>
public sealed record PaperBatch(int Batch, int Round1, int Round2, bool Committed);

/// <summary>What committing a batch made: the number of paper ballots, valid and invalid.</summary>
public sealed record PaperCommitResult(int Ballots, int Valid, int Invalid);

/// <summary>
/// Paper ballots (纸质票): staff enter the sheets batch by batch, optionally twice by two people (双人录入); the two
/// rounds are compared and every difference listed; a batch whose rounds agree (or that was entered once, by choice)
/// is committed into anonymous <see cref="MeetingBallot"/>s, valid or invalid as <see cref="BallotRules.ClassifyPaper"/>
/// says. Ballots keep no sheet number. Entries are audited (AuditWriter); entry stops once voting has closed.
/// Also the reconciliation (票数核对) with the paper sheets staff counted out of the box.
/// </summary>
public sealed class PaperBallotCommands(AppDbContext db, MeetingCommands meetings)
{
    private void EnsureManager(ClaimsPrincipal user, Campaign campaign)
    {
        if (!meetings.MayManage(user, campaign)) throw new DomainException("Cp.NotYourCampaign");
    }

    public async Task<IReadOnlyList<PaperBatch>> BatchesAsync(int meetingId, CancellationToken ct)
    {
        var rows = await db.PaperEntries.Where(e => e.MeetingId == meetingId)
            .GroupBy(e => new { e.Batch, e.Round })
            .Select(g => new { g.Key.Batch, g.Key.Round, Count = g.Count(), Committed = g.Any(e => e.Committed) })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.Batch).OrderBy(g => g.Key)
            .Select(g => new PaperBatch(g.Key, g.Where(r => r.Round == 1).Sum(r => r.Count), g.Where(r => r.Round == 2).Sum(r => r.Count), g.Any(r => r.Committed)))
            .ToList();
    }

    public Task<List<PaperEntry>> EntriesAsync(int meetingId, int batch, CancellationToken ct) =>
        db.PaperEntries.AsNoTracking().Where(e => e.MeetingId == meetingId && e.Batch == batch)
            .OrderBy(e => e.Round).ThenBy(e => e.SheetNumber).ToListAsync(ct);

    public Task<PaperEntry?> EntryAsync(int meetingId, int entryId, CancellationToken ct) =>
        db.PaperEntries.SingleOrDefaultAsync(e => e.Id == entryId && e.MeetingId == meetingId, ct);

    /// <summary>The next sheet number of a batch and round: one after the highest entered (1 when none).</summary>
    public async Task<int> NextSheetAsync(int meetingId, int batch, int round, CancellationToken ct) =>
        (await db.PaperEntries.Where(e => e.MeetingId == meetingId && e.Batch == batch && e.Round == round)
            .MaxAsync(e => (int?)e.SheetNumber, ct) ?? 0) + 1;

    /// <summary>
    /// Stores one sheet as entered. Entry errors (a grade the form lacks, a reporter not at the meeting, the wrong number
    /// of dimensions) are refused; what the voter did (blank, too few, out of range) is accepted and judged at commit.
    /// </summary>
    public async Task<PaperEntry> EnterAsync(ClaimsPrincipal user, Campaign campaign, Meeting meeting, int batch, int round, int sheetNumber,
        int categoryId, IReadOnlyList<Mark> marks, CancellationToken ct)
    {
        var entry = await PrepareAsync(user, campaign, meeting, batch, round, sheetNumber, categoryId, marks, replacing: null, ct);
        db.PaperEntries.Add(entry);
        await SaveUniqueAsync(sheetNumber, ct);
        return entry;
    }

    /// <summary>Corrects an entry: the sheet is stored again in place of the old entry (same batch, round and number).</summary>
    public async Task<PaperEntry> CorrectAsync(ClaimsPrincipal user, Campaign campaign, Meeting meeting, int entryId, int categoryId,
        IReadOnlyList<Mark> marks, CancellationToken ct)
    {
        var old = await EntryAsync(meeting.Id, entryId, ct) ?? throw new DomainException("Paper.EntryNotFound");
        var entry = await PrepareAsync(user, campaign, meeting, old.Batch, old.Round, old.SheetNumber, categoryId, marks, replacing: old, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.PaperEntries.Remove(old);
        await db.SaveChangesAsync(ct);
        db.PaperEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return entry;
    }

    public async Task<PaperEntry> DeleteAsync(ClaimsPrincipal user, Campaign campaign, Meeting meeting, int entryId, CancellationToken ct)
    {
        EnsureManager(user, campaign);
        meeting.EnsureBallotsMutable();
        var old = await EntryAsync(meeting.Id, entryId, ct) ?? throw new DomainException("Paper.EntryNotFound");
        if (old.Committed) throw new DomainException("Paper.BatchCommitted", old.Batch);
        db.PaperEntries.Remove(old);
        await db.SaveChangesAsync(ct);
        return old;
    }

    private async Task<PaperEntry> PrepareAsync(ClaimsPrincipal user, Campaign campaign, Meeting meeting, int batch, int round, int sheetNumber,
        int categoryId, IReadOnlyList<Mark> marks, PaperEntry? replacing, CancellationToken ct)
    {
        EnsureManager(user, campaign);
        meeting.EnsureBallotsMutable();
        var entry = PaperEntry.Create(meeting.Id, batch, sheetNumber, round, user.Identity?.Name ?? "", categoryId, marks);
        if (!await db.VoterCategories.AnyAsync(c => c.Id == categoryId && c.MeetingId == meeting.Id, ct))
            throw new DomainException("Meeting.CategoryNotFound");
        if (await db.PaperEntries.AnyAsync(e => e.MeetingId == meeting.Id && e.Batch == batch && e.Committed, ct))
            throw new DomainException("Paper.BatchCommitted", batch);
        // Throws for what cannot be on a sheet; the classification itself waits for the commit.
        meeting.Rules.ClassifyPaper(await FormsAsync(meeting, ct), entry.Marks);
        if (replacing is null && await db.PaperEntries.AnyAsync(e => e.MeetingId == meeting.Id && e.Batch == batch && e.Round == round && e.SheetNumber == sheetNumber, ct))
            throw new DomainException("Meeting.SheetNumberDuplicate", sheetNumber);
        return entry;
    }

    private async Task SaveUniqueAsync(int sheetNumber, CancellationToken ct)
    {
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            // Two people saving the same number at once: the unique key decides.
            db.ChangeTracker.Clear();
            throw new DomainException("Meeting.SheetNumberDuplicate", sheetNumber);
        }
    }

    private async Task<IReadOnlyList<ReporterForm>> FormsAsync(Meeting meeting, CancellationToken ct) =>
        (await meetings.SpeakersAsync(meeting, ct)).Select(s => s.ReporterForm).ToList();

    /// <summary>Compares round 1 with round 2 of a batch (双人录入核对).</summary>
    public async Task<DoubleEntryResult> CompareAsync(Meeting meeting, int batch, CancellationToken ct)
    {
        var entries = await EntriesAsync(meeting.Id, batch, ct);
        return PaperDoubleEntry.Compare(await FormsAsync(meeting, ct),
            entries.Where(e => e.Round == 1).Select(e => e.Sheet).ToList(), entries.Where(e => e.Round == 2).Select(e => e.Sheet).ToList());
    }

    /// <summary>
    /// Makes the batch's ballots from round 1: when a round 2 exists both must agree; without one only when staff chose
    /// single entry. Marks the entries committed; audited with the counts only.
    /// </summary>
    public async Task<PaperCommitResult> CommitAsync(ClaimsPrincipal user, Campaign campaign, Meeting meeting, int batch, bool singleEntry, CancellationToken ct)
    {
        EnsureManager(user, campaign);
        meeting.EnsureBallotsMutable();
        var entries = await db.PaperEntries.Where(e => e.MeetingId == meeting.Id && e.Batch == batch).ToListAsync(ct);
        if (entries.Count == 0) throw new DomainException("Paper.BatchEmpty", batch);
        if (entries.Any(e => e.Committed)) throw new DomainException("Paper.BatchCommitted", batch);
        var first = entries.Where(e => e.Round == 1).OrderBy(e => e.SheetNumber).ToList();
        var second = entries.Where(e => e.Round == 2).ToList();
        if (first.Count == 0) throw new DomainException("Paper.RoundOneMissing", batch);
        var forms = await FormsAsync(meeting, ct);
        if (second.Count > 0)
        {
            var check = PaperDoubleEntry.Compare(forms, first.Select(e => e.Sheet).ToList(), second.Select(e => e.Sheet).ToList());
            if (!check.Agree) throw new DomainException("Paper.Mismatch", batch, check.Mismatches.Count, check.OnlyInA.Count + check.OnlyInB.Count);
        }
        else if (!singleEntry) throw new DomainException("Paper.NeedSecondRound", batch);

        // Shuffled so that the stored order says nothing about the sheets either.
        var ballots = first.Select(e => MeetingBallot.FromPaper(meeting.Id, e.CategoryId, forms, e.Marks, meeting.Rules))
            .OrderBy(_ => Guid.NewGuid()).ToList();
        db.MeetingBallots.AddRange(ballots);
        foreach (var e in entries) e.Commit();
        var result = new PaperCommitResult(ballots.Count, ballots.Count(b => b.IsValid), ballots.Count(b => !b.IsValid));
        db.Audit("commit-paper", nameof(Meeting), meeting.Id.ToString(CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(new { batch, ballots = result.Ballots, valid = result.Valid, invalid = result.Invalid, doubleEntry = second.Count > 0 }),
            await OrganizerPathAsync(campaign, ct));
        await db.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>Records the paper sheets counted out of the ballot box for a category (null: count the entered ones).</summary>
    public async Task SetCollectedAsync(ClaimsPrincipal user, Campaign campaign, Meeting meeting, int categoryId, int? count, CancellationToken ct)
    {
        EnsureManager(user, campaign);
        if (count < 0) throw new DomainException("Paper.CollectedInvalid");
        var category = await db.VoterCategories.SingleOrDefaultAsync(c => c.Id == categoryId && c.MeetingId == meeting.Id, ct)
            ?? throw new DomainException("Meeting.CategoryNotFound");
        category.SetPaperCollected(count);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>票数核对 per category (Reconciliation.Compute) with the counted paper sheets where staff entered them.</summary>
    public async Task<IReadOnlyList<CategoryReconciliation>> ReconcileAsync(int meetingId, CancellationToken ct)
    {
        var categories = await meetings.CategoriesAsync(meetingId, ct);
        var counts = await BallotCountsAsync(db, [meetingId], ct);
        var collected = categories.Where(c => c.PaperCollected is not null).ToDictionary(c => c.Id, c => c.PaperCollected!.Value);
        return Reconciliation.Compute(categories.Select(c => new VoterCategoryCount(c.Id, c.Name, c.Issued)).ToList(), counts, collected);
    }

    /// <summary>The meetings' ballots counted by the database by category, source and validity.</summary>
    public static async Task<List<BallotCount>> BallotCountsAsync(AppDbContext db, IReadOnlyCollection<int> meetingIds, CancellationToken ct)
    {
        var rows = await db.MeetingBallots.Where(b => meetingIds.Contains(b.MeetingId)).GroupBy(b => new { b.CategoryId, b.Source, b.IsValid })
            .Select(g => new { g.Key.CategoryId, g.Key.Source, g.Key.IsValid, Count = g.Count() }).ToListAsync(ct);
        return rows.Select(r => new BallotCount(r.CategoryId, r.Source, r.IsValid, r.Count)).ToList();
    }

    public Task<string?> OrganizerPathAsync(Campaign campaign, CancellationToken ct) =>
        db.Organizations.Where(o => o.Id == campaign.OrganizerId).Select(o => o.Path).SingleOrDefaultAsync(ct);
}
