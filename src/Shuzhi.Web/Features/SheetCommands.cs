using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Shuzhi.Domain.Scoring;

namespace Shuzhi.Web.Features;

/// <summary>A reporter of a track as a cross-inspection unit: the group is the reporter organization's parent.</summary>
public sealed record CrossUnitRow(int ReporterId, int OrganizationId, int? ParentId, string OrganizationName, string? PersonName);

/// <summary>A row of the assignment table with names and the state of the inspecting unit's sheet.</summary>
public sealed record CrossPairRow(int Id, int TrackId, int InspectorReporterId, int InspectingOrganizationId, string InspectorName,
    int InspectedReporterId, string InspectedName, string? InspectedPerson, int? SheetId, SheetState? State);

/// <summary>A reporter on a direct-score page (党总支考评、组织部日常考评、述职报告评价) with its sheet.</summary>
public sealed record ReviewRow(int ReporterId, int CampaignId, int TrackId, string TrackName, string OrganizationName, string? PersonName,
    int ReviewingOrganizationId, string ReviewingName, InspectionSheet? Sheet);

/// <summary>The photos part of a sheet page (Pages/Shared/_SheetPhotos): where the sheet is, its photos, whether they can change.</summary>
public sealed record SheetPhotosView(string SheetUrl, IReadOnlyList<SheetCommands.PhotoInfo> Photos, bool ReadOnly, bool HasSheet);

/// <summary>What a sheet page works on: the reporter, who fills for which unit, the template and the sheet so far.</summary>
public sealed class SheetTarget
{
    public SheetKind Kind { get; init; }
    public int? PairId { get; init; }
    public int ReporterId { get; init; }
    public int CampaignId { get; init; }
    public int TrackId { get; init; }
    public int OrganizerId { get; init; }
    public string OrganizationName { get; init; } = "";
    public string? PersonName { get; init; }
    public string OrganizationPath { get; init; } = "";
    public int ReviewingOrganizationId { get; init; }
    public string ReviewingName { get; init; } = "";
    public bool MayFill { get; init; }
    public bool MayReopen { get; init; }
    public SheetTemplate? TrackTemplate { get; init; }
    public InspectionSheet? Sheet { get; set; }
    public bool AllowsDirect => Kind is SheetKind.UpperReview or SheetKind.DailyReview or SheetKind.ReportEvaluation;
}

/// <summary>
/// Cross-inspection (交叉检查互评, seed 004) and direct scores (党总支考评、组织部日常考评、述职报告评价, issue #6).
/// The organizer's staff generate and edit a track's assignment table (CrossAssignment); each inspecting unit's accounts
/// (Secretary or OrgStaff bound to that unit) fill a CrossInspection sheet per assigned unit. A sibling reporter is
/// reached only through its assignment row (docs/decisions/0014-cross-inspection-access.md). Direct-score kinds are
/// filled by the entitled account with the track's template or a 0–100 score with a note. Submitting locks a sheet;
/// the organizer's staff reopen it with a reason.
/// </summary>
public sealed class SheetCommands(AppDbContext db, TimeProvider clock, CampaignCommands campaigns)
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
    public const int MaxK = 20;

    public bool IsOrganizerStaff(ClaimsPrincipal user, int organizerId) => campaigns.IsOrganizerStaff(user, organizerId);

    /// <summary>An account of the unit itself (bound to it, not to a unit below): its secretary or its staff.</summary>
    public bool IsUnitAccount(ClaimsPrincipal user, int organizationId) =>
        (user.IsInRole(Roles.Secretary) || user.IsInRole(Roles.OrgStaff)) && db.CurrentScope.ScopeOrganizationId == organizationId;

    // ---------------------------------------------------------------- cross-inspection: the organizer's staff

    public Task<CrossPlan?> PlanAsync(int trackId, CancellationToken ct) =>
        db.CrossPlans.AsNoTracking().SingleOrDefaultAsync(p => p.TrackId == trackId, ct);

    /// <summary>The track's reporters as units, in list order (read within the organizer's scope).</summary>
    public Task<List<CrossUnitRow>> UnitsAsync(int trackId, CancellationToken ct) =>
        (from r in db.CampaignReporters
         where r.TrackId == trackId
         join o in db.Organizations on r.OrganizationId equals o.Id
         orderby r.SortOrder, r.Id
         select new CrossUnitRow(r.Id, o.Id, o.ParentId, o.Name, db.People.Where(p => p.Id == r.PersonId).Select(p => p.Name).FirstOrDefault()))
        .ToListAsync(ct);

    /// <summary>
    /// Assignment rows with names and sheet states. The names of the reporters are read past the scope filters, but only
    /// for rows the filtered <paramref name="pairs"/> query lets through (decision 0014).
    /// </summary>
    private Task<List<CrossPairRow>> PairRowsAsync(IQueryable<CrossInspectionPair> pairs, CancellationToken ct)
    {
        var reporters = db.CampaignReporters.IgnoreQueryFilters();
        var orgs = db.Organizations.IgnoreQueryFilters();
        var people = db.People.IgnoreQueryFilters();
        return (from p in pairs
                join ir in reporters on p.InspectorReporterId equals ir.Id
                join io in orgs on ir.OrganizationId equals io.Id
                join dr in reporters on p.InspectedReporterId equals dr.Id
                join d in orgs on dr.OrganizationId equals d.Id
                let s = db.InspectionSheets.IgnoreQueryFilters()
                    .Where(s => s.Kind == SheetKind.CrossInspection && s.ReporterId == p.InspectedReporterId && s.InspectingOrganizationId == p.InspectingOrganizationId)
                    .OrderByDescending(s => s.Id).FirstOrDefault()
                orderby ir.SortOrder, ir.Id, dr.SortOrder, dr.Id
                select new CrossPairRow(p.Id, p.TrackId, p.InspectorReporterId, p.InspectingOrganizationId, io.Name, p.InspectedReporterId, d.Name,
                    people.Where(x => x.Id == dr.PersonId).Select(x => x.Name).FirstOrDefault(),
                    s == null ? null : s.Id, s == null ? null : s.State))
            .ToListAsync(ct);
    }

    public Task<List<CrossPairRow>> PairsAsync(int trackId, CancellationToken ct) =>
        PairRowsAsync(db.CrossInspectionPairs.Where(p => p.TrackId == trackId), ct);

    /// <summary>
    /// Generates the table with CrossAssignment.Generate (k, seed, optionally only across groups). Replacing an existing
    /// table needs <paramref name="replace"/>; once any unit has started a sheet the table is only edited row by row.
    /// </summary>
    public async Task GenerateAsync(ClaimsPrincipal user, Campaign campaign, Track track, int k, int seed, bool acrossGroupsOnly, int trimK, bool replace, CancellationToken ct)
    {
        if (!IsOrganizerStaff(user, campaign.OrganizerId)) throw new DomainException("Cp.NotYourCampaign");
        if (k < 1 || k > MaxK) throw new DomainException("Sheets.CrossKRange", MaxK);
        CheckTrim(trimK, k);
        var existing = await db.CrossInspectionPairs.Where(p => p.TrackId == track.Id).ToListAsync(ct);
        if (existing.Count > 0 && !replace) throw new DomainException("Sheets.CrossReplaceConfirm");
        if (await db.InspectionSheets.AnyAsync(s => s.TrackId == track.Id && s.Kind == SheetKind.CrossInspection, ct))
            throw new DomainException("Sheets.CrossSheetsExist");
        var units = await UnitsAsync(track.Id, ct);
        var pairs = CrossAssignment.Generate(units.Select(u => new CrossUnit(u.ReporterId, u.ParentId)).ToList(), k, seed, acrossGroupsOnly);
        var orgOf = units.ToDictionary(u => u.ReporterId, u => u.OrganizationId);
        db.CrossInspectionPairs.RemoveRange(existing);
        if (existing.Count > 0) await db.SaveChangesAsync(ct); // the unique (track, inspector, inspected) key: delete before insert
        db.CrossInspectionPairs.AddRange(pairs.Select(p => new CrossInspectionPair
        {
            TrackId = track.Id, OrganizerId = campaign.OrganizerId, InspectorReporterId = p.Inspector,
            InspectingOrganizationId = orgOf[p.Inspector], InspectedReporterId = p.Inspected,
        }));
        var plan = await db.CrossPlans.SingleOrDefaultAsync(p => p.TrackId == track.Id, ct);
        if (plan is null) db.CrossPlans.Add(plan = new CrossPlan { TrackId = track.Id, OrganizerId = campaign.OrganizerId });
        plan.K = k;
        plan.Seed = seed;
        plan.AcrossGroupsOnly = acrossGroupsOnly;
        plan.TrimK = trimK;
        plan.GeneratedAt = clock.GetUtcNow();
        db.Audit("generate-cross", nameof(Track), track.Id.ToString(CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(new { k, seed, acrossGroupsOnly, replaced = existing.Count, rows = pairs.Count }, Json), await OrganizerPathAsync(campaign, ct));
        await db.SaveChangesAsync(ct);
    }

    private static void CheckTrim(int trimK, int k)
    {
        if (trimK < 0 || 2 * trimK >= k) throw new DomainException("Sheets.CrossTrimRange", k);
    }

    /// <summary>Sets how many highest and lowest totals the cross-inspection mean drops (kept with the plan).</summary>
    public async Task SetTrimAsync(ClaimsPrincipal user, Campaign campaign, Track track, int trimK, CancellationToken ct)
    {
        if (!IsOrganizerStaff(user, campaign.OrganizerId)) throw new DomainException("Cp.NotYourCampaign");
        var plan = await db.CrossPlans.SingleOrDefaultAsync(p => p.TrackId == track.Id, ct) ?? throw new DomainException("Sheets.CrossNoPlan");
        CheckTrim(trimK, plan.K);
        plan.TrimK = trimK;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds a row by hand; refused when the domain finds an error (self, duplicate, unknown unit, same group).</summary>
    public async Task AddPairAsync(ClaimsPrincipal user, Campaign campaign, Track track, int inspectorReporterId, int inspectedReporterId, CancellationToken ct)
    {
        if (!IsOrganizerStaff(user, campaign.OrganizerId)) throw new DomainException("Cp.NotYourCampaign");
        var plan = await db.CrossPlans.AsNoTracking().SingleOrDefaultAsync(p => p.TrackId == track.Id, ct) ?? throw new DomainException("Sheets.CrossNoPlan");
        var units = await UnitsAsync(track.Id, ct);
        var names = units.ToDictionary(u => u.ReporterId, u => u.OrganizationName);
        var current = await db.CrossInspectionPairs.Where(p => p.TrackId == track.Id).Select(p => new CrossPair(p.InspectorReporterId, p.InspectedReporterId)).ToListAsync(ct);
        var added = new CrossPair(inspectorReporterId, inspectedReporterId);
        var issues = CrossAssignment.Validate([.. current, added], units.Select(u => new CrossUnit(u.ReporterId, u.ParentId)).ToList(), plan.K, plan.AcrossGroupsOnly);
        var error = issues.FirstOrDefault(i => i.Level == IssueLevel.Error);
        if (error is not null) throw new DomainException(error.Code, Named(error.Code, error.Args, names));
        db.CrossInspectionPairs.Add(new CrossInspectionPair
        {
            TrackId = track.Id, OrganizerId = campaign.OrganizerId, InspectorReporterId = inspectorReporterId,
            InspectingOrganizationId = units.Single(u => u.ReporterId == inspectorReporterId).OrganizationId, InspectedReporterId = inspectedReporterId,
        });
        db.Audit("add-cross-pair", nameof(Track), track.Id.ToString(CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(new { inspector = names[inspectorReporterId], inspected = names[inspectedReporterId] }, Json), await OrganizerPathAsync(campaign, ct));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Removes a row by hand; refused once the inspecting unit has started its sheet for it.</summary>
    public async Task RemovePairAsync(ClaimsPrincipal user, Campaign campaign, Track track, int pairId, CancellationToken ct)
    {
        if (!IsOrganizerStaff(user, campaign.OrganizerId)) throw new DomainException("Cp.NotYourCampaign");
        var pair = await db.CrossInspectionPairs.SingleOrDefaultAsync(p => p.Id == pairId && p.TrackId == track.Id, ct) ?? throw new DomainException("Sheets.CrossPairNotFound");
        if (await db.InspectionSheets.AnyAsync(s => s.Kind == SheetKind.CrossInspection && s.ReporterId == pair.InspectedReporterId && s.InspectingOrganizationId == pair.InspectingOrganizationId, ct))
            throw new DomainException("Sheets.CrossPairHasSheet");
        db.CrossInspectionPairs.Remove(pair);
        db.Audit("remove-cross-pair", nameof(Track), track.Id.ToString(CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(new { pair.InspectorReporterId, pair.InspectedReporterId }, Json), await OrganizerPathAsync(campaign, ct));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The domain's findings about the current table, as Chinese messages with unit names.</summary>
    public static IReadOnlyList<(IssueLevel Level, string Text)> Issues(IReadOnlyList<CrossPairRow> pairs, IReadOnlyList<CrossUnitRow> units, CrossPlan plan)
    {
        var names = units.ToDictionary(u => u.ReporterId, u => u.OrganizationName);
        return CrossAssignment.Validate(pairs.Select(p => new CrossPair(p.InspectorReporterId, p.InspectedReporterId)).ToList(),
                units.Select(u => new CrossUnit(u.ReporterId, u.ParentId)).ToList(), plan.K, plan.AcrossGroupsOnly)
            .Select(i => (i.Level, Messages.Get(i.Code, Named(i.Code, i.Args, names)))).ToList();
    }

    /// <summary>The domain's unit ids in a finding replaced by names: the first argument, and the second for pair findings.</summary>
    private static object[] Named(string code, object[] args, IReadOnlyDictionary<int, string> names)
    {
        var unitArgs = code is "Scoring.CrossDuplicatePair" or "Scoring.CrossSameGroup" or "Scoring.CrossReciprocal" ? 2 : 1;
        return args.Select((a, i) => i < unitArgs && a is int id && names.TryGetValue(id, out var n) ? (object)n : a).ToArray();
    }

    private Task<string?> OrganizerPathAsync(Campaign campaign, CancellationToken ct) =>
        db.Organizations.IgnoreQueryFilters().Where(o => o.Id == campaign.OrganizerId).Select(o => o.Path).SingleOrDefaultAsync(ct);

    // ---------------------------------------------------------------- the inspecting unit's list

    /// <summary>The units the current account's own unit inspects, over all tracks (through the assignment rows only).</summary>
    public async Task<List<(CrossPairRow Row, string TrackName, string CampaignTitle)>> MyCrossAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (db.CurrentScope.ScopeOrganizationId is not { } org || !IsUnitAccount(user, org)) return [];
        var rows = await PairRowsAsync(db.CrossInspectionPairs.Where(p => p.InspectingOrganizationId == org), ct);
        var trackIds = rows.Select(r => r.TrackId).Distinct().ToList();
        var tracks = await (from t in db.Tracks.IgnoreQueryFilters()
                            where trackIds.Contains(t.Id)
                            join c in db.Campaigns.IgnoreQueryFilters() on t.CampaignId equals c.Id
                            select new { t.Id, t.Name, c.Title }).ToDictionaryAsync(x => x.Id, ct);
        return rows.OrderByDescending(r => r.TrackId).Select(r => (r, tracks[r.TrackId].Name, tracks[r.TrackId].Title)).ToList();
    }

    // ---------------------------------------------------------------- direct-score kinds

    public static readonly SheetKind[] ReviewKinds = [SheetKind.UpperReview, SheetKind.DailyReview, SheetKind.ReportEvaluation];

    /// <summary>
    /// The reporters of a track (or, with <paramref name="reviewingOrganizationId"/>, those that unit reviews) with the
    /// reviewing unit and the sheet of <paramref name="kind"/>. 党总支考评 is the reporter organization's parent's when that
    /// parent is below the organizer, else the organizer's; the other kinds are the organizer's.
    /// </summary>
    public async Task<List<ReviewRow>> ReviewRowsAsync(SheetKind kind, int? trackId, int? reviewingOrganizationId, CancellationToken ct)
    {
        var q = from r in db.CampaignReporters
                join t in db.Tracks on r.TrackId equals t.Id
                join o in db.Organizations on r.OrganizationId equals o.Id
                join parent in db.Organizations.IgnoreQueryFilters() on o.ParentId equals parent.Id into ps
                from parent in ps.DefaultIfEmpty()
                join organizer in db.Organizations.IgnoreQueryFilters() on r.OrganizerId equals organizer.Id
                select new { r, t, o, parent, organizer };
        if (trackId is { } tid) q = q.Where(x => x.r.TrackId == tid);
        if (kind == SheetKind.UpperReview && reviewingOrganizationId is { } rid) q = q.Where(x => x.o.ParentId == rid && x.r.OrganizerId != rid);
        else if (reviewingOrganizationId is { } oid) q = q.Where(x => x.r.OrganizerId == oid);
        var raw = await q.OrderBy(x => x.t.SortOrder).ThenBy(x => x.t.Id).ThenBy(x => x.r.SortOrder).ThenBy(x => x.r.Id)
            .Select(x => new
            {
                x.r.Id, x.r.CampaignId, x.r.TrackId, TrackName = x.t.Name, x.o.Name, PersonName = db.People.Where(p => p.Id == x.r.PersonId).Select(p => p.Name).FirstOrDefault(),
                ParentId = x.parent == null ? (int?)null : x.parent.Id, ParentName = x.parent == null ? null : x.parent.Name, ParentPath = x.parent == null ? null : x.parent.Path,
                OrganizerId = x.organizer.Id, OrganizerName = x.organizer.Name, OrganizerPath = x.organizer.Path,
            }).Take(5000).ToListAsync(ct);
        var rows = raw.Select(x =>
        {
            var (id, name) = Reviewer(kind, x.ParentId, x.ParentName, x.ParentPath, x.OrganizerId, x.OrganizerName, x.OrganizerPath);
            return (x, id, name);
        }).Where(v => reviewingOrganizationId is null || v.id == reviewingOrganizationId).ToList();
        var ids = rows.Select(v => v.x.Id).ToList();
        var sheets = (await db.InspectionSheets.AsNoTracking().Where(s => s.Kind == kind && ids.Contains(s.ReporterId)).ToListAsync(ct))
            .GroupBy(s => s.ReporterId).ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.Id).First());
        return rows.Select(v => new ReviewRow(v.x.Id, v.x.CampaignId, v.x.TrackId, v.x.TrackName, v.x.Name, v.x.PersonName, v.id, v.name, sheets.GetValueOrDefault(v.x.Id))).ToList();
    }

    private static (int Id, string Name) Reviewer(SheetKind kind, int? parentId, string? parentName, string? parentPath, int organizerId, string organizerName, string organizerPath) =>
        kind == SheetKind.UpperReview && parentId is { } p && p != organizerId && parentPath is not null
            && parentPath.StartsWith(organizerPath, StringComparison.Ordinal) && parentPath.Length > organizerPath.Length
            ? (p, parentName ?? "") : (organizerId, organizerName);

    // ---------------------------------------------------------------- one sheet

    /// <summary>
    /// The target of a sheet page: for a cross-inspection sheet <paramref name="id"/> is the assignment row (the only way to a
    /// sibling reporter), otherwise the reporter. Null when out of scope (404).
    /// </summary>
    public async Task<SheetTarget?> TargetAsync(ClaimsPrincipal user, SheetKind kind, int id, CancellationToken ct)
    {
        if (kind == SheetKind.CrossInspection)
        {
            var pair = await db.CrossInspectionPairs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
            if (pair is null) return null;
            // Past the reporter filter, for this assigned reporter only (decision 0014).
            var r = await (from x in db.CampaignReporters.IgnoreQueryFilters()
                           where x.Id == pair.InspectedReporterId
                           join o in db.Organizations.IgnoreQueryFilters() on x.OrganizationId equals o.Id
                           select new { x.Id, x.CampaignId, x.TrackId, x.OrganizerId, o.Name, o.Path, Person = db.People.IgnoreQueryFilters().Where(p => p.Id == x.PersonId).Select(p => p.Name).FirstOrDefault() })
                .SingleAsync(ct);
            var unitName = await db.Organizations.IgnoreQueryFilters().Where(o => o.Id == pair.InspectingOrganizationId).Select(o => o.Name).SingleAsync(ct);
            var t = new SheetTarget
            {
                Kind = kind, PairId = pair.Id, ReporterId = r.Id, CampaignId = r.CampaignId, TrackId = r.TrackId, OrganizerId = r.OrganizerId,
                OrganizationName = r.Name, OrganizationPath = r.Path, PersonName = r.Person,
                ReviewingOrganizationId = pair.InspectingOrganizationId, ReviewingName = unitName,
                MayFill = IsUnitAccount(user, pair.InspectingOrganizationId), MayReopen = IsOrganizerStaff(user, r.OrganizerId),
                TrackTemplate = await TrackTemplateAsync(r.TrackId, ct),
            };
            t.Sheet = await db.InspectionSheets.Where(s => s.Kind == kind && s.ReporterId == r.Id && s.InspectingOrganizationId == pair.InspectingOrganizationId)
                .OrderByDescending(s => s.Id).FirstOrDefaultAsync(ct);
            return t;
        }
        if (!ReviewKinds.Contains(kind)) return null;
        var reporter = await db.CampaignReporters.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (reporter is null) return null;
        var row = (await ReviewRowsAsync(kind, reporter.TrackId, null, ct)).SingleOrDefault(x => x.ReporterId == id);
        if (row is null) return null;
        var path = await db.Organizations.Where(o => o.Id == reporter.OrganizationId).Select(o => o.Path).SingleAsync(ct);
        var staff = IsOrganizerStaff(user, reporter.OrganizerId);
        return new SheetTarget
        {
            Kind = kind, ReporterId = reporter.Id, CampaignId = reporter.CampaignId, TrackId = reporter.TrackId, OrganizerId = reporter.OrganizerId,
            OrganizationName = row.OrganizationName, PersonName = row.PersonName, OrganizationPath = path,
            ReviewingOrganizationId = row.ReviewingOrganizationId, ReviewingName = row.ReviewingName,
            MayFill = row.ReviewingOrganizationId == reporter.OrganizerId ? staff : IsUnitAccount(user, row.ReviewingOrganizationId),
            MayReopen = staff, TrackTemplate = await TrackTemplateAsync(reporter.TrackId, ct),
            Sheet = await db.InspectionSheets.Where(s => s.Kind == kind && s.ReporterId == reporter.Id).OrderByDescending(s => s.Id).FirstOrDefaultAsync(ct),
        };
    }

    private async Task<SheetTemplate?> TrackTemplateAsync(int trackId, CancellationToken ct) =>
        (await db.TrackSheets.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(s => s.TrackId == trackId, ct))?.Template;

    /// <summary>
    /// Saves the entitled account's sheet: the template's points (a draft may be partial) or — direct kinds only — a score
    /// 0–100 with a note; with <paramref name="submit"/> it is locked. A draft may switch between the two ways.
    /// </summary>
    public async Task<InspectionSheet> SaveAsync(ClaimsPrincipal user, SheetTarget target, bool direct, SheetScores scores, decimal? directScore, bool submit, CancellationToken ct)
    {
        if (!target.MayFill) throw new DomainException("Sheets.NotEntitled");
        if (direct && !target.AllowsDirect) throw new DomainException("Scoring.DirectNotAllowed");
        var sheet = target.Sheet;
        if (sheet is not null && sheet.State == SheetState.Submitted) throw new DomainException("Scoring.SheetSubmitted");
        if (sheet is not null && sheet.IsDirect != direct)
        {
            db.InspectionSheets.Remove(sheet);
            sheet = null;
        }
        if (sheet is null)
        {
            var userId = InspectionCommands.UserId(user);
            var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName == "" ? u.UserName : u.DisplayName).SingleOrDefaultAsync(ct) ?? "";
            sheet = direct
                ? InspectionSheet.Direct(target.TrackId, target.ReporterId, target.Kind, userId, name, target.ReviewingOrganizationId)
                : InspectionSheet.ForTemplate(target.TrackId, target.ReporterId, target.Kind, target.TrackTemplate ?? throw new DomainException("Insp.NoTemplate"),
                    userId, name, target.ReviewingOrganizationId);
            db.InspectionSheets.Add(sheet);
        }
        if (direct)
        {
            if (directScore is not { } d) throw new DomainException("Scoring.DirectScoreRequired");
            sheet.SetDirect(d, scores.Notes);
        }
        else sheet.Fill(scores);
        if (submit)
        {
            sheet.Submit(clock.GetUtcNow());
            db.Audit("submit-sheet", nameof(InspectionSheet), target.ReporterId.ToString(CultureInfo.InvariantCulture),
                JsonSerializer.Serialize(new { kind = target.Kind.ToString(), reporterId = target.ReporterId, unit = target.ReviewingName, total = sheet.Result()?.Total }, Json),
                target.OrganizationPath);
        }
        await db.SaveChangesAsync(ct);
        target.Sheet = sheet;
        return sheet;
    }

    /// <summary>The organizer's staff reopen a submitted sheet with a reason (kept on the sheet and audited).</summary>
    public async Task ReopenAsync(ClaimsPrincipal user, SheetTarget target, string reason, CancellationToken ct)
    {
        if (!target.MayReopen) throw new DomainException("Cp.NotYourCampaign");
        var sheet = target.Sheet ?? throw new DomainException("Insp.SheetNotFound");
        sheet.Reopen(reason, InspectionCommands.UserId(user), clock.GetUtcNow());
        db.Audit("reopen-sheet", nameof(InspectionSheet), sheet.Id.ToString(CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(new { kind = target.Kind.ToString(), reporterId = target.ReporterId, reason = reason.Trim() }, Json), target.OrganizationPath);
        await db.SaveChangesAsync(ct);
    }

    // ---------------------------------------------------------------- photo evidence

    public sealed record PhotoInfo(int Id, string FileName, long Size, int Width, int Height);

    public Task<List<PhotoInfo>> PhotosAsync(int sheetId, CancellationToken ct) =>
        db.SheetPhotos.Where(p => p.SheetId == sheetId).OrderBy(p => p.Id)
            .Select(p => new PhotoInfo(p.Id, p.FileName, p.Size, p.Width, p.Height)).ToListAsync(ct);

    public Task<SheetPhoto?> PhotoAsync(int sheetId, int photoId, CancellationToken ct) =>
        db.SheetPhotos.AsNoTracking().SingleOrDefaultAsync(p => p.Id == photoId && p.SheetId == sheetId, ct);

    /// <summary>
    /// Adds a photo to the entitled account's draft sheet: at most 8 MB and 10 per sheet, a JPEG or PNG by content, stored
    /// without metadata (ImageEvidence). The sheet must have been saved once.
    /// </summary>
    public async Task AddPhotoAsync(ClaimsPrincipal user, SheetTarget target, string? fileName, long length, Stream content, CancellationToken ct)
    {
        if (!target.MayFill) throw new DomainException("Sheets.NotEntitled");
        var sheet = target.Sheet ?? throw new DomainException("Sheets.PhotoSaveFirst");
        if (sheet.State == SheetState.Submitted) throw new DomainException("Scoring.SheetSubmitted");
        if (length <= 0) throw new DomainException("Sheets.PhotoInvalid");
        if (length > ImageEvidence.MaxBytes) throw new DomainException("Sheets.PhotoTooLarge", ImageEvidence.MaxBytes / 1024 / 1024);
        if (await db.SheetPhotos.CountAsync(p => p.SheetId == sheet.Id, ct) >= ImageEvidence.MaxPerSheet)
            throw new DomainException("Sheets.PhotoTooMany", ImageEvidence.MaxPerSheet);
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        var cleaned = ImageEvidence.Clean(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        var baseName = Path.GetFileNameWithoutExtension(Shuzhi.Web.Documents.FileNames.Sanitize(fileName ?? "photo", 120));
        db.SheetPhotos.Add(new SheetPhoto
        {
            SheetId = sheet.Id, FileName = (baseName.Length == 0 ? "photo" : baseName) + cleaned.Extension, ContentType = cleaned.ContentType,
            Size = cleaned.Content.Length, Width = cleaned.Width, Height = cleaned.Height,
            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(cleaned.Content)), Content = cleaned.Content,
            UploadedAt = clock.GetUtcNow(), UploadedBy = user.Identity?.Name ?? "",
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The inspector removes a photo while the sheet is a draft.</summary>
    public async Task RemovePhotoAsync(SheetTarget target, int photoId, CancellationToken ct)
    {
        if (!target.MayFill) throw new DomainException("Sheets.NotEntitled");
        var sheet = target.Sheet ?? throw new DomainException("Insp.SheetNotFound");
        if (sheet.State == SheetState.Submitted) throw new DomainException("Scoring.SheetSubmitted");
        var photo = await db.SheetPhotos.SingleOrDefaultAsync(p => p.Id == photoId && p.SheetId == sheet.Id, ct) ?? throw new DomainException("Sheets.PhotoNotFound");
        db.SheetPhotos.Remove(photo);
        db.Audit("remove-photo", nameof(SheetPhoto), photo.Id.ToString(CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(new { sheetId = sheet.Id, photo.FileName, photo.Sha256 }, Json), target.OrganizationPath);
        await db.SaveChangesAsync(ct);
    }
}
