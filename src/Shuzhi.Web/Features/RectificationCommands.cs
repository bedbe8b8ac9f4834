using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Shuzhi.Domain.Rectification;
using Shuzhi.Domain.Reports;
using Shuzhi.Domain.Scoring;
using Shuzhi.Web.Documents;

namespace Shuzhi.Web.Features;

/// <summary>A reporter with its rectification: the campaign, the problems (问题清单) and the plan with its items.</summary>
public sealed record RectContext(CampaignReporter Reporter, Campaign Campaign, string OrganizationName, string? PersonName,
    RectificationPlan? Plan, IReadOnlyList<Problem> Problems)
{
    public bool PlanEditable => Plan is null || Plan.State is PlanState.Draft or PlanState.Returned;
    public PlanItem? ItemOf(int problemId) => Plan?.Items.FirstOrDefault(i => i.ProblemId == problemId);
}

/// <summary>One reporter as the rectification overview lists it.</summary>
public sealed record RectRow(int ReporterId, int CampaignId, int Year, string CampaignTitle, int OrganizationId, string OrganizationPath, string OrganizationName,
    int Problems, PlanState? State, DateOnly Deadline, bool FilingOverdue, bool Late, int Items, int Done, int Closed, int Overdue);

/// <summary>
/// Rectification (整改落实, issue #7): problems collected per reporter from where they were found, the plan (问题清单、
/// 责任清单、整改清单) the reporter's secretary writes and files, the organizer's staff accepting or returning it, item
/// tracking with notes and evidence, verification (销号), supervision checks, interviews, accountability records,
/// bulletins and the carry-over to next year's campaign. The rules are the domain's (Shuzhi.Domain.Rectification);
/// this service reads through the scope filters (a reporter out of scope is not found) and decides who acts:
/// the reporter's secretary (a Secretary account whose scope holds the reporter organization) writes and tracks,
/// the organizer's own staff review, verify and supervise. Entity changes are audited on save.
/// </summary>
public sealed class RectificationCommands(AppDbContext db, CampaignCommands campaigns, CurrentActor actor, TimeProvider clock)
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().Date);
    private DateTimeOffset Now => clock.GetUtcNow();
    private string Who => actor.Name;

    public async Task<RectContext?> FindAsync(int reporterId, CancellationToken ct)
    {
        var r = await db.CampaignReporters.AsNoTracking().SingleOrDefaultAsync(x => x.Id == reporterId, ct);
        if (r is null) return null;
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == r.CampaignId, ct);
        if (campaign is null) return null;
        var org = await db.Organizations.Where(o => o.Id == r.OrganizationId).Select(o => o.Name).SingleOrDefaultAsync(ct);
        var person = r.PersonId is { } pid ? await db.People.Where(p => p.Id == pid).Select(p => p.Name).SingleOrDefaultAsync(ct) : null;
        var plan = await db.RectPlans.Include(p => p.Items).SingleOrDefaultAsync(p => p.ReporterId == r.Id, ct);
        var problems = await db.RectProblems.Where(p => p.ReporterId == r.Id).OrderBy(p => p.Id).ToListAsync(ct);
        return new RectContext(r, campaign, org ?? "", person, plan, problems);
    }

    public bool IsStaff(ClaimsPrincipal user, CampaignReporter r) => campaigns.IsOrganizerStaff(user, r.OrganizerId);

    /// <summary>The reporter's secretary: a Secretary account whose scope holds the reporter organization.</summary>
    public async Task<bool> IsSecretaryAsync(ClaimsPrincipal user, CampaignReporter r, CancellationToken ct) =>
        user.IsInRole(Roles.Secretary) && await db.Organizations.AnyAsync(o => o.Id == r.OrganizationId, ct);

    private async Task EnsureSecretaryAsync(ClaimsPrincipal user, RectContext c, CancellationToken ct)
    {
        if (!await IsSecretaryAsync(user, c.Reporter, ct)) throw new DomainException("RectPage.NotSecretary");
    }

    private void EnsureStaff(ClaimsPrincipal user, RectContext c)
    {
        if (!IsStaff(user, c.Reporter)) throw new DomainException("RectPage.NotStaff");
    }

    // ---------------------------------------------------------------- problems

    /// <summary>
    /// Takes over the problems found so far (marked meeting comments, the report's problems section, the 指出问题 of the
    /// locked deliberation's opinion, inspection notes) that are not yet on the list; each keeps its link, so running
    /// it again adds only new ones. The sources are the organizer's records: they are read past their filters, for
    /// this reporter only, which the caller has already found in scope.
    /// </summary>
    public async Task<int> CollectAsync(ClaimsPrincipal user, RectContext c, CancellationToken ct)
    {
        if (!IsStaff(user, c.Reporter)) await EnsureSecretaryAsync(user, c, ct);
        EnsureProblemsOpen(c);
        var r = c.Reporter;
        var now = Now;
        var found = new List<Problem>();

        var comments = await db.MeetingComments.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.ReporterId == r.Id && m.IsProblem).OrderBy(m => m.Id).ToListAsync(ct);
        found.AddRange(comments.Select(m => Problem.FromComment(r.CampaignId, r.OrganizationId, m, now)));

        var report = await db.Reports.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(x => x.CampaignReporterId == r.Id, ct);
        if (report is { Status: not ReportStatus.Draft })
        {
            var outline = await db.Tracks.IgnoreQueryFilters().Where(t => t.Id == r.TrackId).Select(t => t.Outline).SingleAsync(ct);
            found.AddRange(Problem.FromReport(r.CampaignId, r.Id, r.OrganizationId, report.Id, report.Text.TextOf(outline, SectionRole.Problems), now));
        }

        var deliberation = await db.Deliberations.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(d => d.CampaignId == r.CampaignId, ct);
        if (deliberation is { IsLocked: true } && deliberation.Grades.FirstOrDefault(g => g.ReporterId == r.Id) is { } grade
            && grade.Opinion.Problems.Trim().Length > 0)
            found.Add(Problem.Create(r.CampaignId, r.Id, r.OrganizationId, Problem.Fit(grade.Opinion.Problems), ProblemSource.FromOpinion(deliberation.Id), now));

        var sheets = await db.InspectionSheets.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.ReporterId == r.Id && s.State == SheetState.Submitted && s.Notes != "").OrderBy(s => s.Id).ToListAsync(ct);
        found.AddRange(sheets.Select(s => Problem.Create(r.CampaignId, r.Id, r.OrganizationId, Problem.Fit(s.Notes), ProblemSource.FromInspection(s.Id), now)));

        var have = c.Problems.Select(p => (p.SourceKind, p.SourceRefId, p.SourcePosition)).ToHashSet();
        var fresh = found.Where(p => have.Add((p.SourceKind, p.SourceRefId, p.SourcePosition))).ToList();
        db.RectProblems.AddRange(fresh);
        await db.SaveChangesAsync(ct);
        return fresh.Count;
    }

    /// <summary>Staff enter a problem found by another check (巡视巡察反馈、年度考核…).</summary>
    public async Task<Problem> AddStaffProblemAsync(ClaimsPrincipal user, RectContext c, string? text, string? source, CancellationToken ct)
    {
        EnsureStaff(user, c);
        EnsureProblemsOpen(c);
        var p = Problem.Create(c.Reporter.CampaignId, c.Reporter.Id, c.Reporter.OrganizationId, text, ProblemSource.Staff(source), Now);
        db.RectProblems.Add(p);
        await db.SaveChangesAsync(ct);
        return p;
    }

    /// <summary>The secretary rewords a problem while the plan is editable (its source stays).</summary>
    public async Task EditProblemAsync(ClaimsPrincipal user, RectContext c, int problemId, string? text, CancellationToken ct)
    {
        await EnsureSecretaryAsync(user, c, ct);
        EnsureProblemsOpen(c);
        var p = c.Problems.FirstOrDefault(x => x.Id == problemId) ?? throw new DomainException("Rect.ItemProblemUnknown");
        p.Edit(text);
        await db.SaveChangesAsync(ct);
    }

    private static void EnsureProblemsOpen(RectContext c)
    {
        if (c.Plan?.State == PlanState.Filed) throw new DomainException("Rect.PlanFiledLocked");
        if (c.Plan?.State == PlanState.Accepted) throw new DomainException("Rect.PlanAccepted");
    }

    // ---------------------------------------------------------------- plan

    private RectificationPlan EnsurePlan(RectContext c, out RectContext updated)
    {
        if (c.Plan is { } p) { updated = c; return p; }
        p = RectificationPlan.Create(c.Reporter.CampaignId, c.Reporter.Id, c.Reporter.OrganizationId, c.Campaign.Timeline.RectificationPlanDeadline, Today);
        db.RectPlans.Add(p);
        updated = c with { Plan = p };
        return p;
    }

    /// <summary>The secretary writes (adds or edits) the item of one problem: measures, responsible, deadline, expected result.</summary>
    public async Task SaveItemAsync(ClaimsPrincipal user, RectContext c, int problemId, string? measures, string? responsible, DateOnly? deadline, string? expected, CancellationToken ct)
    {
        await EnsureSecretaryAsync(user, c, ct);
        if (c.Problems.All(p => p.Id != problemId)) throw new DomainException("Rect.ItemProblemUnknown");
        if (deadline is null) throw new DomainException("RectPage.DeadlineRequired");
        var plan = EnsurePlan(c, out c);
        if (c.ItemOf(problemId) is { } item) plan.EditItem(item, measures, responsible, deadline.Value, expected);
        else plan.AddItem(problemId, measures, responsible, deadline.Value, expected);
        await db.SaveChangesAsync(ct);
    }

    public async Task FileAsync(ClaimsPrincipal user, RectContext c, CancellationToken ct)
    {
        await EnsureSecretaryAsync(user, c, ct);
        var plan = EnsurePlan(c, out c);
        plan.File(c.Problems.Select(p => p.Id).ToList(), Today);
        await db.SaveChangesAsync(ct);
    }

    public async Task AcceptAsync(ClaimsPrincipal user, RectContext c, CancellationToken ct)
    {
        EnsureStaff(user, c);
        (c.Plan ?? throw new DomainException("Rect.PlanNotFiled")).Accept(Who, Now);
        await db.SaveChangesAsync(ct);
    }

    public async Task ReturnAsync(ClaimsPrincipal user, RectContext c, string? reason, CancellationToken ct)
    {
        EnsureStaff(user, c);
        (c.Plan ?? throw new DomainException("Rect.PlanNotFiled")).Return(Who, reason, Now);
        await db.SaveChangesAsync(ct);
    }

    // ---------------------------------------------------------------- tracking

    private static PlanItem Item(RectContext c, int itemId) =>
        c.Plan?.Items.FirstOrDefault(i => i.Id == itemId) ?? throw new DomainException("Rect.ItemNotInPlan");

    public async Task StartAsync(ClaimsPrincipal user, RectContext c, int itemId, CancellationToken ct)
    {
        await EnsureSecretaryAsync(user, c, ct);
        Item(c, itemId).Start(Who, Now);
        await db.SaveChangesAsync(ct);
    }

    public async Task NoteAsync(ClaimsPrincipal user, RectContext c, int itemId, string? text, CancellationToken ct)
    {
        await EnsureSecretaryAsync(user, c, ct);
        Item(c, itemId).AddNote(text, Who, Now);
        await db.SaveChangesAsync(ct);
    }

    public async Task MarkDoneAsync(ClaimsPrincipal user, RectContext c, int itemId, CancellationToken ct)
    {
        await EnsureSecretaryAsync(user, c, ct);
        Item(c, itemId).MarkDone(Who, Now);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Staff verify a done item and close it (销号).</summary>
    public async Task CloseAsync(ClaimsPrincipal user, RectContext c, int itemId, CancellationToken ct)
    {
        EnsureStaff(user, c);
        Item(c, itemId).Close(Who, Today);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Verification fails: the item goes back to 整改中 with the reason.</summary>
    public async Task RejectAsync(ClaimsPrincipal user, RectContext c, int itemId, string? reason, CancellationToken ct)
    {
        EnsureStaff(user, c);
        Item(c, itemId).Reject(Who, reason, Now);
        await db.SaveChangesAsync(ct);
    }

    private static readonly (byte[] Magic, string Extension, string ContentType)[] EvidenceKinds =
    [
        ("%PDF-"u8.ToArray(), ".pdf", "application/pdf"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], ".png", "image/png"),
        ([0xFF, 0xD8, 0xFF], ".jpg", "image/jpeg"),
    ];

    /// <summary>
    /// Keeps an evidence file (佐证材料) of an item: a PDF, PNG or JPEG recognised by its content (not its name), at most
    /// <see cref="EvidenceFile.MaxBytes"/>; stored with its SHA-256. A refused file changes nothing.
    /// </summary>
    public async Task<EvidenceFile> AddEvidenceAsync(ClaimsPrincipal user, RectContext c, int itemId, Stream input, string? fileName, CancellationToken ct)
    {
        await EnsureSecretaryAsync(user, c, ct);
        var item = Item(c, itemId);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await input.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > EvidenceFile.MaxBytes) throw new DomainException("RectPage.EvidenceTooLarge", EvidenceFile.MaxBytes / 1024 / 1024);
            buffer.Write(chunk, 0, n);
        }
        var bytes = buffer.ToArray();
        var kind = EvidenceKinds.FirstOrDefault(k => bytes.Length >= k.Magic.Length && bytes.AsSpan(0, k.Magic.Length).SequenceEqual(k.Magic));
        if (kind.Magic is null) throw new DomainException("RectPage.EvidenceType");
        var file = new EvidenceFile
        {
            ReporterId = c.Reporter.Id, PlanItemId = item.Id,
            FileName = FileNames.Sanitize(Path.GetFileNameWithoutExtension(fileName ?? "") is { Length: > 0 } b ? b + kind.Extension : "佐证材料" + kind.Extension),
            ContentType = kind.ContentType, Size = bytes.LongLength, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), Content = bytes,
            UploadedAt = Now, UploadedBy = Who,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.EvidenceFiles.Add(file);
        await db.SaveChangesAsync(ct);
        item.AddEvidence(file.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return file;
    }

    public sealed record EvidenceRow(int Id, int PlanItemId, string FileName, long Size, DateTimeOffset UploadedAt, string UploadedBy);

    public Task<List<EvidenceRow>> EvidenceAsync(int reporterId, CancellationToken ct) =>
        db.EvidenceFiles.Where(f => f.ReporterId == reporterId).OrderBy(f => f.Id)
            .Select(f => new EvidenceRow(f.Id, f.PlanItemId, f.FileName, f.Size, f.UploadedAt, f.UploadedBy)).ToListAsync(ct);

    public Task<EvidenceFile?> EvidenceFileAsync(int reporterId, int fileId, CancellationToken ct) =>
        db.EvidenceFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == fileId && f.ReporterId == reporterId, ct);

    // ---------------------------------------------------------------- supervision

    public async Task CheckAsync(ClaimsPrincipal user, RectContext c, int? itemId, DateOnly? checkedOn, string? checker, string? finding, string? nextStep, CancellationToken ct)
    {
        EnsureStaff(user, c);
        var plan = c.Plan ?? throw new DomainException("Rect.PlanNotFiled");
        if (checkedOn is null) throw new DomainException("RectPage.CheckDateRequired");
        var check = itemId is { } id
            ? SupervisionCheck.OnItem(plan.Id, Item(c, id).Id, checkedOn.Value, checker, finding, nextStep, Today, Now)
            : SupervisionCheck.OnPlan(plan.Id, checkedOn.Value, checker, finding, nextStep, Today, Now);
        db.RectChecks.Add(check);
        await db.SaveChangesAsync(ct);
    }

    public Task<List<SupervisionCheck>> ChecksAsync(int planId, CancellationToken ct) =>
        db.RectChecks.AsNoTracking().Where(x => x.PlanId == planId).OrderByDescending(x => x.CheckedOn).ThenByDescending(x => x.Id).ToListAsync(ct);

    // ---------------------------------------------------------------- lists and exports

    public RectificationLists Lists(RectContext c) =>
        c.Plan is { } p ? RectificationLists.Of(p, c.Problems, Today)
            : new RectificationLists(c.Problems.Select((x, i) => new ProblemRow(i + 1, x.Id, x.Text, x.Source.Label)).ToList(), [], []);

    private static string D(DateOnly d) => ChineseDates.Format(d);

    public static IReadOnlyList<(string Name, string[] Headers, List<string[]> Rows)> ListTables(RectificationLists l) =>
    [
        (RectPageStrings.List_Problems, [RectPageStrings.Col_No, RectPageStrings.Col_Problem, RectPageStrings.Col_Source],
            l.Problems.Select(r => new[] { r.No.ToString(CultureInfo.InvariantCulture), r.Problem, r.Source }).ToList()),
        (RectPageStrings.List_Responsibility, [RectPageStrings.Col_No, RectPageStrings.Col_Problem, RectPageStrings.Col_Responsible, RectPageStrings.Col_Deadline],
            l.Responsibilities.Select(r => new[] { r.No.ToString(CultureInfo.InvariantCulture), r.Problem, r.Responsible, D(r.Deadline) }).ToList()),
        (RectPageStrings.List_Rectification, [RectPageStrings.Col_No, RectPageStrings.Col_Problem, RectPageStrings.Col_Measures, RectPageStrings.Col_Deadline, RectPageStrings.Col_Expected, RectPageStrings.Col_State],
            l.Rectifications.Select(r => new[] { r.No.ToString(CultureInfo.InvariantCulture), r.Problem, r.Measures, D(r.Deadline), r.ExpectedResult, r.StateName }).ToList()),
    ];

    public string ListTitle(RectContext c) => string.Format(CultureInfo.InvariantCulture, RectPageStrings.Export_ListTitle, c.Campaign.Year, c.OrganizationName);

    public FileStreamResult ExportXlsx(RectContext c)
    {
        var sheets = ListTables(Lists(c)).Select(t => new XlsxSheet(t.Name, t.Headers, t.Rows.Select(r => (IReadOnlyList<object?>)r.Cast<object?>().ToList()))).ToList();
        db.Audit("Export", "RectificationPlan", c.Plan?.Id.ToString(CultureInfo.InvariantCulture), "{\"format\":\"xlsx\"}");
        return XlsxResult.Create(sheets, FileNames.Sanitize(ListTitle(c)), clock);
    }

    public FileStreamResult ExportDocx(RectContext c)
    {
        var tables = ListTables(Lists(c)).Select(t => new DocxTable(t.Name, t.Headers, t.Rows.Select(r => (IReadOnlyList<string>)r).ToList())).ToList();
        db.Audit("Export", "RectificationPlan", c.Plan?.Id.ToString(CultureInfo.InvariantCulture), "{\"format\":\"docx\"}");
        var sub = new List<string> { c.OrganizationName, ChineseDates.Format(Today) };
        return DocxTables.File(new DocxTableDocument(ListTitle(c), sub, tables), FileNames.Sanitize(ListTitle(c)));
    }

    // ---------------------------------------------------------------- overview

    /// <summary>The reporters visible to the account with their plan's figures, optionally of one campaign (one query each for reporters, plans, problem counts).</summary>
    public async Task<List<RectRow>> RowsAsync(int? campaignId, CancellationToken ct)
    {
        var q = from r in db.CampaignReporters
                join c in db.Campaigns on r.CampaignId equals c.Id
                join o in db.Organizations on r.OrganizationId equals o.Id
                where campaignId == null || r.CampaignId == campaignId
                select new { r.Id, r.CampaignId, c.Year, c.Title, o.Path, OrgId = o.Id, o.Name, PlanDeadline = c.Timeline.RectificationPlanDeadline, r.SortOrder };
        var reporters = await q.OrderByDescending(x => x.Year).ThenBy(x => x.CampaignId).ThenBy(x => x.SortOrder).Take(5000).ToListAsync(ct);
        var ids = reporters.Select(x => x.Id).ToList();
        var plans = await db.RectPlans.AsNoTracking().Include(p => p.Items).Where(p => ids.Contains(p.ReporterId)).ToDictionaryAsync(p => p.ReporterId, ct);
        var problems = await db.RectProblems.Where(p => ids.Contains(p.ReporterId)).GroupBy(p => p.ReporterId)
            .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var today = Today;
        return reporters.Select(x =>
        {
            var p = plans.GetValueOrDefault(x.Id);
            var items = p?.State == PlanState.Accepted ? p.Items : [];
            var deadline = p?.Deadline ?? x.PlanDeadline;
            return new RectRow(x.Id, x.CampaignId, x.Year, x.Title, x.OrgId, x.Path, x.Name, problems.GetValueOrDefault(x.Id), p?.State, deadline,
                p is null ? today > deadline : p.IsFilingOverdue(today), p?.IsLate ?? false,
                items.Count, items.Count(i => i.State is ItemState.Done or ItemState.Closed), items.Count(i => i.State == ItemState.Closed), items.Count(i => i.IsOverdue(today)));
        }).ToList();
    }

    // ---------------------------------------------------------------- bulletin, supervision list, carry-over

    /// <summary>
    /// The items of a campaign's accepted plans as the bulletin counts them, of the reporters whose organization lies
    /// in the subtree under <paramref name="subtreePath"/> (all visible ones when null), in organization tree order.
    /// </summary>
    public async Task<List<BulletinItem>> BulletinItemsAsync(int campaignId, string? subtreePath, CancellationToken ct)
    {
        var orgs = subtreePath is null ? db.Organizations : db.Subtree(subtreePath);
        var rows = await (from i in db.RectPlanItems
                          join p in db.RectPlans on i.PlanId equals p.Id
                          join o in orgs on p.OrganizationId equals o.Id
                          where p.CampaignId == campaignId && p.State == PlanState.Accepted
                          orderby o.Path, i.SortOrder
                          select new { o.Id, o.Name, i.State, i.Deadline, i.ClosedOn }).ToListAsync(ct);
        return rows.Select(r => new BulletinItem(r.Id, r.Name, r.State, r.Deadline, r.ClosedOn)).ToList();
    }

    public async Task<IReadOnlyList<(SupervisionEntry Entry, string Name)>> SupervisionListAsync(int campaignId, CancellationToken ct)
    {
        var items = await BulletinItemsAsync(campaignId, null, ct);
        var orgIds = items.Select(i => i.OrganizationId).Distinct().ToList();
        var records = await db.RectAccountability.AsNoTracking().Where(r => orgIds.Contains(r.OrganizationId)).ToListAsync(ct);
        var names = items.GroupBy(i => i.OrganizationId).ToDictionary(g => g.Key, g => g.First().OrganizationName);
        return SupervisionList.For(items, records, Today).Select(e => (e, names[e.OrganizationId])).ToList();
    }

    /// <summary>Next year's campaign of the same organizer, if set up (and in scope).</summary>
    public Task<Campaign?> NextCampaignAsync(Campaign c, CancellationToken ct) =>
        db.Campaigns.AsNoTracking().Where(x => x.OrganizerId == c.OrganizerId && x.Year == c.Year + 1).OrderBy(x => x.Id).FirstOrDefaultAsync(ct);

    public static string CarryPrefix(int year) => $"{year}年度述职评议整改事项";

    /// <summary>
    /// Carries this campaign's items (of accepted plans) with their state over to next year's campaign of the same
    /// organizer as the rectification items its reports must answer (CarryOver rule). An organization that already has
    /// carried items of this year there is skipped, so running it again adds nothing. Returns how many were created.
    /// </summary>
    public async Task<int> CarryOverAsync(ClaimsPrincipal user, Campaign c, CancellationToken ct)
    {
        if (!campaigns.IsOrganizerStaff(user, c.OrganizerId)) throw new DomainException("RectPage.NotStaff");
        var next = await NextCampaignAsync(c, ct) ?? throw new DomainException("RectPage.NoNextCampaign", c.Year + 1);
        var rows = await (from i in db.RectPlanItems
                          join p in db.RectPlans on i.PlanId equals p.Id
                          join pr in db.RectProblems on i.ProblemId equals pr.Id
                          join r in db.CampaignReporters on p.ReporterId equals r.Id
                          where p.CampaignId == c.Id && p.State == PlanState.Accepted
                          orderby r.SortOrder, i.SortOrder
                          select new { p.OrganizationId, pr.Text, i.State, i.Deadline }).ToListAsync(ct);
        var prefix = CarryPrefix(c.Year);
        var existing = await db.RectificationItems.Where(x => x.CampaignId == next.Id)
            .Select(x => new { x.OrganizationId, x.SortOrder, x.Source }).ToListAsync(ct);
        var done = existing.Where(x => x.Source.StartsWith(prefix, StringComparison.Ordinal)).Select(x => x.OrganizationId).ToHashSet();
        var offset = existing.GroupBy(x => x.OrganizationId).ToDictionary(g => g.Key, g => g.Max(x => x.SortOrder));
        var carried = CarryOver.ForNextYear(c.Year, rows.Where(x => !done.Contains(x.OrganizationId)).Select(x => new LastYearItem(x.OrganizationId, x.Text, x.State, x.Deadline)), Today);
        var now = Now;
        var items = carried.Select(x => RectificationItem.Create(next.Id, x.OrganizationId, offset.GetValueOrDefault(x.OrganizationId) + x.SortOrder, x.Text, x.Source, now)).ToList();
        db.RectificationItems.AddRange(items);
        db.Audit("CarryOver", "Campaign", c.Id.ToString(CultureInfo.InvariantCulture), $"{{\"to\":{next.Id},\"items\":{items.Count}}}");
        await db.SaveChangesAsync(ct);
        return items.Count;
    }

    // ---------------------------------------------------------------- interviews and accountability

    public sealed record InterviewCandidate(int ReporterId, int OrganizationId, string OrganizationName, Grade Grade, Interview? Interview);

    /// <summary>The reporters graded 一般 or 差 in the campaign's locked deliberation, with their interview if scheduled.</summary>
    public async Task<List<InterviewCandidate>> InterviewCandidatesAsync(int campaignId, CancellationToken ct)
    {
        var d = await db.Deliberations.AsNoTracking().SingleOrDefaultAsync(x => x.CampaignId == campaignId, ct);
        if (d is not { IsLocked: true }) return [];
        var grades = d.Grades.Where(g => g.Final.IsAverageOrPoor()).ToDictionary(g => g.ReporterId, g => g.Final);
        var ids = grades.Keys.ToList();
        var reporters = await (from r in db.CampaignReporters
                               join o in db.Organizations on r.OrganizationId equals o.Id
                               where ids.Contains(r.Id)
                               orderby r.SortOrder
                               select new { r.Id, OrgId = o.Id, o.Name }).ToListAsync(ct);
        var interviews = await db.RectInterviews.Where(x => ids.Contains(x.ReporterId)).ToListAsync(ct);
        return reporters.Select(r => new InterviewCandidate(r.Id, r.OrgId, r.Name, grades[r.Id],
            interviews.Where(x => x.ReporterId == r.Id).OrderByDescending(x => x.Id).FirstOrDefault())).ToList();
    }

    private static void EnsureOrganizerStaff(CampaignCommands campaigns, ClaimsPrincipal user, Campaign c)
    {
        if (!campaigns.IsOrganizerStaff(user, c.OrganizerId)) throw new DomainException("RectPage.NotStaff");
    }

    public async Task ScheduleInterviewAsync(ClaimsPrincipal user, Campaign c, int reporterId, DateOnly? on, string? interviewer, CancellationToken ct)
    {
        EnsureOrganizerStaff(campaigns, user, c);
        if (on is null) throw new DomainException("RectPage.InterviewDateRequired");
        var cand = (await InterviewCandidatesAsync(c.Id, ct)).FirstOrDefault(x => x.ReporterId == reporterId)
            ?? throw new DomainException("Rect.InterviewGradeNotRequired", string.Join("、", Interview.GradesRequiringInterview));
        if (cand.Interview is { State: InterviewState.Scheduled } open) open.Reschedule(on.Value, interviewer);
        else db.RectInterviews.Add(Interview.Schedule(c.Id, reporterId, cand.OrganizationId, cand.Grade.Name(), on.Value, interviewer));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Records the interview as held; each commitment becomes a problem of the reporter (source 约谈承诺) to be planned.</summary>
    public async Task HoldInterviewAsync(ClaimsPrincipal user, Campaign c, int interviewId, DateOnly? heldOn, string? notes, string? commitments, CancellationToken ct)
    {
        EnsureOrganizerStaff(campaigns, user, c);
        var interview = await db.RectInterviews.SingleOrDefaultAsync(x => x.Id == interviewId && x.CampaignId == c.Id, ct) ?? throw new DomainException("Rect.InterviewOwnerRequired");
        if (heldOn is null) throw new DomainException("RectPage.InterviewDateRequired");
        interview.Hold(heldOn.Value, notes, (commitments ?? "").Replace("\r\n", "\n").Split('\n'), Today);
        db.RectProblems.AddRange(interview.CommitmentProblems(Now));
        await db.SaveChangesAsync(ct);
    }

    public Task<List<AccountabilityRecord>> AccountabilityAsync(int campaignId, CancellationToken ct) =>
        db.RectAccountability.AsNoTracking().Where(x => x.CampaignId == campaignId).OrderByDescending(x => x.DecidedOn).ThenByDescending(x => x.Id).ToListAsync(ct);

    public async Task AddAccountabilityAsync(ClaimsPrincipal user, Campaign c, int organizationId, string? person, string? basis, string? decision, string? documentNumber,
        DateOnly? decidedOn, DateOnly? effectStart, DateOnly? effectEnd, CancellationToken ct)
    {
        EnsureOrganizerStaff(campaigns, user, c);
        if (!await db.CampaignReporters.AnyAsync(r => r.CampaignId == c.Id && r.OrganizationId == organizationId, ct)) throw new DomainException("Rect.AccountabilityOrganizationRequired");
        if (decidedOn is null || effectStart is null || effectEnd is null) throw new DomainException("RectPage.AccountabilityDatesRequired");
        db.RectAccountability.Add(AccountabilityRecord.Create(c.Id, organizationId, person, basis, decision, documentNumber, decidedOn.Value, effectStart.Value, effectEnd.Value, Today, Now));
        await db.SaveChangesAsync(ct);
    }
}
