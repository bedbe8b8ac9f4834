using System.Globalization;
using System.Security.Claims;
using Shuzhi.Domain.Meetings;
using Shuzhi.Domain.Rectification;
using Shuzhi.Domain.Reports;
using Shuzhi.Domain.Results;
using Shuzhi.Domain.Scoring;
using Shuzhi.Web.Documents;

namespace Shuzhi.Web.Features;

/// <summary>A campaign with its report to the upper unit as a list shows it (the report may not exist yet).</summary>
public sealed class UpwardRow
{
    public int CampaignId { get; init; }
    public int Year { get; init; }
    public string Title { get; init; } = "";
    public string OrganizerName { get; init; } = "";
    public DateOnly Deadline { get; init; }
    public UpwardState? State { get; init; }
    public UpwardDeadline Status { get; init; }
}

/// <summary>
/// 上报 (seed 001 第八条, seed 002 四): the report of a campaign to the upper unit, compiled from the records and sent by
/// the organizer's own staff; the upper unit (the staff of the organizer's parent organization) acknowledges or returns it.
/// Reads go through the scope filters: the organizer's subtree and the units above see the campaign, nobody below.
/// Entity changes are audited on save; the documents' downloads are audited here.
/// </summary>
public sealed class UpwardCommands(AppDbContext db, CampaignCommands campaigns, RectificationCommands rectification, MeetingCommands meetings,
    CurrentActor actor, TimeProvider clock, INotifier notifier)
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().Date);

    public bool MayWrite(ClaimsPrincipal user, Campaign campaign) => campaigns.IsOrganizerStaff(user, campaign.OrganizerId);

    /// <summary>The upper unit: the staff of the organizer's parent organization (or an administrator).</summary>
    public bool MayReview(ClaimsPrincipal user, Organization organizer) =>
        user.IsInRole(Roles.Admin) || (user.IsInRole(Roles.OrgStaff) && organizer.ParentId is { } parent && db.CurrentScope.ScopeOrganizationId == parent);

    public Task<UpwardReport?> ReportAsync(int campaignId, CancellationToken ct) =>
        db.UpwardReports.SingleOrDefaultAsync(r => r.CampaignId == campaignId, ct);

    // ---------------------------------------------------------------- figures

    /// <summary>
    /// The figures of the report from the records as they are now: tracks and reporters, each meeting's ballots by
    /// category (票数核对), each reporter's ballot figures (closed meetings) and decided grade, the quota at the lock, the
    /// problems found, the consequences in force and the rectification plans. A few grouped queries; no ballot is loaded.
    /// </summary>
    public async Task<UpwardFigures> CompileAsync(ClaimsPrincipal user, Campaign campaign, CancellationToken ct)
    {
        var organizer = await db.Organizations.Where(o => o.Id == campaign.OrganizerId).Select(o => o.Name).SingleAsync(ct);
        var tracks = await db.Tracks.Where(t => t.CampaignId == campaign.Id).OrderBy(t => t.SortOrder).ThenBy(t => t.Id)
            .Select(t => new { t.Id, t.Name, t.Mode, Reporters = db.CampaignReporters.Count(r => r.TrackId == t.Id) }).ToListAsync(ct);
        var trackNames = tracks.ToDictionary(t => t.Id, t => t.Name);

        // Ballots: every meeting's categories with their counts (paper as counted from the box where staff entered it).
        var meetingList = await db.Meetings.AsNoTracking().Where(m => m.CampaignId == campaign.Id).OrderBy(m => m.Id).ToListAsync(ct);
        var meetingIds = meetingList.Select(m => m.Id).ToList();
        var categories = await db.VoterCategories.AsNoTracking().Where(v => meetingIds.Contains(v.MeetingId)).OrderBy(v => v.MeetingId).ThenBy(v => v.SortOrder).ToListAsync(ct);
        var counts = await PaperBallotCommands.BallotCountsAsync(db, meetingIds, ct);
        var ballots = new List<UpwardBallots>();
        foreach (var m in meetingList)
        {
            var cats = categories.Where(c => c.MeetingId == m.Id).ToList();
            var collected = cats.Where(c => c.PaperCollected is not null).ToDictionary(c => c.Id, c => c.PaperCollected!.Value);
            ballots.AddRange(Reconciliation.Compute(cats.Select(c => new VoterCategoryCount(c.Id, c.Name, c.Issued)).ToList(), counts, collected)
                .Select(r => new UpwardBallots(m.Title, r.Name, r.Issued, r.Phone, r.Paper, r.Valid, r.Invalid)));
        }

        // Each closed meeting's tally, by reporter.
        var tallies = new Dictionary<int, ReporterTally>();
        foreach (var m in meetingList.Where(m => m.State == VotingState.Closed))
            foreach (var t in await meetings.TallyAsync(user, campaign, m, ct)) tallies[t.ReporterId] = t;

        var deliberation = await db.Deliberations.AsNoTracking().SingleOrDefaultAsync(d => d.CampaignId == campaign.Id, ct);
        var decided = deliberation is { IsLocked: true } ? deliberation.Grades.ToDictionary(g => g.ReporterId, g => g.Final) : [];

        var reporterRows = await (from r in db.CampaignReporters
                                  where r.CampaignId == campaign.Id
                                  join o in db.Organizations on r.OrganizationId equals o.Id
                                  join t in db.Tracks on r.TrackId equals t.Id
                                  orderby t.SortOrder, t.Id, r.SortOrder, r.Id
                                  select new { r.Id, r.TrackId, r.PersonId, Organization = o.Name, t.Mode }).ToListAsync(ct);
        // The reporter organizations lie in the organizer's subtree, which the writer sees; a reporter's person may have
        // moved elsewhere since, so the names are read by id past the filters (ids from the scoped rows above).
        var personIds = reporterRows.Where(r => r.PersonId is not null).Select(r => r.PersonId!.Value).Distinct().ToList();
        var people = await db.People.IgnoreQueryFilters().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var reporters = reporterRows.Select(r =>
        {
            var t = tallies.GetValueOrDefault(r.Id);
            int G(string label) => t?.Grades.FirstOrDefault(g => g.Label == label)?.Count ?? 0;
            return new UpwardReporter(trackNames[r.TrackId], r.Organization, r.PersonId is { } p ? people.GetValueOrDefault(p) : null,
                r.Mode != DebriefMode.Written, t?.Marks ?? 0, G(Grade.Good.Name()), G(Grade.FairlyGood.Name()), G(Grade.Average.Name()), G(Grade.Poor.Name()),
                t?.TopRate, t?.Score, t?.Rank, decided.TryGetValue(r.Id, out var g) ? g : null);
        }).ToList();

        var consequences = await db.ConsequenceRecords.Where(x => x.CampaignId == campaign.Id && x.WithdrawnAt == null)
            .GroupBy(_ => 1).Select(g => new { NoExcellent = g.Count(x => x.NoExcellent), Interviews = g.Count(x => x.ReminderInterview) }).SingleOrDefaultAsync(ct);
        var held = await db.RectInterviews.CountAsync(i => i.CampaignId == campaign.Id && i.HeldOn != null, ct);
        var accountability = await db.RectAccountability.CountAsync(a => a.CampaignId == campaign.Id, ct);

        var plans = (await rectification.RowsAsync(campaign.Id, ct))
            .Select(r => new UpwardPlan(r.OrganizationName, r.State is not null and not PlanState.Draft, r.State == PlanState.Accepted, r.Late, r.Items, r.Done, r.Closed, r.Overdue))
            .ToList();

        return new UpwardFigures(organizer, campaign.Year, campaign.Title, Today, campaign.Timeline.MeetingDate, campaign.Timeline.MeetingEndDate,
            tracks.Select(t => new UpwardTrack(t.Name, t.Mode, t.Reporters)).ToList(), ballots, reporters,
            deliberation is { IsLocked: true } ? deliberation.QuotaAtLock : null, deliberation is { IsLocked: true, QuotaReason: not null },
            deliberation is { IsLocked: true } ? deliberation.MeetingDate : null,
            await ProblemsAsync(campaign.Id, ct),
            new UpwardConsequences(consequences?.NoExcellent ?? 0, consequences?.Interviews ?? 0, held, accountability), plans);
    }

    /// <summary>
    /// The problems found: those collected for rectification (from comments, reports, inspections …) once staff have
    /// collected them; before that, the comments marked as problems at the meetings.
    /// </summary>
    private async Task<List<UpwardProblem>> ProblemsAsync(int campaignId, CancellationToken ct)
    {
        var collected = await (from p in db.RectProblems
                               where p.CampaignId == campaignId
                               join o in db.Organizations on p.OrganizationId equals o.Id
                               orderby o.Path, p.Id
                               select new { o.Name, p.Text, p.SourceKind, p.SourceRefId, p.SourcePosition, p.SourceText }).ToListAsync(ct);
        if (collected.Count > 0)
            return collected.Select(p => new UpwardProblem(p.Name, p.Text, ProblemSource.Restore(p.SourceKind, p.SourceRefId, p.SourcePosition, p.SourceText).Label)).ToList();
        var comments = await (from c in db.MeetingComments
                              where c.IsProblem && db.Meetings.Any(m => m.Id == c.MeetingId && m.CampaignId == campaignId)
                              join r in db.CampaignReporters on c.ReporterId equals r.Id
                              join o in db.Organizations on r.OrganizationId equals o.Id
                              orderby o.Path, c.Id
                              select new { o.Name, c.Id, c.Text }).ToListAsync(ct);
        return comments.Select(c => new UpwardProblem(c.Name, c.Text, ProblemSource.FromComment(c.Id).Label)).ToList();
    }

    // ---------------------------------------------------------------- writing, sending, acknowledging

    private async Task<UpwardReport> StartedAsync(Campaign campaign, CancellationToken ct)
    {
        var report = await ReportAsync(campaign.Id, ct);
        if (report is null)
        {
            report = UpwardReport.Start(campaign.Id, campaign.OrganizerId, campaign.Year);
            db.UpwardReports.Add(report);
        }
        return report;
    }

    public async Task SaveAsync(ClaimsPrincipal user, Campaign campaign, string? conduct, string? problemAnalysis, string? nextSteps, CancellationToken ct)
    {
        if (!MayWrite(user, campaign)) throw new DomainException("Cp.NotYourCampaign");
        (await StartedAsync(campaign, ct)).Edit(conduct, problemAnalysis, nextSteps);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Saves the narrative and sends the report with the figures compiled now; the upper unit's staff are told.</summary>
    public async Task SubmitAsync(ClaimsPrincipal user, Campaign campaign, Organization organizer, string? conduct, string? problemAnalysis, string? nextSteps, CancellationToken ct)
    {
        if (!MayWrite(user, campaign)) throw new DomainException("Cp.NotYourCampaign");
        var report = await StartedAsync(campaign, ct);
        report.Edit(conduct, problemAnalysis, nextSteps);
        report.Submit(await CompileAsync(user, campaign, ct), campaign.Timeline.UpwardReportDeadline, Today, actor.Name, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        if (organizer.ParentId is { } parent)
            await NotifyAsync(parent, $"upward:{report.Id}:{report.History.Count}",
                string.Format(CultureInfo.InvariantCulture, UpwardStrings.Up_NoticeSubmitted, organizer.Name, campaign.Title), campaign, ct);
    }

    public Task AcknowledgeAsync(ClaimsPrincipal user, Campaign campaign, Organization organizer, string? comment, CancellationToken ct) =>
        ReviewAsync(user, campaign, organizer, r => r.Acknowledge(actor.Name, clock.GetUtcNow(), comment),
            _ => string.Format(CultureInfo.InvariantCulture, UpwardStrings.Up_NoticeAcknowledged, campaign.Title), ct);

    public Task ReturnAsync(ClaimsPrincipal user, Campaign campaign, Organization organizer, string? reason, CancellationToken ct) =>
        ReviewAsync(user, campaign, organizer, r => r.Return(actor.Name, clock.GetUtcNow(), reason),
            r => string.Format(CultureInfo.InvariantCulture, UpwardStrings.Up_NoticeReturned, campaign.Title, r.ReturnReason), ct);

    /// <summary>The upper unit's step on a sent report; the organizer's staff are told.</summary>
    private async Task ReviewAsync(ClaimsPrincipal user, Campaign campaign, Organization organizer, Action<UpwardReport> step, Func<UpwardReport, string> notice, CancellationToken ct)
    {
        if (!MayReview(user, organizer)) throw new DomainException("Upward.NotUpperUnit");
        var report = await ReportAsync(campaign.Id, ct) ?? throw new DomainException("Upward.NotSubmitted");
        step(report);
        await db.SaveChangesAsync(ct);
        await NotifyAsync(organizer.Id, $"upward:{report.Id}:{report.History.Count}", notice(report), campaign, ct);
    }

    /// <summary>Tells the staff accounts bound to <paramref name="organizationId"/>.</summary>
    private async Task NotifyAsync(int organizationId, string key, string text, Campaign campaign, CancellationToken ct)
    {
        var staffRoles = await db.Roles.Where(r => r.Name == Roles.OrgStaff).Select(r => r.Id).ToListAsync(ct);
        var users = await db.Users.Where(u => !u.IsDisabled && u.ScopeOrganizationId == organizationId && db.UserRoles.Any(ur => ur.UserId == u.Id && staffRoles.Contains(ur.RoleId)))
            .Select(u => u.Id).ToListAsync(ct);
        if (users.Count > 0) await notifier.NotifyAsync(users, key, text, $"/Campaigns/Upward/{campaign.Id}", ct);
    }

    // ---------------------------------------------------------------- lists

    /// <summary>
    /// The visible campaigns whose organizer the account sees (its own and those below it) with their reports and deadline
    /// status, for the database to filter, sort and page. The status is <see cref="UpwardReport.Status"/> written as SQL.
    /// </summary>
    public IQueryable<UpwardRow> Rows()
    {
        var today = Today;
        return from c in db.Campaigns.AsNoTracking()
               join o in db.Organizations on c.OrganizerId equals o.Id
               join r in db.UpwardReports on c.Id equals r.CampaignId into reports
               from r in reports.DefaultIfEmpty()
               select new UpwardRow
               {
                   CampaignId = c.Id, Year = c.Year, Title = c.Title, OrganizerName = o.Name,
                   Deadline = c.Timeline.UpwardReportDeadline,
                   State = r == null ? null : r.State,
                   Status = r != null && (r.State == UpwardState.Submitted || r.State == UpwardState.Acknowledged)
                       ? (r.SubmittedLate ? UpwardDeadline.Late : UpwardDeadline.OnTime)
                       : (today > c.Timeline.UpwardReportDeadline ? UpwardDeadline.Overdue : UpwardDeadline.Pending),
               };
    }

    // ---------------------------------------------------------------- documents

    private static string F(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    private static string Pct(decimal? fraction) => fraction is { } f ? (Math.Round(f * 100, 2, MidpointRounding.AwayFromZero)).ToString("0.##", CultureInfo.InvariantCulture) + "%" : "—";

    private static string Num(decimal? value) => value is { } v ? Math.Round(v, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture) : "—";

    private static string Dates(UpwardFigures f) => f.MeetingEndDate is { } end && end != f.MeetingDate
        ? $"{ChineseDates.Format(f.MeetingDate)}至{ChineseDates.Format(end)}" : ChineseDates.Format(f.MeetingDate);

    /// <summary>
    /// The sentences the report compiles from the figures, in its two compiled parts (基本情况和民主评议结果; 结果运用及整改
    /// 落实情况), each with its numbered subsections. The page shows them; the document puts them between the staff's parts.
    /// </summary>
    public static IReadOnlyList<(string Part, IReadOnlyList<(string Heading, string Text)> Sections)> Compiled(UpwardFigures f)
    {
        var tracks = string.Join("；", f.Tracks.Select(t => F(UpwardStrings.Up_TrackLine, t.Name, t.Mode.Name(), t.Reporters)));
        var scope = F(UpwardStrings.Up_Scope, f.Organizer, f.Year, f.ReporterCount, f.OnSiteCount, f.WrittenCount, Dates(f), tracks);
        var ballots = f.Ballots.Count == 0 ? UpwardStrings.Up_NoBallots
            : F(UpwardStrings.Up_Ballots, f.Issued, f.Returned, f.Valid, f.Invalid, Pct(f.Issued == 0 ? null : (decimal)f.Returned / f.Issued));
        var d = f.Distribution;
        var grades = f.Graded == 0 ? UpwardStrings.Up_NotGraded
            : F(UpwardStrings.Up_Grades, f.DecisionDate is { } dd ? ChineseDates.Format(dd) : "", f.Graded, d[0].Count, d[1].Count, d[2].Count, d[3].Count, Pct(f.BelowGoodShare))
              + (f.Quota is { } q ? q.Holds ? UpwardStrings.Up_QuotaHeld : F(UpwardStrings.Up_QuotaNotHeld, q.Required) + (f.QuotaReasoned ? UpwardStrings.Up_QuotaReasoned : "") : "");
        var problems = f.Problems.Count == 0 ? UpwardStrings.Up_NoProblems
            : F(UpwardStrings.Up_Problems, f.Problems.Count, string.Join("；", f.Problems.GroupBy(p => p.Source).Select(g => $"{g.Key}{g.Count()}条")));
        var c = f.Consequences;
        var consequences = F(UpwardStrings.Up_Consequences, c.NoExcellent, c.ReminderInterviews, c.InterviewsHeld, c.Accountability);
        var rect = F(UpwardStrings.Up_Rectification, f.PlansRequired, f.PlansFiled, f.PlansAccepted, f.PlansLate, f.Items, f.ItemsDone, f.ItemsClosed, f.ItemsOverdue, Pct(f.CompletionRate));
        return
        [
            (UpwardStrings.Up_GroupBasics, [(UpwardStrings.Up_PartScope, scope), (UpwardStrings.Up_PartBallots, ballots), (UpwardStrings.Up_PartGrades, grades)]),
            (UpwardStrings.Up_GroupFollowUp, [(UpwardStrings.Up_PartProblems, problems), (UpwardStrings.Up_PartConsequences, consequences), (UpwardStrings.Up_PartRectification, rect)]),
        ];
    }

    /// <summary>
    /// The report as a .docx (official layout): 一、基本情况和民主评议结果 (compiled), 二、工作开展情况 (staff), 三、结果运用及
    /// 整改落实情况 (compiled), 四、存在的问题 and 五、下一步工作打算 (staff), and the appendix named.
    /// </summary>
    public DocxReport Document(UpwardReport report, UpwardFigures f)
    {
        var compiled = Compiled(f);
        var parts = new List<OutlineSection>();
        var sections = new Dictionary<string, string>();
        void Add(string key, string heading, string text, int level = 1)
        {
            parts.Add(new OutlineSection(key, level, heading, "", SectionRole.Other, true));
            sections[key] = text;
        }
        void Group(int n, string key)
        {
            var (part, subsections) = compiled[n];
            Add(key, part, "");
            for (var i = 0; i < subsections.Count; i++) Add($"{key}.{i}", subsections[i].Heading, subsections[i].Text, 2);
        }
        Group(0, "basics");
        Add("conduct", UpwardStrings.Up_DocConduct, report.Conduct);
        Group(1, "followup");
        Add("problems", UpwardStrings.Up_DocProblems, report.ProblemAnalysis);
        Add("next", UpwardStrings.Up_DocNext, report.NextSteps);
        Add("annex", UpwardStrings.Up_DocAnnex, UpwardStrings.Up_DocAnnexText);
        return new DocxReport(F(UpwardStrings.Up_Title, f.Organizer, f.Year), [UpwardStrings.Up_Subtitle], new ReportOutline(parts), sections,
            Closing: [f.Organizer, ChineseDates.Format(f.AsOf)]);
    }

    /// <summary>The appendix (.xlsx): one sheet per part, the same rows the report counts.</summary>
    public static IReadOnlyList<XlsxSheet> Appendix(UpwardFigures f)
    {
        var d = f.Distribution;
        return
        [
            new XlsxSheet(UpwardStrings.Up_SheetSummary, [UpwardStrings.Up_ColItem, UpwardStrings.Up_ColValue],
            [
                [UpwardStrings.Up_RowOrganizer, f.Organizer], [UpwardStrings.Up_RowYear, f.Year], [UpwardStrings.Up_RowMeetingDate, Dates(f)],
                [UpwardStrings.Up_RowReporters, f.ReporterCount], [UpwardStrings.Up_RowOnSite, f.OnSiteCount], [UpwardStrings.Up_RowWritten, f.WrittenCount],
                [UpwardStrings.Up_RowIssued, f.Issued], [UpwardStrings.Up_RowReturned, f.Returned], [UpwardStrings.Up_RowValid, f.Valid], [UpwardStrings.Up_RowInvalid, f.Invalid],
                [Grade.Good.Name(), d[0].Count], [Grade.FairlyGood.Name(), d[1].Count], [Grade.Average.Name(), d[2].Count], [Grade.Poor.Name(), d[3].Count],
                [UpwardStrings.Up_RowBelowGoodShare, Pct(f.BelowGoodShare)],
                [UpwardStrings.Up_RowQuota, f.Quota is null ? "—" : f.Quota.Holds ? UpwardStrings.Up_Yes : UpwardStrings.Up_No],
                [UpwardStrings.Up_RowProblems, f.Problems.Count],
                [UpwardStrings.Up_RowNoExcellent, f.Consequences.NoExcellent], [UpwardStrings.Up_RowInterviews, f.Consequences.ReminderInterviews],
                [UpwardStrings.Up_RowPlansFiled, f.PlansFiled], [UpwardStrings.Up_RowItems, f.Items], [UpwardStrings.Up_RowItemsDone, f.ItemsDone],
                [UpwardStrings.Up_RowItemsOverdue, f.ItemsOverdue], [UpwardStrings.Up_RowCompletion, Pct(f.CompletionRate)],
            ]),
            new XlsxSheet(UpwardStrings.Up_SheetBallots,
                [UpwardStrings.Up_ColMeeting, UpwardStrings.Up_ColCategory, UpwardStrings.Up_RowIssued, UpwardStrings.Up_ColPhone, UpwardStrings.Up_ColPaper,
                 UpwardStrings.Up_RowReturned, UpwardStrings.Up_RowValid, UpwardStrings.Up_RowInvalid],
                f.Ballots.Select(b => (IReadOnlyList<object?>)[b.Meeting, b.Category, b.Issued, b.Phone, b.Paper, b.Returned, b.Valid, b.Invalid])),
            new XlsxSheet(UpwardStrings.Up_SheetReporters,
                [UpwardStrings.Up_ColTrack, UpwardStrings.Up_ColOrganization, UpwardStrings.Up_ColPerson, UpwardStrings.Up_ColMode, UpwardStrings.Up_ColMarks,
                 Grade.Good.Name(), Grade.FairlyGood.Name(), Grade.Average.Name(), Grade.Poor.Name(), UpwardStrings.Up_ColGoodRate, UpwardStrings.Up_ColScore,
                 UpwardStrings.Up_ColRank, UpwardStrings.Up_ColGrade],
                f.Reporters.Select(r => (IReadOnlyList<object?>)[r.Track, r.Organization, r.Person ?? "", r.OnSite ? UpwardStrings.Up_OnSite : UpwardStrings.Up_Written,
                    r.Marks, r.Good, r.FairlyGood, r.Average, r.Poor, Pct(r.GoodRate), Num(r.Score), r.Rank, r.Grade?.Name() ?? ""])),
            new XlsxSheet(UpwardStrings.Up_SheetProblems, [UpwardStrings.Up_ColNo, UpwardStrings.Up_ColOrganization, UpwardStrings.Up_ColProblem, UpwardStrings.Up_ColSource],
                f.Problems.Select((p, i) => (IReadOnlyList<object?>)[i + 1, p.Organization, p.Text, p.Source])),
            new XlsxSheet(UpwardStrings.Up_SheetRectification,
                [UpwardStrings.Up_ColOrganization, UpwardStrings.Up_ColFiled, UpwardStrings.Up_ColAccepted, UpwardStrings.Up_ColLate, UpwardStrings.Up_RowItems,
                 UpwardStrings.Up_RowItemsDone, UpwardStrings.Up_ColClosed, UpwardStrings.Up_RowItemsOverdue],
                f.Plans.Select(p => (IReadOnlyList<object?>)[p.Organization, YesNo(p.Filed), YesNo(p.Accepted), YesNo(p.Late), p.Items, p.Done, p.Closed, p.Overdue])),
        ];
    }

    private static string YesNo(bool b) => b ? UpwardStrings.Up_Yes : UpwardStrings.Up_No;

    public static string FileBase(UpwardFigures f) => F(UpwardStrings.Up_Title, f.Organizer, f.Year);

    public async Task AuditDownloadAsync(Campaign campaign, string format, CancellationToken ct)
    {
        db.Audit("export", nameof(UpwardReport), null, System.Text.Json.JsonSerializer.Serialize(new { campaignId = campaign.Id, format }), campaign.Organizer?.Path);
        await db.SaveChangesAsync(ct);
    }
}
