using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Shuzhi.Domain.Meetings;
using Shuzhi.Domain.Scoring;

namespace Shuzhi.Web.Features;

/// <summary>A reporter of the campaign as the grading page lists it.</summary>
public sealed record GradingReporter(int ReporterId, int TrackId, int OrganizationId, string OrganizationName, string? PersonName, int SortOrder);

/// <summary>Where the on-site ballot score comes from: the closed meeting and the reporter's tally (grade counts, categories).</summary>
public sealed record BallotSourceInfo(int MeetingId, string MeetingTitle, ReporterTally Tally, IReadOnlyList<VoterCategory> Categories);

/// <summary>A submitted sheet behind a component, with its figures.</summary>
public sealed record SheetSourceInfo(InspectionSheet Sheet, SheetResult Result);

/// <summary>
/// One reporter's grading: the composite with its lines, the proposal, the staff's working state and the final grade
/// (the decided one once locked), the rank over the whole campaign (for the quota's candidates) and the sources.
/// </summary>
public sealed record GradingRow(GradingReporter Reporter, CompositeResult Composite, ProposedGrade Proposal, GradingEntry? Entry,
    Grade? Final, string? Reason, int? CampaignRank, BallotSourceInfo? Ballot, IReadOnlyList<SheetSourceInfo> Sheets)
{
    public bool Blocked => Composite.Blocked;
    public Grade? Proposed => Proposal.Proposed;
}

public sealed record GradingTrack(Track Track, IReadOnlyList<GradingRow> Rows);

/// <summary>The whole campaign's grading as computed now (or as decided, once locked).</summary>
public sealed record GradingBoard(Campaign Campaign, GradingSettings Settings, IReadOnlyList<GradingTrack> Tracks, QuotaCheck Quota, Deliberation? Deliberation)
{
    public IEnumerable<GradingRow> Rows => Tracks.SelectMany(t => t.Rows);
    public bool IsLocked => Deliberation?.IsLocked == true;
    public GradingRow? Row(int reporterId) => Rows.FirstOrDefault(r => r.Reporter.ReporterId == reporterId);
}

/// <summary>The grade and reason staff choose for one reporter.</summary>
public sealed record GradeChoice(int ReporterId, Grade? Final, string? Reason);

/// <summary>
/// 综合评价 (issue #6, docs/scoring.md §4–8): gathers every reporter's component scores in a few queries (the closed
/// meetings' tallies, the submitted sheets), computes the composite per track with the track's weights, proposes grades
/// by the campaign's rule, checks the quota over the campaign, keeps the staff's waivers, adjusted grades and opinions,
/// and locks the decision (党委研究) through <see cref="Deliberation"/>. The organizer's own staff change things; the
/// units above read. Everything is audited (entity changes automatically; lock and reopen explicitly).
/// </summary>
public sealed class GradingCommands(AppDbContext db, TimeProvider clock, CampaignCommands campaigns)
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public Task<Campaign?> FindCampaignAsync(int campaignId, CancellationToken ct) => campaigns.FindAsync(campaignId, ct);

    /// <summary>Reading needs the organizer in scope (its staff or a unit above); a reporter's own accounts never read the grading.</summary>
    public Task<bool> MayReadAsync(Campaign campaign, CancellationToken ct) => db.Organizations.AnyAsync(o => o.Id == campaign.OrganizerId, ct);

    public bool MayEdit(ClaimsPrincipal user, Campaign campaign) => campaigns.IsOrganizerStaff(user, campaign.OrganizerId);

    public async Task<GradingSettings> SettingsAsync(int campaignId, CancellationToken ct) =>
        await db.GradingSettings.AsNoTracking().SingleOrDefaultAsync(s => s.CampaignId == campaignId, ct) ?? new GradingSettings { CampaignId = campaignId };

    public Task<Deliberation?> DeliberationAsync(int campaignId, CancellationToken ct) =>
        db.Deliberations.SingleOrDefaultAsync(d => d.CampaignId == campaignId, ct);

    /// <summary>Computes the campaign's grading: a fixed number of queries whatever the number of reporters.</summary>
    public async Task<GradingBoard> BoardAsync(Campaign campaign, CancellationToken ct)
    {
        var settings = await SettingsAsync(campaign.Id, ct);
        var deliberation = await db.Deliberations.AsNoTracking().SingleOrDefaultAsync(d => d.CampaignId == campaign.Id, ct);
        var tracks = await db.Tracks.AsNoTracking().Where(t => t.CampaignId == campaign.Id).OrderBy(t => t.SortOrder).ThenBy(t => t.Id).ToListAsync(ct);
        var reporters = await (
            from r in db.CampaignReporters
            where r.CampaignId == campaign.Id
            join o in db.Organizations on r.OrganizationId equals o.Id
            from p in db.People.Where(p => p.Id == r.PersonId).DefaultIfEmpty()
            select new GradingReporter(r.Id, r.TrackId, o.Id, o.Name, p == null ? null : p.Name, r.SortOrder))
            .AsNoTracking().ToListAsync(ct);
        var entries = await db.GradingEntries.AsNoTracking().Where(e => e.CampaignId == campaign.Id).ToDictionaryAsync(e => e.ReporterId, ct);
        // Cross-inspection's trimmed mean follows the track's cross plan (set where the table is made); no plan, no trimming.
        var trackIds = tracks.Select(t => t.Id).ToList();
        var crossTrim = await db.CrossPlans.AsNoTracking().Where(p => trackIds.Contains(p.TrackId)).ToDictionaryAsync(p => p.TrackId, p => p.TrimK, ct);
        var ballots = await BallotScoresAsync(campaign, tracks, reporters, ct);
        var sheets = (await db.InspectionSheets.AsNoTracking()
                .Where(s => s.State == SheetState.Submitted && db.CampaignReporters.Any(r => r.Id == s.ReporterId && r.CampaignId == campaign.Id))
                .ToListAsync(ct))
            .OrderBy(s => s.SubmittedAt).ThenBy(s => s.Id)
            .Select(s => (Sheet: s, Result: s.Result()))
            .Where(x => x.Result is not null)
            .Select(x => new SheetSourceInfo(x.Sheet, x.Result!))
            .ToLookup(x => x.Sheet.ReporterId);
        var decided = deliberation is { IsLocked: true } ? deliberation.Grades.ToDictionary(g => g.ReporterId) : null;

        var computed = new List<(Track Track, List<(GradingReporter R, CompositeResult C, ProposedGrade P)> Rows)>();
        foreach (var track in tracks)
        {
            var mine = reporters.Where(r => r.TrackId == track.Id).OrderBy(r => r.SortOrder).ThenBy(r => r.ReporterId).ToList();
            var inputs = mine.Select(r => Scores(track, r, ballots.GetValueOrDefault(r.ReporterId), sheets[r.ReporterId].ToList(),
                entries.GetValueOrDefault(r.ReporterId), crossTrim.GetValueOrDefault(track.Id))).ToList();
            var results = Composite.Compute(track.Components, inputs);
            var proposals = settings.Rule.Propose(results);
            computed.Add((track, mine.Select((r, i) => (r, results[i], proposals[i])).ToList()));
        }

        // Rank over the whole campaign by the shown composite (competition ranking): the quota's candidates are the lowest 好.
        var ordered = computed.SelectMany(t => t.Rows).Where(x => x.C.Shown is not null).OrderByDescending(x => x.C.Shown).ToList();
        var campaignRank = new Dictionary<int, int>();
        for (var i = 0; i < ordered.Count; i++)
            campaignRank[ordered[i].R.ReporterId] = i > 0 && ordered[i].C.Shown == ordered[i - 1].C.Shown ? campaignRank[ordered[i - 1].R.ReporterId] : i + 1;

        var gradingTracks = computed.Select(t => new GradingTrack(t.Track, t.Rows.Select(x =>
        {
            var entry = entries.GetValueOrDefault(x.R.ReporterId);
            Grade? final;
            string? reason;
            if (decided is not null && decided.TryGetValue(x.R.ReporterId, out var d)) (final, reason) = (d.Final, d.Reason);
            else if (x.P.Proposed is null) (final, reason) = (null, null);
            else if (entry?.FinalGrade is { } chosen && chosen != x.P.Proposed) (final, reason) = (chosen, entry.GradeReason);
            else (final, reason) = (x.P.Proposed, null);
            return new GradingRow(x.R, x.C, x.P, entry, final, reason, campaignRank.TryGetValue(x.R.ReporterId, out var k) ? k : null,
                ballots.GetValueOrDefault(x.R.ReporterId), sheets[x.R.ReporterId].ToList());
        }).ToList())).ToList();

        var graded = gradingTracks.SelectMany(t => t.Rows).Where(r => r.Final is not null)
            .Select(r => new GradedReporter(r.Reporter.ReporterId, r.Final!.Value, r.CampaignRank)).ToList();
        return new GradingBoard(campaign, settings, gradingTracks, settings.Quota.Check(graded), deliberation);
    }

    /// <summary>The tallies of the campaign's closed meetings: one query for meetings, one for categories, one for ballots.</summary>
    private async Task<Dictionary<int, BallotSourceInfo>> BallotScoresAsync(Campaign campaign, IReadOnlyList<Track> tracks, IReadOnlyList<GradingReporter> reporters, CancellationToken ct)
    {
        var result = new Dictionary<int, BallotSourceInfo>();
        var meetings = await db.Meetings.AsNoTracking().Where(m => m.CampaignId == campaign.Id && m.State == VotingState.Closed).OrderBy(m => m.Id).ToListAsync(ct);
        if (meetings.Count == 0) return result;
        var ids = meetings.Select(m => m.Id).ToList();
        var categories = await db.VoterCategories.AsNoTracking().Where(c => ids.Contains(c.MeetingId)).OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(ct);
        var trackById = tracks.ToDictionary(t => t.Id);
        var reporterById = reporters.ToDictionary(r => r.ReporterId);
        // A later meeting's tally replaces an earlier one for the same reporter (a repeated debrief).
        foreach (var m in meetings)
        {
            var forms = m.SpeakerOrder.Where(reporterById.ContainsKey)
                .Select(id => new ReporterForm(id, reporterById[id].TrackId, trackById[reporterById[id].TrackId].Ballot)).ToList();
            var cats = categories.Where(c => c.MeetingId == m.Id).ToList();
            // The database counts the marks (as the meeting's own tally does): no ballot is loaded one by one.
            var marks = await MeetingCommands.MarkGroupsAsync(db, m.Id, ct);
            var tally = Tally.Compute(forms, cats.Select(c => new TallyCategory(c.Id, c.Name, c.Weight)).ToList(), marks, m.Rules);
            foreach (var t in tally.Where(t => t.Score is not null)) result[t.ReporterId] = new BallotSourceInfo(m.Id, m.Title, t, cats);
        }
        return result;
    }

    /// <summary>What is known of one reporter, for the track's components only.</summary>
    private static ReporterScores Scores(Track track, GradingReporter r, BallotSourceInfo? ballot, IReadOnlyList<SheetSourceInfo> sheets, GradingEntry? entry, int trimK)
    {
        var wanted = track.Components.Select(c => c.Component).ToHashSet();
        var scores = new Dictionary<ScoreComponent, ComponentScore>();
        if (wanted.Contains(ScoreComponent.OnSiteBallot) && ballot?.Tally.Score is { } score)
            scores[ScoreComponent.OnSiteBallot] = ComponentScores.FromBallot(score, track.Ballot) with { Source = $"现场测评（{ballot.MeetingTitle}，有效票{ballot.Tally.Marks}张）" };
        foreach (var group in sheets.GroupBy(s => s.Sheet.Kind))
        {
            var component = group.Key.Component();
            if (!wanted.Contains(component)) continue;
            var list = group.ToList();
            scores[component] = component == ScoreComponent.CrossInspection ? CrossScore(list, trimK) : MeanScore(component, list);
        }
        var vetoes = sheets.Where(s => wanted.Contains(s.Sheet.Kind.Component())).Select(s => s.Result.ForcedGrade).OfType<Grade>().ToList();
        Grade? veto = vetoes.Count == 0 ? null : vetoes.Aggregate(Grades.Worse);
        var waivers = (entry?.Waivers ?? []).Where(w => wanted.Contains(w.Component)).ToDictionary(w => w.Component, w => w.Reason);
        return new ReporterScores(r.ReporterId, scores, waivers, veto);
    }

    private static ComponentScore CrossScore(IReadOnlyList<SheetSourceInfo> list, int trimK)
    {
        var results = list.Select(s => s.Result).ToList();
        if (results.Select(s => s.Scale).Distinct().Count() > 1) return Normalized(ScoreComponent.CrossInspection, list);
        return ComponentScores.CrossMean(results, trimK);
    }

    /// <summary>One sheet: its total on its scale; several (e.g. two inspectors): their mean, on 100 when the scales differ.</summary>
    private static ComponentScore MeanScore(ScoreComponent component, IReadOnlyList<SheetSourceInfo> list)
    {
        if (list.Count == 1) return ComponentScores.FromSheet(list[0].Result, $"{component.Name()}（{Who(list[0].Sheet)}）");
        if (list.Select(s => s.Result.Scale).Distinct().Count() > 1) return Normalized(component, list);
        var mean = list.Sum(s => s.Result.Total) / list.Count;
        return new ComponentScore(mean, list[0].Result.Scale, $"{component.Name()}（{list.Count}份平均）");
    }

    private static ComponentScore Normalized(ScoreComponent component, IReadOnlyList<SheetSourceInfo> list) =>
        ComponentScores.Direct(list.Sum(s => s.Result.Total / s.Result.Scale * 100m) / list.Count, $"{component.Name()}（{list.Count}份折算百分制平均）");

    public static string Who(InspectionSheet s) => string.IsNullOrWhiteSpace(s.InspectorName) ? "—" : s.InspectorName;

    // ---- changes: the organizer's own staff, while the decision is open ----

    private async Task<Deliberation?> EnsureOpenAsync(ClaimsPrincipal user, Campaign campaign, CancellationToken ct)
    {
        if (!MayEdit(user, campaign)) throw new DomainException("Cp.NotYourCampaign");
        var d = await DeliberationAsync(campaign.Id, ct);
        d?.EnsureOpen();
        return d;
    }

    /// <summary>Stores the grading settings after the domain's checks (thresholds descending in 0–100, shares, quota 0–100 %).</summary>
    public async Task SaveSettingsAsync(ClaimsPrincipal user, Campaign campaign, GradingSettings input, CancellationToken ct)
    {
        await EnsureOpenAsync(user, campaign, ct);
        var errors = input.Rule.Validate();
        if (errors.Count > 0) throw new DomainException(errors[0].Code, errors[0].Args);
        input.Quota.RequiredBelowGood(1); // throws when the share is outside 0–1
        var row = await db.GradingSettings.SingleOrDefaultAsync(s => s.CampaignId == campaign.Id, ct);
        if (row is null) db.GradingSettings.Add(row = new GradingSettings { CampaignId = campaign.Id });
        row.RuleKind = input.RuleKind;
        row.GoodMin = input.GoodMin;
        row.FairlyGoodMin = input.FairlyGoodMin;
        row.AverageMin = input.AverageMin;
        row.GoodShare = input.GoodShare;
        row.FairlyGoodShare = input.FairlyGoodShare;
        row.AverageShare = input.AverageShare;
        row.QuotaShare = input.QuotaShare;
        row.RequireAverageOrPoor = input.RequireAverageOrPoor;
        await db.SaveChangesAsync(ct);
    }

    private async Task<(CampaignReporter Reporter, GradingEntry Entry)> EntryAsync(Campaign campaign, int reporterId, CancellationToken ct)
    {
        var reporter = await db.CampaignReporters.SingleOrDefaultAsync(r => r.Id == reporterId && r.CampaignId == campaign.Id, ct)
            ?? throw new DomainException("Grading.ReporterNotFound");
        var entry = await db.GradingEntries.SingleOrDefaultAsync(e => e.ReporterId == reporterId, ct);
        if (entry is null) db.GradingEntries.Add(entry = new GradingEntry { CampaignId = campaign.Id, ReporterId = reporterId });
        return (reporter, entry);
    }

    /// <summary>Waives a component of the reporter's track that has no score, with a reason (a present score is never hidden).</summary>
    public async Task WaiveAsync(ClaimsPrincipal user, Campaign campaign, int reporterId, ScoreComponent component, string? reason, CancellationToken ct)
    {
        await EnsureOpenAsync(user, campaign, ct);
        reason = (reason ?? "").Trim();
        if (reason.Length == 0) throw new DomainException("Scoring.WaiverReasonRequired", component.Name());
        if (reason.Length > Composite.MaxWaiverReason) throw new DomainException("Scoring.ReasonTooLong", Composite.MaxWaiverReason);
        var board = await BoardAsync(campaign, ct);
        var row = board.Row(reporterId) ?? throw new DomainException("Grading.ReporterNotFound");
        var line = row.Composite.Lines.FirstOrDefault(l => l.Component == component) ?? throw new DomainException("Grading.ComponentNotInTrack", component.Name());
        if (line.Raw is not null) throw new DomainException("Grading.ComponentHasScore", component.Name());
        var (_, entry) = await EntryAsync(campaign, reporterId, ct);
        entry.Waivers = [.. entry.Waivers.Where(w => w.Component != component), new ComponentWaiver(component, reason)];
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Takes a waiver back: the component blocks again until it has a score.</summary>
    public async Task RemoveWaiverAsync(ClaimsPrincipal user, Campaign campaign, int reporterId, ScoreComponent component, CancellationToken ct)
    {
        await EnsureOpenAsync(user, campaign, ct);
        var (_, entry) = await EntryAsync(campaign, reporterId, ct);
        entry.Waivers = entry.Waivers.Where(w => w.Component != component).ToList();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Saves the final grades chosen: a grade different from the proposal needs a reason; a grade equal to it clears the
    /// adjustment. Only reporters with a composite (not blocked) take a grade. Returns the quota as it then stands.
    /// </summary>
    public async Task<QuotaCheck> SaveGradesAsync(ClaimsPrincipal user, Campaign campaign, IReadOnlyList<GradeChoice> choices, CancellationToken ct)
    {
        await EnsureOpenAsync(user, campaign, ct);
        var board = await BoardAsync(campaign, ct);
        var pending = new List<(GradingRow Row, GradeChoice Choice)>();
        foreach (var c in choices)
        {
            var row = board.Row(c.ReporterId) ?? throw new DomainException("Grading.ReporterNotFound");
            if (c.Final is null || row.Blocked) continue;
            if (!Enum.IsDefined(c.Final.Value)) throw new DomainException("Grading.GradeInvalid");
            var reason = string.IsNullOrWhiteSpace(c.Reason) ? null : c.Reason.Trim();
            if (c.Final != row.Proposed && reason is null)
                throw new DomainException("Grading.GradeReasonRequired", row.Reporter.OrganizationName, c.Final.Value.Name(), row.Proposed!.Value.Name());
            if (reason is { Length: > Deliberation.MaxReason }) throw new DomainException("Scoring.ReasonTooLong", Deliberation.MaxReason);
            pending.Add((row, c with { Reason = reason }));
        }
        var ids = pending.Select(p => p.Row.Reporter.ReporterId).ToList();
        var entries = await db.GradingEntries.Where(e => ids.Contains(e.ReporterId)).ToDictionaryAsync(e => e.ReporterId, ct);
        foreach (var (row, c) in pending)
        {
            var same = c.Final == row.Proposed;
            if (!entries.TryGetValue(c.ReporterId, out var entry))
            {
                if (same) continue;
                db.GradingEntries.Add(entry = new GradingEntry { CampaignId = campaign.Id, ReporterId = c.ReporterId });
            }
            if (entry.FinalGrade == (same ? null : c.Final) && entry.GradeReason == (same ? null : c.Reason)) continue;
            entry.FinalGrade = same ? null : c.Final;
            entry.GradeReason = same ? null : c.Reason;
        }
        await db.SaveChangesAsync(ct);
        return (await BoardAsync(campaign, ct)).Quota;
    }

    /// <summary>Saves the reporter's opinion in three parts (each at most 1000 characters).</summary>
    public async Task SaveOpinionAsync(ClaimsPrincipal user, Campaign campaign, int reporterId, string? achievements, string? problems, string? direction, CancellationToken ct)
    {
        await EnsureOpenAsync(user, campaign, ct);
        var opinion = Opinion.Create(achievements ?? "", problems ?? "", direction ?? "");
        var (_, entry) = await EntryAsync(campaign, reporterId, ct);
        entry.Achievements = opinion.Achievements;
        entry.Problems = opinion.Problems;
        entry.Direction = opinion.Direction;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The opinion's prefill (only shown while all three parts are empty): what the meeting's commenters said on the
    /// reporter (problems apart), the inspection sheets' notes, and the report's checks that failed when last submitted.
    /// </summary>
    public async Task<Opinion> PrefillAsync(GradingRow row, CancellationToken ct)
    {
        var comments = await db.MeetingComments.AsNoTracking().Where(c => c.ReporterId == row.Reporter.ReporterId).OrderBy(c => c.Id)
            .Select(c => new { c.Text, c.IsProblem }).ToListAsync(ct);
        var good = comments.Where(c => !c.IsProblem).Select(c => c.Text)
            .Concat(row.Sheets.Where(s => s.Sheet.Notes.Length > 0).Select(s => $"{s.Sheet.Kind.Component().Name()}：{s.Sheet.Notes}"));
        var bad = comments.Where(c => c.IsProblem).Select(c => c.Text).ToList();
        bad.AddRange(await FailedChecksAsync(row.Reporter.ReporterId, ct));
        static string Join(IEnumerable<string> parts)
        {
            var text = string.Join("\n", parts.Select(p => p.Trim()).Where(p => p.Length > 0).Distinct());
            return text.Length > Opinion.MaxPart ? text[..Opinion.MaxPart] : text;
        }
        return new Opinion(Join(good), Join(bad), "");
    }

    /// <summary>The checks the reporter's latest submitted report fails (run again on that version's text).</summary>
    private async Task<IReadOnlyList<string>> FailedChecksAsync(int reporterId, CancellationToken ct)
    {
        var version = await db.ReportVersions.AsNoTracking().Where(v => v.CampaignReporterId == reporterId).OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
        if (version is null) return [];
        var reporter = await db.CampaignReporters.AsNoTracking().SingleAsync(r => r.Id == reporterId, ct);
        var track = await db.Tracks.AsNoTracking().SingleAsync(t => t.Id == reporter.TrackId, ct);
        var topics = (await db.CampaignTopics.AsNoTracking().Where(t => t.CampaignId == reporter.CampaignId).OrderBy(t => t.IsMustAnswer).ThenBy(t => t.SortOrder).ToListAsync(ct))
            .Select(Shuzhi.Domain.Reports.TopicKeywords.From).ToList();
        var items = await db.RectificationItems.AsNoTracking().Where(i => i.CampaignId == reporter.CampaignId && i.OrganizationId == reporter.OrganizationId)
            .OrderBy(i => i.SortOrder).ThenBy(i => i.Id).Select(i => i.Id).ToListAsync(ct);
        var run = Shuzhi.Domain.Reports.ReportChecks.Run(track.Outline, track.Rules, version.Text, topics, items);
        return run.Failed.Select(f => "述职报告：" + f.Message).ToList();
    }

    /// <summary>
    /// Locks the decision (经党委研究): every reporter must have a composite (or its missing components waived); each
    /// decided grade carries its proposal, final grade, reason and opinion; the domain re-checks the reasons and the quota.
    /// </summary>
    public async Task LockAsync(ClaimsPrincipal user, Campaign campaign, DateOnly meetingDate, string? minuteReference, string? quotaReason, CancellationToken ct)
    {
        var deliberation = await EnsureOpenAsync(user, campaign, ct);
        var board = await BoardAsync(campaign, ct);
        var blocked = board.Rows.Where(r => r.Blocked).ToList();
        if (blocked.Count > 0) throw new DomainException("Grading.BlockedReporters", blocked.Count, blocked[0].Reporter.OrganizationName);
        var grades = board.Rows.Select(r => new DecidedGrade(r.Reporter.ReporterId, r.Proposed, r.Final!.Value,
            r.Final != r.Proposed ? r.Reason : null, r.Entry?.Opinion ?? Opinion.Empty)).ToList();
        if (deliberation is null) db.Deliberations.Add(deliberation = Deliberation.Start(campaign.Id));
        deliberation.Lock(meetingDate, minuteReference ?? "", grades, board.Settings.Quota, quotaReason, InspectionCommands.UserId(user), clock.GetUtcNow());
        db.Audit("lock-grades", nameof(Deliberation), campaign.Id.ToString(CultureInfo.InvariantCulture), JsonSerializer.Serialize(new
        {
            campaignId = campaign.Id, meetingDate = meetingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), minute = deliberation.MinuteReference,
            quota = new { deliberation.QuotaAtLock!.Required, deliberation.QuotaAtLock.BelowGood, deliberation.QuotaAtLock.Holds }, quotaReason = deliberation.QuotaReason,
            grades = deliberation.Grades.Select(g => new { g.ReporterId, proposed = g.Proposed?.Name(), final = g.Final.Name(), g.Reason }),
        }, Json), await OrganizerPathAsync(campaign, ct));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Reopens a locked decision with a reason (kept in its history and audited).</summary>
    public async Task ReopenAsync(ClaimsPrincipal user, Campaign campaign, string? reason, CancellationToken ct)
    {
        if (!MayEdit(user, campaign)) throw new DomainException("Cp.NotYourCampaign");
        var deliberation = await DeliberationAsync(campaign.Id, ct) ?? throw new DomainException("Scoring.DeliberationNotLocked");
        deliberation.Reopen(reason ?? "", InspectionCommands.UserId(user), clock.GetUtcNow());
        db.Audit("reopen-grades", nameof(Deliberation), campaign.Id.ToString(CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(new { campaignId = campaign.Id, reason = reason!.Trim() }, Json), await OrganizerPathAsync(campaign, ct));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Audits an export of the grading table.</summary>
    public async Task AuditExportAsync(Campaign campaign, CancellationToken ct)
    {
        db.Audit("export", nameof(Deliberation), campaign.Id.ToString(CultureInfo.InvariantCulture), "{\"file\":\"grading\"}", await OrganizerPathAsync(campaign, ct));
        await db.SaveChangesAsync(ct);
    }

    private Task<string?> OrganizerPathAsync(Campaign campaign, CancellationToken ct) =>
        db.Organizations.Where(o => o.Id == campaign.OrganizerId).Select(o => o.Path).SingleOrDefaultAsync(ct);
}
