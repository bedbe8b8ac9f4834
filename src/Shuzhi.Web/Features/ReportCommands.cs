using System.Security.Claims;
using Shuzhi.Domain.Reports;

namespace Shuzhi.Web.Features;

/// <summary>A reporter with what its report pages need, read through the scope filters.</summary>
public sealed record ReporterContext(CampaignReporter Reporter, Campaign Campaign, Track Track, string OrganizationName, string? PersonName, Report? Report)
{
    public ReportText Text => Report?.Text ?? ReportText.Empty;
    public ReportStatus Status => Report?.Status ?? ReportStatus.Draft;
    /// <summary>Last year's rectification items of the reporter organization, to be answered in this campaign, in order.</summary>
    public IReadOnlyList<RectificationItem> RectificationItems { get; init; } = [];
}

/// <summary>What the report list is narrowed and ordered by.</summary>
public sealed record ReportFilter(int? CampaignId = null, ReportStatus? Status = null, int? Year = null, string? Q = null, string? Sort = null, bool Desc = false);

/// <summary>One line of the “my reports” list.</summary>
public sealed record ReportRow(int ReporterId, int CampaignId, int Year, string CampaignTitle, string TrackName, string OrganizationName,
    DateOnly Deadline, ReportStatus Status, bool IsLate, bool HasReport, string? ReviewerUserId, int OrganizerId,
    int? ReportId = null, DateTimeOffset? SubmittedAt = null, DateTimeOffset? ApprovedAt = null);

/// <summary>
/// Writing, submitting and reviewing reports. Reads go through the scope filters: a reporter out of scope
/// is not found. Who may write: a Secretary account whose scope holds the reporter organization, or the
/// organizer's own staff (and administrators). Who may review: only the reporter's assigned reviewer.
/// Entity changes are audited by the AuditWriter.
/// </summary>
public sealed class ReportCommands(AppDbContext db, CurrentActor actor, TimeProvider clock, INotifier notifier, CampaignCommands campaigns)
{
    /// <summary>Longest text of one section; far above any length rule, it only keeps posts bounded.</summary>
    public const int MaxSectionLength = 20000;

    public DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().Date);

    public async Task<ReporterContext?> FindAsync(int reporterId, CancellationToken ct)
    {
        var r = await db.CampaignReporters.SingleOrDefaultAsync(x => x.Id == reporterId, ct);
        if (r is null) return null;
        var campaign = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == r.CampaignId, ct);
        var track = await db.Tracks.SingleOrDefaultAsync(t => t.Id == r.TrackId, ct);
        if (campaign is null || track is null) return null;
        var org = await db.Organizations.Where(o => o.Id == r.OrganizationId).Select(o => o.Name).SingleOrDefaultAsync(ct);
        var person = r.PersonId is { } pid ? await db.People.Where(p => p.Id == pid).Select(p => p.Name).SingleOrDefaultAsync(ct) : null;
        var report = await db.Reports.SingleOrDefaultAsync(x => x.CampaignReporterId == r.Id, ct);
        var items = await RectificationItemsAsync(campaign.Id, r.OrganizationId, ct);
        return new ReporterContext(r, campaign, track, org ?? "", person, report) { RectificationItems = items };
    }

    private bool IsOrganizerStaff(ClaimsPrincipal user, CampaignReporter r) => IsOrganizerStaff(user, r.OrganizerId);

    public bool IsOrganizerStaff(ClaimsPrincipal user, int organizerId) => campaigns.IsOrganizerStaff(user, organizerId);

    /// <summary>
    /// <see cref="MayWriteAsync"/> for a row already read through the filters: a visible reporter's organization
    /// is in scope (it lies in the organizer's subtree, or is the scope's own), so a Secretary account may write it.
    /// </summary>
    public bool MayWriteRow(ClaimsPrincipal user, ReportRow row) => IsOrganizerStaff(user, row.OrganizerId) || user.IsInRole(Roles.Secretary);

    /// <summary>The reporter's secretary (scope holding the reporter organization) or the organizer's own staff.</summary>
    public async Task<bool> MayWriteAsync(ClaimsPrincipal user, CampaignReporter r, CancellationToken ct) =>
        IsOrganizerStaff(user, r)
        || user.IsInRole(Roles.Secretary) && await db.Organizations.AnyAsync(o => o.Id == r.OrganizationId, ct);

    public static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    public static bool IsReviewer(ClaimsPrincipal user, CampaignReporter r) => r.ReviewerUserId is { } id && id == UserId(user);

    /// <summary>Before publication a report is read by its writers, its reviewer and the organizer's staff.</summary>
    public async Task<bool> MayReadAsync(ClaimsPrincipal user, CampaignReporter r, CancellationToken ct) =>
        IsReviewer(user, r) || await MayWriteAsync(user, r, ct);

    public async Task<IReadOnlyList<TopicKeywords>> TopicsAsync(int campaignId, CancellationToken ct) =>
        (await TopicListAsync(campaignId, ct)).Select(TopicKeywords.From).ToList();

    public Task<List<CampaignTopic>> TopicListAsync(int campaignId, CancellationToken ct) =>
        db.CampaignTopics.Where(t => t.CampaignId == campaignId).OrderBy(t => t.IsMustAnswer).ThenBy(t => t.SortOrder).ToListAsync(ct);

    /// <summary>The rectification items of one reporter organization in one campaign, in the order the reporter sees them.</summary>
    public Task<List<RectificationItem>> RectificationItemsAsync(int campaignId, int organizationId, CancellationToken ct) =>
        db.RectificationItems.Where(x => x.CampaignId == campaignId && x.OrganizationId == organizationId)
            .OrderBy(x => x.SortOrder).ThenBy(x => x.Id).ToListAsync(ct);

    /// <summary>The checks of the track on <paramref name="text"/>; each rectification item needs a response.</summary>
    public async Task<CheckRun> CheckAsync(ReporterContext c, ReportText text, CancellationToken ct) =>
        ReportChecks.Run(c.Track.Outline, c.Track.Rules, text, await TopicsAsync(c.Campaign.Id, ct), c.RectificationItems.Select(i => i.Id).ToList());

    /// <summary>Longest response to one rectification item.</summary>
    public const int MaxResponseLength = 5000;

    /// <summary>
    /// <see cref="TextFrom(ReporterContext, IReadOnlyList{string?})"/> with the posted responses to the reporter's
    /// rectification items (item id → text); ids that are not the reporter's items are ignored, stored responses kept.
    /// </summary>
    public static ReportText TextFrom(ReporterContext c, IReadOnlyList<string?> texts, IReadOnlyDictionary<int, string?>? responses)
    {
        var text = TextFrom(c, texts);
        if (responses is null) return text;
        var d = new Dictionary<int, string>(text.RectificationResponses);
        foreach (var item in c.RectificationItems)
        {
            if (!responses.TryGetValue(item.Id, out var r)) continue;
            r = (r ?? "").Replace("\r\n", "\n");
            if (r.Length > MaxResponseLength) throw new DomainException("Rr.ResponseTooLong", MaxResponseLength);
            d[item.Id] = r;
        }
        return text with { RectificationResponses = d };
    }

    /// <summary>
    /// The text from the posted sections, in outline order (one entry per outline section); longer sections are refused.
    /// Text already stored under keys the outline no longer has is kept.
    /// </summary>
    public static ReportText TextFrom(ReporterContext c, IReadOnlyList<string?> texts)
    {
        var sections = new Dictionary<string, string>(c.Text.Sections);
        var outline = c.Track.Outline.Sections;
        for (var i = 0; i < outline.Count && i < texts.Count; i++)
        {
            var t = (texts[i] ?? "").Replace("\r\n", "\n");
            if (t.Length > MaxSectionLength) throw new DomainException("Report.SectionTooLong", outline[i].Heading, MaxSectionLength);
            sections[outline[i].Key] = t;
        }
        return new ReportText(sections, c.Text.RectificationResponses);
    }

    private Report EnsureReport(ReporterContext c)
    {
        if (c.Report is { } r) return r;
        r = Report.Start(c.Reporter.Id);
        db.Reports.Add(r);
        return r;
    }

    public async Task<Report> SaveDraftAsync(ClaimsPrincipal user, ReporterContext c, ReportText text, CancellationToken ct)
    {
        if (!await MayWriteAsync(user, c.Reporter, ct)) throw new DomainException("Report.NotWriter");
        Report.EnsureStageAllowsWriting(c.Campaign.Stage);
        var r = EnsureReport(c);
        r.SaveDraft(text, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return r;
    }

    /// <summary>Saves the text, then submits it when the checks allow; the draft is kept either way.</summary>
    public async Task<(Report Report, CheckRun Checks)> SubmitAsync(ClaimsPrincipal user, ReporterContext c, ReportText text, CancellationToken ct)
    {
        var r = await SaveDraftAsync(user, c, text, ct);
        var checks = await CheckAsync(c, text, ct);
        var version = r.Submit(text, checks, clock.GetUtcNow(), actor.Name);
        db.ReportVersions.Add(version);
        await db.SaveChangesAsync(ct);
        if (c.Reporter.ReviewerUserId is { } reviewer)
            await notifier.NotifyAsync([reviewer], $"report-submitted:{r.Id}:{version.Number}",
                string.Format(ReportStrings.Rp_Notify_Submitted, c.OrganizationName, version.Number), $"/Reports/Review/{c.Reporter.Id}", ct);
        return (r, checks);
    }

    private static Report Submitted(ClaimsPrincipal user, ReporterContext c)
    {
        if (!IsReviewer(user, c.Reporter)) throw new DomainException("Report.NotYours");
        Report.EnsureStageAllowsWriting(c.Campaign.Stage);
        return c.Report ?? throw new DomainException("Report.NotSubmitted");
    }

    public async Task ApproveAsync(ClaimsPrincipal user, ReporterContext c, CancellationToken ct)
    {
        var r = Submitted(user, c);
        r.Approve(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await notifier.NotifyAsync(await SecretariesAsync(c, ct), $"report-approved:{r.Id}", ReportStrings.Rp_Notify_Approved, $"/Reports/Edit/{c.Reporter.Id}", ct);
    }

    public async Task ReturnAsync(ClaimsPrincipal user, ReporterContext c, string? reason, CancellationToken ct)
    {
        var r = Submitted(user, c);
        r.Return(reason);
        await db.SaveChangesAsync(ct);
        var text = string.Format(ReportStrings.Rp_Notify_Returned, r.ReturnReason);
        if (text.Length > 500) text = text[..500];
        await notifier.NotifyAsync(await SecretariesAsync(c, ct), $"report-returned:{r.Id}:{r.VersionCount}", text, $"/Reports/Edit/{c.Reporter.Id}", ct);
    }

    /// <summary>The Secretary accounts bound to the reporter organization: whom a decision is told to.</summary>
    private async Task<IReadOnlyCollection<string>> SecretariesAsync(ReporterContext c, CancellationToken ct)
    {
        var roleId = db.Roles.Where(x => x.Name == Roles.Secretary).Select(x => x.Id);
        return await db.Users.Where(u => u.ScopeOrganizationId == c.Reporter.OrganizationId && db.UserRoles.Any(ur => ur.UserId == u.Id && roleId.Contains(ur.RoleId)))
            .Select(u => u.Id).ToListAsync(ct);
    }

    public Task<List<ReportVersion>> VersionsAsync(int reporterId, CancellationToken ct) =>
        db.ReportVersions.Where(v => v.CampaignReporterId == reporterId).OrderBy(v => v.Number).ToListAsync(ct);

    /// <summary>The reporters in scope with their campaign, track and report, newest campaign first.</summary>
    /// <summary>
    /// The reporters in scope with their campaign, track and report, filtered by campaign, year and status (a reporter
    /// without a report counts as a draft) and searched by organization; newest campaign first unless sorted by
    /// organization (org), status or deadline. The rows from <paramref name="skip"/> on and, when <paramref name="count"/>,
    /// how many match in all.
    /// </summary>
    public async Task<(IReadOnlyList<ReportRow> Rows, int Total)> PageAsync(ReportFilter filter, int skip, int take, bool count, CancellationToken ct)
    {
        var (campaignId, status, year, q) = (filter.CampaignId, filter.Status, filter.Year, filter.Q?.Trim());
        var query =
            from r in db.CampaignReporters
            join c in db.Campaigns on r.CampaignId equals c.Id
            join t in db.Tracks on r.TrackId equals t.Id
            join o in db.Organizations on r.OrganizationId equals o.Id
            from rep in db.Reports.Where(x => x.CampaignReporterId == r.Id).DefaultIfEmpty()
            where campaignId == null || c.Id == campaignId
            where year == null || c.Year == year
            where status == null || (rep == null ? ReportStatus.Draft : rep.Status) == status
            where string.IsNullOrEmpty(q) || o.Name.Contains(q!)
            select new { r, c, t, o, rep };
        var total = count ? await query.CountAsync(ct) : 0;
        var ordered = (filter.Sort, filter.Desc) switch
        {
            ("org", false) => query.OrderBy(x => x.o.Name),
            ("org", true) => query.OrderByDescending(x => x.o.Name),
            ("status", false) => query.OrderBy(x => x.rep == null ? ReportStatus.Draft : x.rep.Status),
            ("status", true) => query.OrderByDescending(x => x.rep == null ? ReportStatus.Draft : x.rep.Status),
            ("deadline", false) => query.OrderBy(x => x.c.Timeline.ReportDeadline),
            ("deadline", true) => query.OrderByDescending(x => x.c.Timeline.ReportDeadline),
            _ => query.OrderByDescending(x => x.c.Year),
        };
        var rows = await ordered.ThenBy(x => x.c.Id).ThenBy(x => x.t.SortOrder).ThenBy(x => x.r.SortOrder).ThenBy(x => x.r.Id)
            .Skip(skip).Take(take)
            .Select(x => new { x.r.Id, CampaignId = x.c.Id, x.c.Year, x.c.Title, TrackName = x.t.Name, OrgName = x.o.Name, x.c.Timeline.ReportDeadline, Report = x.rep, x.r.ReviewerUserId, x.r.OrganizerId })
            .ToListAsync(ct);
        var zone = clock.LocalTimeZone;
        return (rows.Select(x => new ReportRow(x.Id, x.CampaignId, x.Year, x.Title, x.TrackName, x.OrgName, x.ReportDeadline,
            x.Report?.Status ?? ReportStatus.Draft,
            x.Report?.IsLate(x.ReportDeadline, Today, zone) ?? Report.IsLateWithoutReport(x.ReportDeadline, Today),
            x.Report is not null, x.ReviewerUserId, x.OrganizerId, x.Report?.Id, x.Report?.SubmittedAt, x.Report?.ApprovedAt)).ToList(), total);
    }

    /// <summary>Supervisor and Leader accounts bound within the organizer's subtree: who may be assigned as a reviewer.</summary>
    public async Task<IReadOnlyList<AppUser>> ReviewerCandidatesAsync(Campaign campaign, CancellationToken ct)
    {
        var organizer = await db.Organizations.Where(o => o.Id == campaign.OrganizerId).Select(o => o.Path).SingleOrDefaultAsync(ct);
        if (organizer is null) return [];
        var orgIds = db.Subtree(organizer).Select(o => o.Id);
        var roleIds = db.Roles.Where(r => r.Name == Roles.Supervisor || r.Name == Roles.Leader).Select(r => r.Id);
        return await db.ScopedUsers()
            .Where(u => u.ScopeOrganizationId != null && orgIds.Contains(u.ScopeOrganizationId.Value)
                && db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)))
            .OrderBy(u => u.UserName).Take(500).ToListAsync(ct);
    }

    /// <summary>Assigns the reviewing leader (or clears it with null): the organizer's own staff only; audited.</summary>
    public async Task AssignReviewerAsync(ClaimsPrincipal user, Campaign campaign, CampaignReporter reporter, string? userId, CancellationToken ct)
    {
        if (!IsOrganizerStaff(user, reporter)) throw new DomainException("Cp.NotYourCampaign");
        AppUser? reviewer = null;
        if (!string.IsNullOrWhiteSpace(userId))
        {
            reviewer = (await ReviewerCandidatesAsync(campaign, ct)).FirstOrDefault(u => u.Id == userId)
                ?? throw new DomainException("Report.ReviewerInvalid");
        }
        var path = await db.Organizations.Where(o => o.Id == reporter.OrganizationId).Select(o => o.Path).SingleOrDefaultAsync(ct);
        if (reviewer is not null)
        {
            // The reviewer must see the reporter through the scope filters: bound to it or to an organization above it.
            var reviewerPath = await db.Organizations.Where(o => o.Id == reviewer.ScopeOrganizationId).Select(o => o.Path).SingleOrDefaultAsync(ct);
            if (reviewerPath is null || path is null || !path.StartsWith(reviewerPath, StringComparison.Ordinal))
                throw new DomainException("Report.ReviewerOutOfReach");
        }
        reporter.AssignReviewer(reviewer?.Id);
        db.Audit("assign-reviewer", nameof(CampaignReporter), reporter.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            System.Text.Json.JsonSerializer.Serialize(new { campaignId = campaign.Id, reviewer = reviewer?.UserName }), path);
        await db.SaveChangesAsync(ct);
    }
}
