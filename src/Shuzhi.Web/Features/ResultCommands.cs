using System.Globalization;
using System.Security.Claims;
using Shuzhi.Domain.Reports;
using Shuzhi.Domain.Results;
using Shuzhi.Domain.Scoring;
using Shuzhi.Web.Documents;

namespace Shuzhi.Web.Features;

/// <summary>
/// Feedback and results (docs/decisions/0012): the release of a locked decision with a feedback letter per reporter and
/// the consequences of the grades (seed 001 第七条), the acknowledgement of a letter by the reporter's accounts, bulletins
/// within a scope, and dossier filings. The organizer's own staff act; reads go through the scope filters.
/// </summary>
public sealed class ResultCommands(AppDbContext db, CurrentActor actor, TimeProvider clock, CampaignCommands campaigns)
{
    public bool MayManage(ClaimsPrincipal user, Campaign campaign) => campaigns.IsOrganizerStaff(user, campaign.OrganizerId);

    public Task<Deliberation?> DeliberationAsync(int campaignId, CancellationToken ct) =>
        db.Deliberations.AsNoTracking().SingleOrDefaultAsync(d => d.CampaignId == campaignId, ct);

    public Task<ResultRelease?> ActiveReleaseAsync(int campaignId, CancellationToken ct) =>
        db.ResultReleases.AsNoTracking().Where(r => r.CampaignId == campaignId && r.WithdrawnAt == null).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);

    public Task<List<ResultRelease>> ReleasesAsync(int campaignId, CancellationToken ct) =>
        db.ResultReleases.AsNoTracking().Where(r => r.CampaignId == campaignId).OrderByDescending(r => r.Id).ToListAsync(ct);

    /// <summary>The letters of the standing release, in the campaign's order.</summary>
    public Task<List<FeedbackLetter>> LettersAsync(int campaignId, CancellationToken ct) =>
        db.FeedbackLetters.AsNoTracking().Where(l => l.CampaignId == campaignId && l.WithdrawnAt == null).OrderBy(l => l.SortOrder).ThenBy(l => l.Id).ToListAsync(ct);

    public string PostName(bool acting) => acting ? ResultStrings.Rs_PostActing : ResultStrings.Rs_PostSecretary;

    /// <summary>
    /// Releases the locked decision: a letter per decided reporter and the consequences put in force (updated in place
    /// when released again; those the new decision no longer calls for are withdrawn). Refused while the decision is open
    /// or already released as it stands.
    /// </summary>
    public async Task<ResultRelease> ReleaseAsync(ClaimsPrincipal user, Campaign campaign, CancellationToken ct)
    {
        if (!MayManage(user, campaign)) throw new DomainException("Cp.NotYourCampaign");
        var deliberation = await db.Deliberations.AsNoTracking().SingleOrDefaultAsync(d => d.CampaignId == campaign.Id, ct);
        if (deliberation is null || !deliberation.IsLocked) throw new DomainException("Results.NotLocked");
        var now = clock.GetUtcNow();
        var standing = await db.ResultReleases.AsNoTracking().Where(r => r.CampaignId == campaign.Id && r.WithdrawnAt == null).ToListAsync(ct);
        if (standing.Any(r => r.Matches(deliberation))) throw new DomainException("Results.AlreadyReleased");
        // Released for an earlier lock (a reopening that did not pass through a save of this application): no longer standing.
        if (standing.Count > 0) await WithdrawCampaignAsync(db, campaign.Id, ResultStrings.Rs_ReopenedReason, actor.Name, now, ct);

        var subjects = await SubjectsAsync(campaign, ct);
        var decided = deliberation.Grades.ToList();
        if (decided.Any(g => !subjects.ContainsKey(g.ReporterId))) throw new DomainException("Results.OtherReporter");

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var release = ResultRelease.Of(deliberation, now, actor.Name);
            db.ResultReleases.Add(release);
            await db.SaveChangesAsync(ct);

            var records = await db.ConsequenceRecords.IgnoreQueryFilters().Where(x => x.CampaignId == campaign.Id).ToDictionaryAsync(x => x.ReporterId, ct);
            foreach (var g in decided)
            {
                var who = subjects[g.ReporterId];
                var set = Consequences.For(g.Final, release.MeetingDate);
                db.FeedbackLetters.Add(FeedbackLetter.Of(release, campaign.Year, campaign.Title, who, g, set));
                if (set.Any)
                {
                    if (!records.TryGetValue(g.ReporterId, out var record))
                    {
                        record = ConsequenceRecord.For(campaign.Id, campaign.Year, who);
                        db.ConsequenceRecords.Add(record);
                    }
                    record.Apply(who, set, release, now);
                }
                else if (records.TryGetValue(g.ReporterId, out var lifted))
                    lifted.Withdraw(ResultStrings.Rs_LiftedReason, now);
            }
            // Reporters no longer in the decision keep nothing in force.
            foreach (var (reporterId, record) in records)
                if (!decided.Any(g => g.ReporterId == reporterId)) record.Withdraw(ResultStrings.Rs_LiftedReason, now);
            db.Audit("Results.Release", nameof(ResultRelease), release.Id.ToString(CultureInfo.InvariantCulture),
                System.Text.Json.JsonSerializer.Serialize(new { campaign.Id, release.LetterCount, release.MeetingDate }), campaign.Organizer?.Path);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return release;
        });
    }

    /// <summary>The reporters of the campaign with their names, in one query each for rows and people.</summary>
    private async Task<Dictionary<int, ResultSubject>> SubjectsAsync(Campaign campaign, CancellationToken ct)
    {
        var organizerName = campaign.Organizer?.Name
            ?? await db.Organizations.Where(o => o.Id == campaign.OrganizerId).Select(o => o.Name).SingleAsync(ct);
        var rows = await (
            from r in db.CampaignReporters
            where r.CampaignId == campaign.Id
            join t in db.Tracks on r.TrackId equals t.Id
            join o in db.Organizations.IgnoreQueryFilters() on r.OrganizationId equals o.Id
            select new { r.Id, r.OrganizationId, r.PersonId, r.IsActing, Sort = t.SortOrder * 100_000 + r.SortOrder, OrgName = o.Name, TrackName = t.Name })
            .ToListAsync(ct);
        var personIds = rows.Where(x => x.PersonId != null).Select(x => x.PersonId!.Value).Distinct().ToList();
        var people = await db.People.IgnoreQueryFilters().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return rows.ToDictionary(x => x.Id, x => new ResultSubject(x.Id, campaign.OrganizerId, x.OrganizationId, x.PersonId, x.Sort,
            organizerName, x.OrgName, x.PersonId is { } pid ? people.GetValueOrDefault(pid) : null, PostName(x.IsActing), x.TrackName));
    }

    /// <summary>
    /// Withdraws the standing release of each decision being reopened in this save, with its letters, bulletins and
    /// consequences: called by AppDbContext before every save, so a reopening anywhere takes the results back.
    /// Reads the tracked deliberations without a change scan (snapshot values), so ordinary saves pay nothing.
    /// </summary>
    public static async Task WithdrawOnReopenAsync(AppDbContext db, string by, DateTimeOffset now, CancellationToken ct)
    {
        List<int>? reopened = null;
        var auto = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var e in db.ChangeTracker.Entries<Deliberation>())
            {
                if (e.State is EntityState.Added or EntityState.Deleted or EntityState.Detached) continue;
                var state = e.Property(d => d.State);
                if (state.OriginalValue == DeliberationState.Locked && state.CurrentValue == DeliberationState.Open)
                    (reopened ??= []).Add(e.Entity.CampaignId);
            }
        }
        finally { db.ChangeTracker.AutoDetectChangesEnabled = auto; }
        if (reopened is null) return;
        foreach (var campaignId in reopened)
            await WithdrawCampaignAsync(db, campaignId, ResultStrings.Rs_ReopenedReason, by, now, ct);
    }

    private static async Task WithdrawCampaignAsync(AppDbContext db, int campaignId, string reason, string by, DateTimeOffset now, CancellationToken ct)
    {
        var releases = await db.ResultReleases.IgnoreQueryFilters().Where(r => r.CampaignId == campaignId && r.WithdrawnAt == null).ToListAsync(ct);
        if (releases.Count == 0) return;
        foreach (var r in releases) r.Withdraw(reason, now, by);
        foreach (var l in await db.FeedbackLetters.IgnoreQueryFilters().Where(l => l.CampaignId == campaignId && l.WithdrawnAt == null).ToListAsync(ct))
            l.Withdraw(now);
        foreach (var b in await db.ResultBulletins.IgnoreQueryFilters().Where(b => b.CampaignId == campaignId && b.WithdrawnAt == null).ToListAsync(ct))
            b.Withdraw(reason, now, by);
        foreach (var c in await db.ConsequenceRecords.IgnoreQueryFilters().Where(c => c.CampaignId == campaignId && c.WithdrawnAt == null).ToListAsync(ct))
            c.Withdraw(reason, now);
    }

    /// <summary>Exports are audited (who took which campaign's letters or list).</summary>
    public async Task AuditExportAsync(Campaign campaign, string entityType, int count, CancellationToken ct)
    {
        db.Audit("export", entityType, null, System.Text.Json.JsonSerializer.Serialize(new { campaignId = campaign.Id, count }), campaign.Organizer?.Path);
        await db.SaveChangesAsync(ct);
    }

    // ---- letters ----

    /// <summary>A letter the account reads (its own organization's, or as the organizer's subtree); null: 404.</summary>
    public Task<FeedbackLetter?> LetterAsync(int id, CancellationToken ct) => db.FeedbackLetters.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, ct);

    /// <summary>Whether the account speaks for the letter's reporter organization (bound there).</summary>
    public bool IsReporterAccount(FeedbackLetter letter) => db.CurrentScope.ScopeOrganizationId == letter.OrganizationId;

    /// <summary>我的反馈: the letters to the account's own organization.</summary>
    public async Task<List<FeedbackLetter>> MineAsync(CancellationToken ct)
    {
        if (db.CurrentScope.ScopeOrganizationId is not { } own) return [];
        return await db.FeedbackLetters.AsNoTracking().Where(l => l.OrganizationId == own).OrderByDescending(l => l.Year).ThenByDescending(l => l.Id).ToListAsync(ct);
    }

    public async Task AcknowledgeAsync(ClaimsPrincipal user, int letterId, CancellationToken ct)
    {
        var letter = await db.FeedbackLetters.SingleOrDefaultAsync(l => l.Id == letterId, ct) ?? throw new DomainException("Results.LetterNotFound");
        if (!IsReporterAccount(letter)) throw new DomainException("Results.NotYourLetter");
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        letter.Acknowledge(userId, actor.Name, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    public string Date(DateTimeOffset at) => ChineseDates.Format(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, clock.LocalTimeZone).DateTime));

    private static string F(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    private static OutlineSection Part(string key, string heading, int level = 1) => new(key, level, heading, "", SectionRole.Other, true);

    /// <summary>What follows from the grade, in sentences (seed 001 第七条).</summary>
    public static IReadOnlyList<string> ConsequenceLines(ConsequenceSet set)
    {
        var lines = new List<string>();
        if (set.NoExcellentInAnnualAppraisal) lines.Add(ResultStrings.Rs_ConsequenceNoExcellent);
        if (set.ReminderInterview) lines.Add(ResultStrings.Rs_ConsequenceInterview);
        if (set.RectificationDeadline is { } d) lines.Add(F(ResultStrings.Rs_ConsequenceDeadline, ChineseDates.Format(d)));
        if (!set.Any) lines.Add(ResultStrings.Rs_ConsequenceNone);
        lines.Add(ResultStrings.Rs_ConsequenceRectify);
        return lines;
    }

    /// <summary>The feedback letter (反馈意见) as a .docx in the official layout.</summary>
    public DocxReport LetterDocument(FeedbackLetter l)
    {
        var outline = new ReportOutline([Part("grade", ResultStrings.Rs_PartGrade), Part("achievements", ResultStrings.Rs_PartAchievements),
            Part("problems", ResultStrings.Rs_PartProblems), Part("direction", ResultStrings.Rs_PartDirection), Part("consequences", ResultStrings.Rs_PartConsequences)]);
        var sections = new Dictionary<string, string>
        {
            ["grade"] = F(ResultStrings.Rs_LetterGradeText, l.OrganizerName, ChineseDates.Format(l.MeetingDate), l.Year, l.Grade.Name()),
            ["achievements"] = l.Achievements,
            ["problems"] = l.Problems,
            ["direction"] = l.Direction,
            ["consequences"] = string.Join("\n", ConsequenceLines(l.Consequences)),
        };
        return new DocxReport(F(ResultStrings.Rs_LetterTitle, l.Year), [Addressee(l), F(ResultStrings.Rs_GradeLine, l.Grade.Name())], outline, sections,
            Closing: [l.OrganizerName, Date(l.ReleasedAt)]);
    }

    public static string Addressee(FeedbackLetter l) => F(ResultStrings.Rs_Addressee, l.OrganizationName, l.PostName, l.PersonName ?? ResultStrings.Rs_NoPerson);

    public static string FileBase(FeedbackLetter l, string what) => $"{l.Year}_{l.OrganizationName}_{l.PersonName ?? ""}_{what}";

    // ---- bulletins ----

    /// <summary>Where a bulletin may be read: the organizer and its active direct subordinates.</summary>
    public async Task<IReadOnlyList<Organization>> ScopeChoicesAsync(Campaign campaign, CancellationToken ct) =>
        await db.Organizations.AsNoTracking().Where(o => o.Id == campaign.OrganizerId || o.ParentId == campaign.OrganizerId && o.IsActive)
            .OrderBy(o => o.Depth).ThenBy(o => o.SortOrder).ThenBy(o => o.Code).ToListAsync(ct);

    public Task<List<ResultBulletin>> BulletinsAsync(int campaignId, CancellationToken ct) =>
        db.ResultBulletins.AsNoTracking().Where(b => b.CampaignId == campaignId).OrderByDescending(b => b.Id).ToListAsync(ct);

    public async Task<ResultBulletin> PublishBulletinAsync(ClaimsPrincipal user, Campaign campaign, int scopeOrganizationId, CancellationToken ct)
    {
        if (!MayManage(user, campaign)) throw new DomainException("Cp.NotYourCampaign");
        var release = await db.ResultReleases.AsNoTracking().Where(r => r.CampaignId == campaign.Id && r.WithdrawnAt == null).FirstOrDefaultAsync(ct)
            ?? throw new DomainException("Results.NotReleased");
        var organizer = await db.Organizations.AsNoTracking().Where(o => o.Id == campaign.OrganizerId).Select(o => new { o.Path, o.Name }).SingleAsync(ct);
        var scope = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == scopeOrganizationId, ct)
            ?? throw new DomainException("Results.ScopeOutsideOrganizer");
        var entries = (await LettersAsync(campaign.Id, ct)).Select(l => new BulletinEntry(l.TrackName, l.OrganizationName, l.PersonName, l.Grade)).ToList();
        var bulletin = ResultBulletin.Create(campaign, organizer.Path, organizer.Name, scope, release, entries, clock.GetUtcNow(), actor.Name);
        db.ResultBulletins.Add(bulletin);
        await db.SaveChangesAsync(ct);
        return bulletin;
    }

    public async Task WithdrawBulletinAsync(ClaimsPrincipal user, Campaign campaign, int bulletinId, string? reason, CancellationToken ct)
    {
        if (!MayManage(user, campaign)) throw new DomainException("Cp.NotYourCampaign");
        var b = await db.ResultBulletins.SingleOrDefaultAsync(x => x.Id == bulletinId && x.CampaignId == campaign.Id, ct)
            ?? throw new DomainException("Results.BulletinNotFound");
        b.Withdraw(reason, clock.GetUtcNow(), actor.Name);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A standing bulletin the account reads (within its scope or above); null: 404.</summary>
    public Task<ResultBulletin?> BulletinAsync(int id, CancellationToken ct) =>
        db.ResultBulletins.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id && b.WithdrawnAt == null, ct);

    /// <summary>The standing bulletins the account reads.</summary>
    public Task<List<ResultBulletin>> ReadableBulletinsAsync(CancellationToken ct) =>
        db.ResultBulletins.AsNoTracking().Where(b => b.WithdrawnAt == null).OrderByDescending(b => b.Year).ThenByDescending(b => b.Id).Take(200).ToListAsync(ct);

    public DocxReport BulletinDocument(ResultBulletin b)
    {
        var counts = b.Counts();
        var parts = new List<OutlineSection> { Part("summary", ResultStrings.Rs_PartSummary), Part("grades", ResultStrings.Rs_PartGrades) };
        var sections = new Dictionary<string, string>
        {
            ["summary"] = F(ResultStrings.Rs_BulletinSummary, b.OrganizerName, ChineseDates.Format(b.MeetingDate), b.Year, b.Entries.Count,
                counts[0].Count, counts[1].Count, counts[2].Count, counts[3].Count),
        };
        foreach (var (grade, count) in counts.Where(c => c.Count > 0))
        {
            var key = "grade." + (int)grade;
            parts.Add(Part(key, F(ResultStrings.Rs_BulletinGradeHeading, grade.Name(), count), 2));
            sections[key] = string.Join("、", b.Entries.Where(e => e.Grade == grade).Select(e => e.PersonName is null ? e.OrganizationName : $"{e.OrganizationName}（{e.PersonName}）")) + "。";
        }
        parts.Add(Part("requirements", ResultStrings.Rs_PartRequirements));
        sections["requirements"] = ResultStrings.Rs_BulletinRequirements;
        return new DocxReport(F(ResultStrings.Rs_BulletinTitle, b.Year), [F(ResultStrings.Rs_BulletinScope, b.ScopeName)], new ReportOutline(parts), sections,
            Closing: [b.OrganizerName, Date(b.PublishedAt)]);
    }

    // ---- dossier ----

    public Task<List<DossierFiling>> FilingsAsync(int campaignId, CancellationToken ct) =>
        db.DossierFilings.AsNoTracking().Where(x => x.CampaignId == campaignId).OrderByDescending(x => x.Id).ToListAsync(ct);

    public async Task<DossierFiling> FileAsync(ClaimsPrincipal user, Campaign campaign, int letterId, string? note, CancellationToken ct)
    {
        if (!MayManage(user, campaign)) throw new DomainException("Cp.NotYourCampaign");
        var letter = await db.FeedbackLetters.AsNoTracking().SingleOrDefaultAsync(l => l.Id == letterId && l.CampaignId == campaign.Id, ct)
            ?? throw new DomainException("Results.LetterNotFound");
        if (await db.DossierFilings.AnyAsync(x => x.LetterId == letterId, ct)) throw new DomainException("Results.AlreadyFiled");
        var filing = DossierFiling.Of(letter, note, clock.GetUtcNow(), actor.Name);
        db.DossierFilings.Add(filing);
        await db.SaveChangesAsync(ct);
        return filing;
    }

    /// <summary>The per-person result for the cadre dossier (归入干部人事档案).</summary>
    public DocxReport DossierDocument(FeedbackLetter l)
    {
        var outline = new ReportOutline([Part("basics", ResultStrings.Rs_PartBasics), Part("grade", ResultStrings.Rs_PartGradeOnly),
            Part("opinion", ResultStrings.Rs_PartOpinion), Part("opinion.achievements", ResultStrings.Rs_PartAchievements, 2),
            Part("opinion.problems", ResultStrings.Rs_PartProblems, 2), Part("opinion.direction", ResultStrings.Rs_PartDirection, 2),
            Part("consequences", ResultStrings.Rs_PartConsequences)]);
        var sections = new Dictionary<string, string>
        {
            ["basics"] = string.Join("\n", F(ResultStrings.Rs_DossierName, l.PersonName ?? ResultStrings.Rs_NoPerson), F(ResultStrings.Rs_DossierOrganization, l.OrganizationName),
                F(ResultStrings.Rs_DossierPost, l.PostName), F(ResultStrings.Rs_DossierYear, l.Year), F(ResultStrings.Rs_DossierDecision, l.OrganizerName, ChineseDates.Format(l.MeetingDate))),
            ["grade"] = F(ResultStrings.Rs_GradeLine, l.Grade.Name()),
            ["opinion.achievements"] = l.Achievements,
            ["opinion.problems"] = l.Problems,
            ["opinion.direction"] = l.Direction,
            ["consequences"] = string.Join("\n", ConsequenceLines(l.Consequences).SkipLast(1)),
        };
        return new DocxReport(F(ResultStrings.Rs_DossierTitle, l.Year), [ResultStrings.Rs_DossierSubtitle], outline, sections,
            Closing: [l.OrganizerName, ChineseDates.Format(l.MeetingDate)]);
    }

    // ---- consequences ----

    public Task<List<ConsequenceRecord>> ConsequencesAsync(int campaignId, CancellationToken ct) =>
        db.ConsequenceRecords.AsNoTracking().Where(x => x.CampaignId == campaignId).OrderBy(x => x.SortOrder).ThenBy(x => x.Id).ToListAsync(ct);

    /// <summary>The consequences recorded for a person (the person page), newest first.</summary>
    public Task<List<ConsequenceRecord>> ForPersonAsync(int personId, CancellationToken ct) =>
        db.ConsequenceRecords.AsNoTracking().Where(x => x.PersonId == personId).OrderByDescending(x => x.Year).ThenByDescending(x => x.Id).ToListAsync(ct);

    /// <summary>The flagged people (年度考核不得评为“优秀”) for the cadre appraisal, as an .xlsx sheet.</summary>
    public static XlsxSheet FlagSheet(IEnumerable<ConsequenceRecord> records) => new(ResultStrings.Rs_FlagSheet,
        [ResultStrings.Rs_ColYear, ResultStrings.Rs_ColOrganization, ResultStrings.Rs_ColPerson, ResultStrings.Rs_ColPost, ResultStrings.Rs_ColGrade,
         ResultStrings.Rs_ColNoExcellent, ResultStrings.Rs_ColInterview, ResultStrings.Rs_ColDeadline, ResultStrings.Rs_ColDecision],
        records.Where(r => r.InForce && r.NoExcellent).Select(r => (IReadOnlyList<object?>)
        [
            r.Year, r.OrganizationName, r.PersonName ?? "", r.PostName, r.Grade.Name(), ResultStrings.Rs_Yes,
            r.ReminderInterview ? ResultStrings.Rs_Yes : ResultStrings.Rs_No,
            r.RectificationDeadline is { } d ? ChineseDates.Format(d) : "", ChineseDates.Format(r.DecisionDate),
        ]));
}
