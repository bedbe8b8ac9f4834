using Shuzhi.Domain.Rectification;
using Shuzhi.Domain.Scoring;

namespace Shuzhi.Web.Features;

/// <summary>The dashboard's filters: the year, the kind and unit type of organization, the track (by name).</summary>
public sealed record DashboardFilter(int Year, OrganizationKind? Kind = null, UnitType? UnitType = null, string? Track = null);

/// <summary>
/// One chart's numbers: labels along one axis, one series of values per label each. The page draws it, shows it as a
/// table and writes it to .xlsx from this same object, so the three never differ.
/// </summary>
public sealed record Chart(string Id, string Title, string Type, string LabelHeader, IReadOnlyList<string> Labels, IReadOnlyList<Series> Series, string? Note = null)
{
    public int Total => Series.Sum(s => s.Values.Sum());
}

/// <summary>
/// One series of a chart. <paramref name="Hundredths"/>: the values are rates in hundredths of a percent (6667 = 66.67 %),
/// shown, drawn and exported as the percentage with two decimals.
/// </summary>
public sealed record Series(string Name, IReadOnlyList<int> Values, bool Hundredths = false)
{
    /// <summary>The value as the table and the .xlsx give it: the count, or the percentage (66.67).</summary>
    public object Cell(int i) => Hundredths ? Values[i] / 100m : Values[i];

    public string Text(int i) => Hundredths ? (Values[i] / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : Values[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A decided grade with its opinion, for the history pages.</summary>
public sealed class DecidedOpinionRow
{
    public int CampaignId { get; set; }
    public int ReporterId { get; set; }
    public int Grade { get; set; }
    public string? Achievements { get; set; }
    public string? Problems { get; set; }
    public string? Direction { get; set; }
    public DateOnly? MeetingDate { get; set; }
}

/// <summary>
/// The figures of the dashboard (issue 8), each computed by GROUP BY in the database over the account's subtree:
/// every set read here carries its scope filter (AppDbContext), and the raw JSON expansion of the deliberations is
/// joined to the filtered deliberations and reporter rows, so it adds nothing the account could not see.
/// Rectification figures count the items of accepted plans (as the bulletin does) as of today.
/// </summary>
public sealed class DashboardQueries(AppDbContext db, TimeProvider clock)
{
    public const int YearsShown = 5;

    /// <summary>A locked deliberation's decided grade with the campaign's year, the reporter organization and the track's name.</summary>
    public sealed class DecidedGradeDetailRow
    {
        public int CampaignId { get; set; }
        public int Year { get; set; }
        public int OrganizationId { get; set; }
        public string Track { get; set; } = "";
        public int Grade { get; set; }
    }

    // Locked deliberations' grades of the campaigns of some years, one row per decided reporter, with the reporter row (of the
    // same campaign), its track and the campaign's year joined in the database. SQLite: CROSS JOIN keeps the order (each grade,
    // then its reporter row by key); left to choose, it looked up the campaign's reporters and scanned the whole JSON array for
    // each of them — quadratic in the reporters of a campaign (3.8 s at a province, bench/RESULTS.md).
    private IQueryable<DecidedGradeDetailRow> DecidedDetail(int firstYear, int lastYear) => db.IsPostgres
        ? db.Database.SqlQuery<DecidedGradeDetailRow>($"""
            SELECT d."CampaignId", c."Year", r."OrganizationId", t."Name" AS "Track", (g->>'Final')::int AS "Grade"
            FROM "Deliberations" AS d
            JOIN "Campaigns" AS c ON c."Id" = d."CampaignId"
            CROSS JOIN LATERAL jsonb_array_elements(d."Grades"::jsonb) AS g
            JOIN "CampaignReporters" AS r ON r."Id" = (g->>'ReporterId')::int AND r."CampaignId" = d."CampaignId"
            JOIN "Tracks" AS t ON t."Id" = r."TrackId"
            WHERE d."State" = 2 AND c."Year" >= {firstYear} AND c."Year" <= {lastYear}
            """)
        : db.Database.SqlQuery<DecidedGradeDetailRow>($"""
            SELECT d."CampaignId", c."Year", r."OrganizationId", t."Name" AS "Track", CAST(json_extract(g.value, '$.Final') AS INTEGER) AS "Grade"
            FROM "Deliberations" AS d
            JOIN "Campaigns" AS c ON c."Id" = d."CampaignId"
            CROSS JOIN json_each(d."Grades") AS g
            CROSS JOIN "CampaignReporters" AS r
            JOIN "Tracks" AS t ON t."Id" = r."TrackId"
            WHERE d."State" = 2 AND c."Year" >= {firstYear} AND c."Year" <= {lastYear}
              AND r."Id" = CAST(json_extract(g.value, '$.ReporterId') AS INTEGER) AND r."CampaignId" = d."CampaignId"
            """);

    /// <summary>Campaigns of the year by stage; the kind filters apply to the organizer.</summary>
    public async Task<Chart> StagesAsync(DashboardFilter f, CancellationToken ct)
    {
        var q = db.Campaigns.Where(c => c.Year == f.Year);
        if (f.Kind is { } k) q = q.Where(c => db.Organizations.Any(o => o.Id == c.OrganizerId && o.Kind == k));
        if (f.UnitType is { } u) q = q.Where(c => db.Organizations.Any(o => o.Id == c.OrganizerId && o.UnitType == u));
        var counts = await q.GroupBy(c => c.Stage).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var stages = Enum.GetValues<CampaignStage>();
        return new Chart("stages", DashboardStrings.Dash_Stages, "bar", DashboardStrings.Dash_Stage,
            stages.Select(s => s.Name()).ToList(), [new Series(DashboardStrings.Dash_Campaigns, stages.Select(s => counts.GetValueOrDefault(s)).ToList())]);
    }

    /// <summary>Open overdue steps of the year's campaigns by kind of step; the kind filters apply to the responsible organization.</summary>
    public async Task<Chart> OverdueAsync(DashboardFilter f, CancellationToken ct)
    {
        var q = db.OverdueItems.Where(o => o.ResolvedOn == null && db.Campaigns.Any(c => c.Id == o.CampaignId && c.Year == f.Year));
        if (f.Kind is { } k) q = q.Where(x => db.Organizations.Any(o => o.Id == x.OrganizationId && o.Kind == k));
        if (f.UnitType is { } u) q = q.Where(x => db.Organizations.Any(o => o.Id == x.OrganizationId && o.UnitType == u));
        var counts = await q.GroupBy(o => o.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var kinds = Enum.GetValues<OverdueKind>();
        return new Chart("overdue", DashboardStrings.Dash_Overdue, "bar", DashboardStrings.Dash_OverdueKind,
            kinds.Select(k => Messages.Get("Overdue." + k)).ToList(), [new Series(DashboardStrings.Dash_OpenItems, kinds.Select(k => counts.GetValueOrDefault(k)).ToList())]);
    }

    /// <summary>Decided grades counted by year, kind, unit type, track and grade: one small aggregate the grade charts slice.</summary>
    public sealed record GradeCount(int Year, OrganizationKind Kind, UnitType UnitType, string Track, Grade Grade, int Count);

    public async Task<IReadOnlyList<GradeCount>> GradeCountsAsync(DashboardFilter f, CancellationToken ct)
    {
        var first = f.Year - YearsShown + 1;
        // The raw part gives year, reporter organization and track name; the scope is the deliberation's (its organizer in the
        // subtree, its filter) and the reporter organization's (its filter), so the reporter row, campaign and track filters (each a
        // nest of EXISTS per decided grade) are not needed: those rows belong to the deliberation's own campaign.
        var q = from g in DecidedDetail(first, f.Year)
                join d in db.Deliberations on g.CampaignId equals d.CampaignId
                join o in db.Organizations on g.OrganizationId equals o.Id
                select new { g.Year, o.Kind, o.UnitType, g.Track, g.Grade };
        if (f.Kind is { } k) q = q.Where(x => x.Kind == k);
        if (f.UnitType is { } u) q = q.Where(x => x.UnitType == u);
        if (!string.IsNullOrEmpty(f.Track)) q = q.Where(x => x.Track == f.Track);
        var rows = await q.GroupBy(x => new { x.Year, x.Kind, x.UnitType, x.Track, x.Grade })
            .Select(g => new { g.Key.Year, g.Key.Kind, g.Key.UnitType, g.Key.Track, g.Key.Grade, Count = g.Count() }).ToListAsync(ct);
        return rows.Select(x => new GradeCount(x.Year, x.Kind, x.UnitType, x.Track, (Grade)x.Grade, x.Count)).ToList();
    }

    /// <summary>The four grade series over some labels.</summary>
    private static IReadOnlyList<Series> GradeSeries<TKey>(IReadOnlyList<TKey> keys, IEnumerable<GradeCount> rows, Func<GradeCount, TKey> key) where TKey : notnull
    {
        var sums = rows.GroupBy(r => (key(r), r.Grade)).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        return Enum.GetValues<Grade>().Select(gr => new Series(gr.Name(), keys.Select(k => sums.GetValueOrDefault((k, gr))).ToList())).ToList();
    }

    public static IReadOnlyList<Chart> GradeCharts(DashboardFilter f, IReadOnlyList<GradeCount> rows)
    {
        var years = Enumerable.Range(f.Year - YearsShown + 1, YearsShown).ToList();
        var thisYear = rows.Where(r => r.Year == f.Year).ToList();
        var kinds = thisYear.Select(r => r.Kind).Distinct().Order().ToList();
        var units = thisYear.Select(r => r.UnitType).Distinct().Order().ToList();
        var tracks = thisYear.Select(r => r.Track).Distinct().Order(StringComparer.Ordinal).ToList();
        return
        [
            new Chart("grades-year", DashboardStrings.Dash_GradesByYear, "stack", DashboardStrings.Dash_Year,
                years.Select(y => string.Format(DashboardStrings.Dash_YearLabel, y)).ToList(), GradeSeries(years, rows, r => r.Year)),
            new Chart("grades-kind", DashboardStrings.Dash_GradesByKind, "stack", DashboardStrings.Dash_Kind,
                kinds.Select(k => k.Name()).ToList(), GradeSeries(kinds, thisYear, r => r.Kind)),
            new Chart("grades-unit", DashboardStrings.Dash_GradesByUnitType, "stack", DashboardStrings.Dash_UnitType,
                units.Select(k => k.Name()).ToList(), GradeSeries(units, thisYear, r => r.UnitType)),
            new Chart("grades-track", DashboardStrings.Dash_GradesByTrack, "stack", DashboardStrings.Dash_Track,
                tracks, GradeSeries(tracks, thisYear, r => r.Track)),
        ];
    }

    /// <summary>Track names of the year's campaigns, for the filter.</summary>
    public Task<List<string>> TrackNamesAsync(int year, CancellationToken ct) =>
        db.Tracks.Where(t => db.Campaigns.Any(c => c.Id == t.CampaignId && c.Year == year)).Select(t => t.Name).Distinct().OrderBy(n => n).ToListAsync(ct);

    /// <summary>
    /// Ballots issued (the categories' counts) and received (ballots stored, as MeetingCommands.TurnoutAsync counts them)
    /// per meeting and per voter category of the year's meetings; the kind filters apply to the organizer.
    /// </summary>
    public async Task<IReadOnlyList<Chart>> TurnoutAsync(DashboardFilter f, CancellationToken ct)
    {
        var meetings = db.Meetings.Where(m => db.Campaigns.Any(c => c.Id == m.CampaignId && c.Year == f.Year
            && db.Organizations.Any(o => o.Id == c.OrganizerId && (f.Kind == null || o.Kind == f.Kind) && (f.UnitType == null || o.UnitType == f.UnitType))));
        var categories = await db.VoterCategories.Where(v => meetings.Any(m => m.Id == v.MeetingId))
            .Select(v => new { v.Id, v.MeetingId, v.Name, v.Issued, v.SortOrder }).ToListAsync(ct);
        var received = await db.MeetingBallots.Where(b => meetings.Any(m => m.Id == b.MeetingId))
            .GroupBy(b => b.CategoryId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var names = await meetings.OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.Title, Organizer = db.Campaigns.Where(c => c.Id == m.CampaignId).SelectMany(c => db.Organizations.Where(o => o.Id == c.OrganizerId)).Select(o => o.Name).FirstOrDefault() })
            .ToListAsync(ct);
        var byMeeting = categories.GroupBy(c => c.MeetingId).ToDictionary(g => g.Key, g => (Issued: g.Sum(c => c.Issued), Received: g.Sum(c => received.GetValueOrDefault(c.Id))));
        var byCategory = categories.GroupBy(c => c.Name).Select(g => (Name: g.Key, Order: g.Min(c => c.SortOrder), Issued: g.Sum(c => c.Issued), Received: g.Sum(c => received.GetValueOrDefault(c.Id))))
            .OrderBy(x => x.Order).ThenBy(x => x.Name, StringComparer.Ordinal).ToList();
        return
        [
            new Chart("turnout-meeting", DashboardStrings.Dash_TurnoutByMeeting, "bar", DashboardStrings.Dash_Meeting,
                names.Select(n => $"{n.Organizer} {n.Title}").ToList(),
                [new Series(DashboardStrings.Dash_Issued, names.Select(n => byMeeting.GetValueOrDefault(n.Id).Issued).ToList()),
                 new Series(DashboardStrings.Dash_Received, names.Select(n => byMeeting.GetValueOrDefault(n.Id).Received).ToList())]),
            new Chart("turnout-category", DashboardStrings.Dash_TurnoutByCategory, "bar", DashboardStrings.Dash_Category,
                byCategory.Select(c => c.Name).ToList(),
                [new Series(DashboardStrings.Dash_Issued, byCategory.Select(c => c.Issued).ToList()),
                 new Series(DashboardStrings.Dash_Received, byCategory.Select(c => c.Received).ToList())]),
        ];
    }

    /// <summary>
    /// On-site coverage over the term (seed 002 三.2) for each campaign of the year, as /Campaigns/Coverage decides it: the units
    /// are the organizer's active direct subordinates and the campaign's reporters; a unit is covered when it debriefed on-site
    /// (on-site or both) in a campaign of the same organizer in the term up to this year. Units not covered with no year left
    /// in the term will miss it. The kind filters apply to the units. Counted by the database, one row per campaign.
    /// </summary>
    public async Task<Chart> CoverageAsync(DashboardFilter f, CancellationToken ct)
    {
        var kind = f.Kind;
        var unit = f.UnitType;
        var campaigns = db.Campaigns.Where(c => c.Year == f.Year);
        // The units of each campaign as one set (a UNION of the organizer's active children, found by ParentId, and the campaign's
        // reporters), each marked covered or not, then counted per campaign. Not a count over the whole subtree per campaign: at a
        // province's scale that read every organization once for each of ~1,200 campaigns (bench/RESULTS.md, dashboard run).
        var children = from c in campaigns
                       join o in db.Organizations on (int?)c.OrganizerId equals o.ParentId
                       where o.IsActive && (kind == null || o.Kind == kind) && (unit == null || o.UnitType == unit)
                       select new { CampaignId = c.Id, c.OrganizerId, c.Year, c.TermStartYear, c.TermLength, OrgId = o.Id };
        var reported = from c in campaigns
                       join r in db.CampaignReporters on c.Id equals r.CampaignId
                       join o in db.Organizations on r.OrganizationId equals o.Id
                       where (kind == null || o.Kind == kind) && (unit == null || o.UnitType == unit)
                       select new { CampaignId = c.Id, c.OrganizerId, c.Year, c.TermStartYear, c.TermLength, OrgId = o.Id };
        var counts = await children.Union(reported)
            .Select(u => new
            {
                u.CampaignId,
                Covered = db.CampaignReporters.Any(r => r.OrganizationId == u.OrgId && r.OrganizerId == u.OrganizerId
                    && db.Tracks.Any(t => t.Id == r.TrackId && (t.Mode == DebriefMode.OnSite || t.Mode == DebriefMode.Both))
                    && db.Campaigns.Any(p => p.Id == r.CampaignId && p.OrganizerId == u.OrganizerId
                        && p.Year >= u.Year - ((u.Year - u.TermStartYear) % u.TermLength + u.TermLength) % u.TermLength && p.Year <= u.Year)),
            })
            .GroupBy(u => u.CampaignId)
            .Select(g => new { g.Key, Units = g.Count(), Covered = g.Count(x => x.Covered) })
            .ToDictionaryAsync(x => x.Key, x => (x.Units, x.Covered), ct);
        var rows = (await campaigns
            .Select(c => new
            {
                c.Id,
                c.Year,
                TermEnd = c.Year - ((c.Year - c.TermStartYear) % c.TermLength + c.TermLength) % c.TermLength + c.TermLength - 1,
                Organizer = db.Organizations.Where(o => o.Id == c.OrganizerId).Select(o => o.Name).FirstOrDefault(),
            })
            .ToListAsync(ct))
            .Select(c => new { c.Organizer, c.Year, c.TermEnd, Units = counts.GetValueOrDefault(c.Id).Units, Covered = counts.GetValueOrDefault(c.Id).Covered })
            .OrderBy(c => c.Organizer, StringComparer.Ordinal).ToList();
        return new Chart("coverage", DashboardStrings.Dash_Coverage, "stack", DashboardStrings.Dash_Organizer,
            rows.Select(r => r.Organizer ?? "").ToList(),
            [
                new Series(DashboardStrings.Dash_Covered, rows.Select(r => r.Covered).ToList()),
                new Series(DashboardStrings.Dash_NotYetCovered, rows.Select(r => r.TermEnd > r.Year ? r.Units - r.Covered : 0).ToList()),
                new Series(DashboardStrings.Dash_WillMiss, rows.Select(r => r.TermEnd > r.Year ? 0 : r.Units - r.Covered).ToList()),
            ]);
    }

    /// <summary>Items of accepted plans counted by the reporter organization's kind, the item's state and whether its deadline has passed.</summary>
    public sealed record RectCount(OrganizationKind Kind, ItemState State, bool PastDeadline, int Count)
    {
        public bool IsDone => State is ItemState.Done or ItemState.Closed;
        /// <summary>逾期 as PlanItem.IsOverdue decides it: past the deadline (the deadline day is in time) and not done.</summary>
        public bool IsOverdue => PastDeadline && !IsDone;
    }

    /// <summary>
    /// 整改完成率、逾期率 (issue 8): the items of the accepted plans of the year's campaigns, counted by the database by the
    /// reporter organization's kind, the item state and deadline passed (as of today), and the plans by state with those
    /// never filed past their deadline. The kind and unit filters apply to the reporter organization, the track to its track.
    /// </summary>
    public async Task<IReadOnlyList<Chart>> RectificationAsync(DashboardFilter f, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        var plans = from p in db.RectPlans
                    join c in db.Campaigns on p.CampaignId equals c.Id
                    join o in db.Organizations on p.OrganizationId equals o.Id
                    where c.Year == f.Year
                    select new { p, o.Kind, o.UnitType };
        if (f.Kind is { } k) plans = plans.Where(x => x.Kind == k);
        if (f.UnitType is { } u) plans = plans.Where(x => x.UnitType == u);
        if (!string.IsNullOrEmpty(f.Track))
            plans = plans.Where(x => db.CampaignReporters.Any(r => r.Id == x.p.ReporterId && db.Tracks.Any(t => t.Id == r.TrackId && t.Name == f.Track)));

        var items = await (from x in plans
                           join i in db.RectPlanItems on x.p.Id equals i.PlanId
                           where x.p.State == PlanState.Accepted
                           group i by new { x.Kind, i.State, Past = i.Deadline < today } into g
                           select new { g.Key.Kind, g.Key.State, g.Key.Past, Count = g.Count() }).ToListAsync(ct);
        var counts = items.Select(x => new RectCount(x.Kind, x.State, x.Past, x.Count)).ToList();
        var planCounts = await plans
            .GroupBy(x => new { x.p.State, Unfiled = x.p.FirstFiledOn == null && x.p.Deadline < today })
            .Select(g => new { g.Key.State, g.Key.Unfiled, Count = g.Count() }).ToListAsync(ct);
        return RectificationCharts(counts, planCounts.Select(x => (x.State, x.Unfiled, x.Count)).ToList());
    }

    public static IReadOnlyList<Chart> RectificationCharts(IReadOnlyList<RectCount> counts, IReadOnlyList<(PlanState State, bool Unfiled, int Count)> plans)
    {
        var kinds = counts.Select(c => c.Kind).Distinct().Order().ToList();
        int Sum(IEnumerable<RectCount> rows, Func<RectCount, bool> which) => rows.Where(which).Sum(r => r.Count);
        IReadOnlyList<int> Per(Func<RectCount, bool> which) => kinds.Select(k => Sum(counts.Where(c => c.Kind == k), which)).ToList();
        // Rates as the bulletin gives them (Bulletin.Compute): done / items, overdue / items, half away from zero to 0.01 %.
        static int Rate(int part, int whole) => whole == 0 ? 0 : (int)Math.Round(part * 10000m / whole, MidpointRounding.AwayFromZero);
        var groups = new List<(string Label, IEnumerable<RectCount> Rows)> { (DashboardStrings.Dash_RectTotal, counts) };
        groups.AddRange(kinds.Select(k => (k.Name(), counts.Where(c => c.Kind == k))));
        var states = Enum.GetValues<PlanState>();
        return
        [
            new Chart("rect-items", DashboardStrings.Dash_RectItems, "stack", DashboardStrings.Dash_Kind, kinds.Select(k => k.Name()).ToList(),
            [
                new Series(DashboardStrings.Dash_RectDone, Per(c => c.IsDone)),
                new Series(DashboardStrings.Dash_RectInProgress, Per(c => !c.IsDone && !c.IsOverdue)),
                new Series(DashboardStrings.Dash_RectOverdue, Per(c => c.IsOverdue)),
            ]),
            new Chart("rect-rates", DashboardStrings.Dash_RectRates, "bar", DashboardStrings.Dash_Kind, counts.Count == 0 ? [] : groups.Select(g => g.Label).ToList(),
            [
                new Series(DashboardStrings.Dash_RectItemCount, counts.Count == 0 ? [] : groups.Select(g => Sum(g.Rows, _ => true)).ToList()),
                new Series(DashboardStrings.Dash_RectDoneRate, counts.Count == 0 ? [] : groups.Select(g => Rate(Sum(g.Rows, c => c.IsDone), Sum(g.Rows, _ => true))).ToList(), true),
                new Series(DashboardStrings.Dash_RectOverdueRate, counts.Count == 0 ? [] : groups.Select(g => Rate(Sum(g.Rows, c => c.IsOverdue), Sum(g.Rows, _ => true))).ToList(), true),
            ], DashboardStrings.Dash_RectRatesNote),
            new Chart("rect-plans", DashboardStrings.Dash_RectPlans, "bar", DashboardStrings.Dash_RectPlanState,
                states.Select(s => Pages.Rectification.RectUi.PlanStateName(s)).ToList(),
            [
                new Series(DashboardStrings.Dash_RectPlanCount, states.Select(s => plans.Where(p => p.State == s).Sum(p => p.Count)).ToList()),
                new Series(DashboardStrings.Dash_RectPlanUnfiled, states.Select(s => plans.Where(p => p.State == s && p.Unfiled).Sum(p => p.Count)).ToList()),
            ]),
        ];
    }

    /// <summary>Every chart of the dashboard, in page order.</summary>
    public async Task<IReadOnlyList<Chart>> AllAsync(DashboardFilter f, CancellationToken ct)
    {
        var charts = new List<Chart> { await StagesAsync(f, ct), await OverdueAsync(f, ct) };
        charts.AddRange(GradeCharts(f, await GradeCountsAsync(f, ct)));
        charts.AddRange(await TurnoutAsync(f, ct));
        charts.Add(await CoverageAsync(f, ct));
        charts.AddRange(await RectificationAsync(f, ct));
        return charts;
    }

    /// <summary>
    /// Decided grades and opinions of an organization's (or a person's) reporter rows, for the history pages; the raw rows
    /// are joined to the filtered deliberations and reporter rows, so only what the scope allows comes back.
    /// </summary>
    public async Task<Dictionary<int, DecidedOpinionRow>> DecidedForAsync(int? organizationId, int? personId, CancellationToken ct)
    {
        var org = organizationId ?? -1;
        var person = personId ?? -1;
        var raw = db.IsPostgres
            ? db.Database.SqlQuery<DecidedOpinionRow>($"""
                SELECT d."CampaignId", (g->>'ReporterId')::int AS "ReporterId", (g->>'Final')::int AS "Grade",
                       g->'Opinion'->>'Achievements' AS "Achievements", g->'Opinion'->>'Problems' AS "Problems", g->'Opinion'->>'Direction' AS "Direction",
                       d."MeetingDate"
                FROM "Deliberations" AS d CROSS JOIN LATERAL jsonb_array_elements(d."Grades"::jsonb) AS g
                WHERE d."State" = 2 AND d."CampaignId" IN (SELECT r."CampaignId" FROM "CampaignReporters" AS r WHERE r."OrganizationId" = {org} OR r."PersonId" = {person})
                """)
            : db.Database.SqlQuery<DecidedOpinionRow>($"""
                SELECT d."CampaignId", CAST(json_extract(g.value, '$.ReporterId') AS INTEGER) AS "ReporterId", CAST(json_extract(g.value, '$.Final') AS INTEGER) AS "Grade",
                       json_extract(g.value, '$.Opinion.Achievements') AS "Achievements", json_extract(g.value, '$.Opinion.Problems') AS "Problems",
                       json_extract(g.value, '$.Opinion.Direction') AS "Direction", d."MeetingDate"
                FROM "Deliberations" AS d, json_each(d."Grades") AS g
                WHERE d."State" = 2 AND d."CampaignId" IN (SELECT r."CampaignId" FROM "CampaignReporters" AS r WHERE r."OrganizationId" = {org} OR r."PersonId" = {person})
                """);
        var rows = await (from g in raw
                          join d in db.Deliberations on g.CampaignId equals d.CampaignId
                          join r in db.CampaignReporters on g.ReporterId equals r.Id
                          where r.CampaignId == g.CampaignId && (r.OrganizationId == org || r.PersonId == person)
                          select g).ToListAsync(ct);
        return rows.ToDictionary(r => r.ReporterId);
    }
}
