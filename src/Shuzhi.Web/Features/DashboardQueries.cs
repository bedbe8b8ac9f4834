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
/// The figures of the dashboard (issue 8) over the account's subtree, read from the per-campaign figures (<see cref="CampaignFigure"/>):
/// the stored rows of the campaigns organized in the subtree, summed by the database (their scope filter is the organizer's), and
/// for the campaigns whose stored rows are not to be trusted yet (<see cref="CampaignFigures.LiveAsync"/>) the same rows computed
/// from the records. Rectification figures count the items of accepted plans (as the bulletin does) as of today.
/// </summary>
public sealed class DashboardQueries(AppDbContext db, CampaignFigures figures, TimeProvider clock)
{
    public const int YearsShown = 5;

    /// <summary>A sum of figure rows: the dimensions a chart draws (the others zero) and the two counts.</summary>
    public sealed record Fig(int CampaignId, FigureMeasure Measure, int Year, OrganizationKind Kind, UnitType UnitType, string Track, int Key,
        string Label, string Title, int RefId, DateOnly? Date, bool Flag, int Count, int Count2);

    /// <summary>The charts of the dashboard in page order, and the track names of the year (the filter's choices).</summary>
    public sealed record View(IReadOnlyList<Chart> Charts, IReadOnlyList<string> TrackNames);

    /// <summary>
    /// The filters on figure rows, the same for the database and for rows computed in memory: the year (five years for the
    /// grades), the kind and type of the organization each measure is counted by, the track for grades and rectification.
    /// A campaign's coverage row with <see cref="CampaignFigure.Flag"/> lists it whatever the filters; track rows are choices.
    /// </summary>
    private static IQueryable<CampaignFigure> Filter(IQueryable<CampaignFigure> q, DashboardFilter f)
    {
        var first = f.Year - YearsShown + 1;
        var year = f.Year;
        q = q.Where(x => x.Year >= first && x.Year <= year && (x.Year == year || x.Measure == FigureMeasure.Grade));
        if (f.Kind is { } k)
            q = q.Where(x => x.Kind == k || x.Measure == FigureMeasure.Track || (x.Measure == FigureMeasure.Coverage && x.Flag));
        if (f.UnitType is { } u)
            q = q.Where(x => x.UnitType == u || x.Measure == FigureMeasure.Track || (x.Measure == FigureMeasure.Coverage && x.Flag));
        if (f.Track is { Length: > 0 } t)
            q = q.Where(x => x.Track == t || !(x.Measure == FigureMeasure.Grade || x.Measure == FigureMeasure.RectItem || x.Measure == FigureMeasure.RectPlan));
        return q;
    }

    /// <summary>The filtered figures summed by the dimensions the charts draw: per campaign only coverage, per meeting only turnout.</summary>
    public async Task<List<Fig>> FiguresAsync(DashboardFilter f, CancellationToken ct)
    {
        var live = await figures.LiveAsync(f.Year - YearsShown + 1, f.Year, ct);
        var stored = Filter(db.CampaignFigures, f);
        if (live.Count > 0) stored = stored.Where(x => !live.Contains(x.CampaignId));
        var rows = await stored
            .GroupBy(x => new
            {
                C = x.Measure == FigureMeasure.Coverage ? x.CampaignId : 0,
                x.Measure, x.Year, x.Kind, x.UnitType, x.Track, x.Key, x.Label,
                Title = x.Measure == FigureMeasure.Coverage || x.Measure == FigureMeasure.Turnout ? x.Title : "",
                x.RefId, x.Date, x.Flag,
            })
            .Select(g => new Fig(g.Key.C, g.Key.Measure, g.Key.Year, g.Key.Kind, g.Key.UnitType, g.Key.Track, g.Key.Key, g.Key.Label, g.Key.Title,
                g.Key.RefId, g.Key.Date, g.Key.Flag, g.Sum(x => x.Count), g.Sum(x => x.Count2)))
            .ToListAsync(ct);
        if (live.Count > 0)
            rows.AddRange(Filter((await figures.ComputeAsync(live, ct)).AsQueryable(), f).AsEnumerable()
                .Select(x => new Fig(x.CampaignId, x.Measure, x.Year, x.Kind, x.UnitType, x.Track, x.Key, x.Label, x.Title, x.RefId, x.Date, x.Flag, x.Count, x.Count2)));
        return rows;
    }

    /// <summary>The years with campaigns in the subtree (for the year filter).</summary>
    public async Task<List<int>> YearsAsync(CancellationToken ct)
    {
        var years = await db.CampaignFigures.Where(x => x.Measure == FigureMeasure.Stage).Select(x => x.Year).Distinct().ToListAsync(ct);
        // And those of marked campaigns, whose rows may not be stored yet (the marks first: few, and found by key).
        var marked = await db.CampaignFigureStale.Select(s => s.CampaignId).Distinct().ToListAsync(ct);
        if (marked.Count > 0) years.AddRange(await db.Campaigns.Where(c => marked.Contains(c.Id)).Select(c => c.Year).Distinct().ToListAsync(ct));
        return years.Distinct().ToList();
    }

    /// <summary>Every chart of the dashboard, in page order, and the year's track names.</summary>
    public async Task<View> AllAsync(DashboardFilter f, CancellationToken ct)
    {
        var rows = await FiguresAsync(f, ct);
        IEnumerable<Fig> Of(FigureMeasure m) => rows.Where(r => r.Measure == m);
        var charts = new List<Chart> { Stages(Of(FigureMeasure.Stage)), Overdue(Of(FigureMeasure.Overdue)) };
        charts.AddRange(GradeCharts(f, Of(FigureMeasure.Grade).Select(r => new GradeCount(r.Year, r.Kind, r.UnitType, r.Track, (Grade)r.Key, r.Count)).ToList()));
        charts.AddRange(Turnout(Of(FigureMeasure.Turnout).ToList()));
        charts.Add(Coverage(Of(FigureMeasure.Coverage).ToList()));
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        charts.AddRange(RectificationCharts(
            Of(FigureMeasure.RectItem).GroupBy(r => (r.Kind, (ItemState)r.Key, r.Date < today)).Select(g => new RectCount(g.Key.Item1, g.Key.Item2, g.Key.Item3, g.Sum(r => r.Count))).ToList(),
            Of(FigureMeasure.RectPlan).GroupBy(r => ((PlanState)r.Key, r.Flag && r.Date < today)).Select(g => (g.Key.Item1, g.Key.Item2, g.Sum(r => r.Count))).ToList()));
        var tracks = Of(FigureMeasure.Track).Select(r => r.Track).Distinct().Order(StringComparer.Ordinal).ToList();
        return new View(charts, tracks);
    }

    /// <summary>Campaigns of the year by stage; the kind filters apply to the organizer.</summary>
    private static Chart Stages(IEnumerable<Fig> rows)
    {
        var counts = rows.GroupBy(r => (CampaignStage)r.Key).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        var stages = Enum.GetValues<CampaignStage>();
        return new Chart("stages", DashboardStrings.Dash_Stages, "bar", DashboardStrings.Dash_Stage,
            stages.Select(s => s.Name()).ToList(), [new Series(DashboardStrings.Dash_Campaigns, stages.Select(s => counts.GetValueOrDefault(s)).ToList())]);
    }

    /// <summary>Open overdue steps of the year's campaigns by kind of step; the kind filters apply to the responsible organization.</summary>
    private static Chart Overdue(IEnumerable<Fig> rows)
    {
        var counts = rows.GroupBy(r => (OverdueKind)r.Key).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        var kinds = Enum.GetValues<OverdueKind>();
        return new Chart("overdue", DashboardStrings.Dash_Overdue, "bar", DashboardStrings.Dash_OverdueKind,
            kinds.Select(k => Messages.Get("Overdue." + k)).ToList(), [new Series(DashboardStrings.Dash_OpenItems, kinds.Select(k => counts.GetValueOrDefault(k)).ToList())]);
    }

    /// <summary>Decided grades counted by year, kind, unit type, track and grade: one small aggregate the grade charts slice.</summary>
    public sealed record GradeCount(int Year, OrganizationKind Kind, UnitType UnitType, string Track, Grade Grade, int Count);

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

    /// <summary>
    /// Ballots issued (the categories' counts) and received (ballots stored, as MeetingCommands.TurnoutAsync counts them)
    /// per meeting and per voter category of the year's meetings; the kind filters apply to the organizer.
    /// </summary>
    private static IReadOnlyList<Chart> Turnout(IReadOnlyList<Fig> rows)
    {
        var byMeeting = rows.GroupBy(r => r.RefId).OrderBy(g => g.Key)
            .Select(g => (Label: g.First().Title, Issued: g.Sum(r => r.Count), Received: g.Sum(r => r.Count2))).ToList();
        var byCategory = rows.GroupBy(r => r.Label).Select(g => (Name: g.Key, Order: g.Min(r => r.Key), Issued: g.Sum(r => r.Count), Received: g.Sum(r => r.Count2)))
            .OrderBy(x => x.Order).ThenBy(x => x.Name, StringComparer.Ordinal).ToList();
        return
        [
            new Chart("turnout-meeting", DashboardStrings.Dash_TurnoutByMeeting, "bar", DashboardStrings.Dash_Meeting,
                byMeeting.Select(m => m.Label).ToList(),
                [new Series(DashboardStrings.Dash_Issued, byMeeting.Select(m => m.Issued).ToList()),
                 new Series(DashboardStrings.Dash_Received, byMeeting.Select(m => m.Received).ToList())]),
            new Chart("turnout-category", DashboardStrings.Dash_TurnoutByCategory, "bar", DashboardStrings.Dash_Category,
                byCategory.Select(c => c.Name).ToList(),
                [new Series(DashboardStrings.Dash_Issued, byCategory.Select(c => c.Issued).ToList()),
                 new Series(DashboardStrings.Dash_Received, byCategory.Select(c => c.Received).ToList())]),
        ];
    }

    /// <summary>
    /// On-site coverage over the term (seed 002 三.2) for each campaign of the year (CampaignFigures counts it as /Campaigns/Coverage
    /// decides it). Units not covered with no year left in the term will miss it. The kind filters apply to the units.
    /// </summary>
    private static Chart Coverage(IReadOnlyList<Fig> rows)
    {
        var campaigns = rows.GroupBy(r => r.CampaignId)
            .Select(g => (Organizer: g.First().Title, g.First().Year, TermEnd: g.First().Key, Units: g.Sum(r => r.Count), Covered: g.Sum(r => r.Count2)))
            .OrderBy(c => c.Organizer, StringComparer.Ordinal).ToList();
        return new Chart("coverage", DashboardStrings.Dash_Coverage, "stack", DashboardStrings.Dash_Organizer,
            campaigns.Select(r => r.Organizer).ToList(),
            [
                new Series(DashboardStrings.Dash_Covered, campaigns.Select(r => r.Covered).ToList()),
                new Series(DashboardStrings.Dash_NotYetCovered, campaigns.Select(r => r.TermEnd > r.Year ? r.Units - r.Covered : 0).ToList()),
                new Series(DashboardStrings.Dash_WillMiss, campaigns.Select(r => r.TermEnd > r.Year ? 0 : r.Units - r.Covered).ToList()),
            ]);
    }

    /// <summary>Items of accepted plans counted by the reporter organization's kind, the item's state and whether its deadline has passed.</summary>
    public sealed record RectCount(OrganizationKind Kind, ItemState State, bool PastDeadline, int Count)
    {
        public bool IsDone => State is ItemState.Done or ItemState.Closed;
        /// <summary>逾期 as PlanItem.IsOverdue decides it: past the deadline (the deadline day is in time) and not done.</summary>
        public bool IsOverdue => PastDeadline && !IsDone;
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
