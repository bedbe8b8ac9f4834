using Shuzhi.Domain.Meetings;
using Shuzhi.Domain.Rectification;
using Shuzhi.Domain.Scoring;

namespace Shuzhi.Web.Features;

/// <summary>
/// The dashboard's per-campaign figures (<see cref="CampaignFigure"/>, docs/dashboard.md "Figures"): computed from the records of
/// some campaigns, stored by <see cref="FigureJob"/> for the campaigns the triggers marked stale, and, for the campaigns whose stored
/// rows cannot be trusted yet (marked, or voting open), computed again when a dashboard is read.
/// <para>
/// <see cref="ComputeAsync"/> reads past the scope filters: it is given campaign ids, and the dashboard gives it only campaigns
/// organized in the account's subtree (<see cref="LiveAsync"/>), whose records that subtree sees in full.
/// </para>
/// </summary>
public sealed class CampaignFigures(AppDbContext db)
{
    /// <summary>The figures of the given campaigns, from their records (the rows <see cref="FigureJob"/> stores).</summary>
    public async Task<List<CampaignFigure>> ComputeAsync(IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        var figures = new List<CampaignFigure>();
        if (list.Count == 0) return figures;
        var all = db.Campaigns.IgnoreQueryFilters();
        var orgs = db.Organizations.IgnoreQueryFilters();

        var campaigns = await (from c in all
                               where list.Contains(c.Id)
                               join o in orgs on c.OrganizerId equals o.Id
                               select new { c.Id, c.OrganizerId, c.Year, c.Stage, c.TermStartYear, c.TermLength, o.Name, o.Kind, o.UnitType })
            .ToDictionaryAsync(c => c.Id, ct);
        CampaignFigure New(int campaignId, FigureMeasure measure, OrganizationKind kind, UnitType unit, int count, int key = 0)
        {
            var c = campaigns[campaignId];
            return new CampaignFigure { CampaignId = c.Id, OrganizerId = c.OrganizerId, Year = c.Year, Measure = measure, Kind = kind, UnitType = unit, Key = key, Count = count };
        }

        foreach (var c in campaigns.Values)
            figures.Add(New(c.Id, FigureMeasure.Stage, c.Kind, c.UnitType, 1, (int)c.Stage).With(x => x.Title = c.Name));

        // The reporter rows with their organization and track: grades and plans are counted by these.
        var reporters = await (from r in db.CampaignReporters.IgnoreQueryFilters()
                               where list.Contains(r.CampaignId)
                               join o in orgs on r.OrganizationId equals o.Id
                               join t in db.Tracks.IgnoreQueryFilters() on r.TrackId equals t.Id
                               select new { r.Id, r.CampaignId, o.Kind, o.UnitType, Track = t.Name })
            .ToDictionaryAsync(r => r.Id, ct);
        foreach (var g in reporters.Values.GroupBy(r => (r.CampaignId, r.Track)))
            figures.Add(New(g.Key.CampaignId, FigureMeasure.Track, default, default, g.Count()).With(x => x.Track = g.Key.Track));

        var overdue = await (from x in db.OverdueItems.IgnoreQueryFilters()
                             where list.Contains(x.CampaignId) && x.ResolvedOn == null
                             join o in orgs on x.OrganizationId equals o.Id
                             group x by new { x.CampaignId, x.Kind, OrgKind = o.Kind, o.UnitType } into g
                             select new { g.Key.CampaignId, g.Key.Kind, g.Key.OrgKind, g.Key.UnitType, Count = g.Count() }).ToListAsync(ct);
        figures.AddRange(overdue.Select(x => New(x.CampaignId, FigureMeasure.Overdue, x.OrgKind, x.UnitType, x.Count, (int)x.Kind)));

        // Decided grades: the locked decision's final grade of each reporter row of the campaign.
        var decided = await db.Deliberations.IgnoreQueryFilters().Where(d => list.Contains(d.CampaignId) && d.State == DeliberationState.Locked)
            .Select(d => new { d.CampaignId, d.Grades }).ToListAsync(ct);
        var grades = from d in decided
                     from g in d.Grades
                     let r = reporters.GetValueOrDefault(g.ReporterId)
                     where r is not null && r.CampaignId == d.CampaignId
                     group r by (r.CampaignId, r.Kind, r.UnitType, r.Track, g.Final) into x
                     select New(x.Key.CampaignId, FigureMeasure.Grade, x.Key.Kind, x.Key.UnitType, x.Count(), (int)x.Key.Final).With(f => f.Track = x.Key.Track);
        figures.AddRange(grades);

        // Ballots issued (the categories' counts) and received (stored ballots) per meeting and category.
        var meetings = db.Meetings.IgnoreQueryFilters().Where(m => list.Contains(m.CampaignId));
        var categories = await (from v in db.VoterCategories.IgnoreQueryFilters()
                                join m in meetings on v.MeetingId equals m.Id
                                select new { v.Id, m.CampaignId, v.MeetingId, m.Title, v.Name, v.Issued, v.SortOrder }).ToListAsync(ct);
        var received = await (from b in db.MeetingBallots.IgnoreQueryFilters()
                              join m in meetings on b.MeetingId equals m.Id
                              group b by b.CategoryId into g
                              select new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        foreach (var v in categories)
        {
            var c = campaigns[v.CampaignId];
            figures.Add(New(v.CampaignId, FigureMeasure.Turnout, c.Kind, c.UnitType, v.Issued, v.SortOrder).With(x =>
            {
                x.RefId = v.MeetingId;
                x.Title = $"{c.Name} {v.Title}";
                x.Label = v.Name;
                x.Count2 = received.GetValueOrDefault(v.Id);
            }));
        }

        // Coverage rows carry the last year of the campaign's term (the domain's rule), and one row per campaign lists it.
        foreach (var x in await CoverageAsync(list, ct))
            figures.Add(New(x.CampaignId, FigureMeasure.Coverage, x.Kind, x.UnitType, x.Units, TermEnd(x.CampaignId))
                .With(f => { f.Count2 = x.Covered; f.Title = campaigns[x.CampaignId].Name; }));
        foreach (var c in campaigns.Values)
            figures.Add(New(c.Id, FigureMeasure.Coverage, c.Kind, c.UnitType, 0, TermEnd(c.Id)).With(x => { x.Flag = true; x.Title = c.Name; }));
        int TermEnd(int id) => TermCoverage.TermOf(campaigns[id].Year, campaigns[id].TermStartYear, campaigns[id].TermLength).End;

        // Rectification: the items of accepted plans by state and deadline; the plans by state, deadline and whether ever filed.
        var plans = db.RectPlans.IgnoreQueryFilters().Where(p => list.Contains(p.CampaignId));
        // The deadline is kept only where "past the deadline" can still matter at reading: items not done, plans never filed.
        var items = await (from p in plans
                           where p.State == PlanState.Accepted
                           join i in db.RectPlanItems.IgnoreQueryFilters() on p.Id equals i.PlanId
                           group i by new { p.CampaignId, p.ReporterId, i.State, Deadline = i.State == ItemState.Done || i.State == ItemState.Closed ? (DateOnly?)null : i.Deadline } into g
                           select new { g.Key.CampaignId, g.Key.ReporterId, g.Key.State, g.Key.Deadline, Count = g.Count() }).ToListAsync(ct);
        var planRows = await plans.GroupBy(p => new { p.CampaignId, p.ReporterId, p.State, Deadline = p.FirstFiledOn == null ? (DateOnly?)p.Deadline : null, Unfiled = p.FirstFiledOn == null })
            .Select(g => new { g.Key.CampaignId, g.Key.ReporterId, g.Key.State, g.Key.Deadline, g.Key.Unfiled, Count = g.Count() }).ToListAsync(ct);
        figures.AddRange(from x in items
                         let r = reporters[x.ReporterId]
                         group x by (x.CampaignId, r.Kind, r.UnitType, r.Track, x.State, x.Deadline) into g
                         select New(g.Key.CampaignId, FigureMeasure.RectItem, g.Key.Kind, g.Key.UnitType, g.Sum(x => x.Count), (int)g.Key.State)
                             .With(f => { f.Track = g.Key.Track; f.Date = g.Key.Deadline; }));
        figures.AddRange(from x in planRows
                         let r = reporters[x.ReporterId]
                         group x by (x.CampaignId, r.Kind, r.UnitType, r.Track, x.State, x.Deadline, x.Unfiled) into g
                         select New(g.Key.CampaignId, FigureMeasure.RectPlan, g.Key.Kind, g.Key.UnitType, g.Sum(x => x.Count), (int)g.Key.State)
                             .With(f => { f.Track = g.Key.Track; f.Date = g.Key.Deadline; f.Flag = g.Key.Unfiled; }));
        return figures;
    }

    /// <summary>
    /// On-site coverage over the term (seed 002 三.2) as /Campaigns/Coverage decides it: the units are the organizer's active direct
    /// subordinates and the campaign's reporters; a unit is covered when it debriefed on-site (on-site or both) in a campaign of the
    /// same organizer in the term up to this year. Counted by the database per campaign and the units' kind and type.
    /// </summary>
    private async Task<List<(int CampaignId, OrganizationKind Kind, UnitType UnitType, int Units, int Covered)>> CoverageAsync(List<int> ids, CancellationToken ct)
    {
        var campaigns = db.Campaigns.IgnoreQueryFilters().Where(c => ids.Contains(c.Id));
        var orgs = db.Organizations.IgnoreQueryFilters();
        var children = from c in campaigns
                       join o in orgs on (int?)c.OrganizerId equals o.ParentId
                       where o.IsActive
                       select new { CampaignId = c.Id, c.OrganizerId, c.Year, c.TermStartYear, c.TermLength, OrgId = o.Id, o.Kind, o.UnitType };
        var reported = from c in campaigns
                       join r in db.CampaignReporters.IgnoreQueryFilters() on c.Id equals r.CampaignId
                       join o in orgs on r.OrganizationId equals o.Id
                       select new { CampaignId = c.Id, c.OrganizerId, c.Year, c.TermStartYear, c.TermLength, OrgId = o.Id, o.Kind, o.UnitType };
        var counts = await children.Union(reported)
            .Select(u => new
            {
                u.CampaignId,
                u.Kind,
                u.UnitType,
                Covered = db.CampaignReporters.IgnoreQueryFilters().Any(r => r.OrganizationId == u.OrgId && r.OrganizerId == u.OrganizerId
                    && db.Tracks.IgnoreQueryFilters().Any(t => t.Id == r.TrackId && (t.Mode == DebriefMode.OnSite || t.Mode == DebriefMode.Both))
                    && db.Campaigns.IgnoreQueryFilters().Any(p => p.Id == r.CampaignId && p.OrganizerId == u.OrganizerId
                        && p.Year >= u.Year - ((u.Year - u.TermStartYear) % u.TermLength + u.TermLength) % u.TermLength && p.Year <= u.Year)),
            })
            .GroupBy(u => new { u.CampaignId, u.Kind, u.UnitType })
            .Select(g => new { g.Key.CampaignId, g.Key.Kind, g.Key.UnitType, Units = g.Count(), Covered = g.Count(x => x.Covered) })
            .ToListAsync(ct);
        return counts.Select(x => (x.CampaignId, x.Kind, x.UnitType, x.Units, x.Covered)).ToList();
    }

    /// <summary>
    /// The campaigns of some years organized in the account's subtree whose stored figures are not to be trusted: those marked
    /// stale, with every campaign of the same organizer (they share the coverage over the term), and those with voting open
    /// (ballots come in; they change nothing else).
    /// </summary>
    public async Task<List<int>> LiveAsync(int firstYear, int lastYear, CancellationToken ct)
    {
        // Ids only, read past the filters; they are matched below with the organizations the account's scope finds by key.
        var marked = await db.CampaignFigureStale.Select(s => s.CampaignId).Distinct().ToListAsync(ct);
        var open = await db.Meetings.IgnoreQueryFilters().Where(m => m.State == VotingState.Open).Select(m => m.CampaignId).Distinct().ToListAsync(ct);
        if (marked.Count == 0 && open.Count == 0) return [];
        var campaigns = db.Campaigns.IgnoreQueryFilters();
        var touched = await campaigns.Where(c => marked.Contains(c.Id) || open.Contains(c.Id))
            .Select(c => new { c.Id, c.OrganizerId, c.Year, Marked = marked.Contains(c.Id) }).ToListAsync(ct);
        // Organized in the subtree: the organizers as the scoped organizations find them (a query of its own: IgnoreQueryFilters
        // turns off every filter of the query it is in).
        var organizers = touched.Select(c => c.OrganizerId).Distinct().ToList();
        var inScope = (await db.Organizations.Where(o => organizers.Contains(o.Id)).Select(o => o.Id).ToListAsync(ct)).ToHashSet();
        var stale = touched.Where(c => c.Marked && inScope.Contains(c.OrganizerId)).Select(c => c.OrganizerId).Distinct().ToList();
        var live = stale.Count == 0 ? [] : await campaigns
            .Where(c => stale.Contains(c.OrganizerId) && c.Year >= firstYear && c.Year <= lastYear).Select(c => c.Id).ToListAsync(ct);
        live.AddRange(touched.Where(c => !c.Marked && inScope.Contains(c.OrganizerId) && c.Year >= firstYear && c.Year <= lastYear).Select(c => c.Id));
        return live.Distinct().ToList();
    }

    /// <summary>
    /// Stores the figures of up to <paramref name="batch"/> marked campaigns (and their organizers' other campaigns) and removes the
    /// marks read, in one transaction; marks written meanwhile stay for the next round. Returns the number of marks removed.
    /// </summary>
    public async Task<int> RefreshAsync(int batch, CancellationToken ct)
    {
        var marks = await db.CampaignFigureStale.OrderBy(s => s.Id).Take(batch).Select(s => new { s.Id, s.CampaignId }).ToListAsync(ct);
        if (marks.Count == 0) return 0;
        var ids = marks.Select(m => m.CampaignId).Distinct().ToList();
        var organizers = await db.Campaigns.IgnoreQueryFilters().Where(c => ids.Contains(c.Id)).Select(c => c.OrganizerId).Distinct().ToListAsync(ct);
        var campaigns = await db.Campaigns.IgnoreQueryFilters().Where(c => organizers.Contains(c.OrganizerId)).Select(c => c.Id).ToListAsync(ct);
        var figures = await ComputeAsync(campaigns, ct);
        var markIds = marks.Select(m => m.Id).ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.CampaignFigures.IgnoreQueryFilters().Where(f => campaigns.Contains(f.CampaignId)).ExecuteDeleteAsync(ct);
        db.CampaignFigures.AddRange(figures);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        // By id, not by campaign: a mark committed after the read above is for a change the figures may not hold.
        await db.CampaignFigureStale.Where(s => markIds.Contains(s.Id)).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        return marks.Count;
    }
}

/// <summary>Keeps the stored figures up to date: takes the stale marks in batches, then looks again every few seconds.</summary>
public sealed class FigureJob(IServiceScopeFactory scopes, ILogger<FigureJob> log) : BackgroundService
{
    public static readonly TimeSpan Pause = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var done = 0;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                done = await scope.ServiceProvider.GetRequiredService<CampaignFigures>().RefreshAsync(20_000, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Dashboard figures not refreshed; tried again shortly");
            }
            if (done == 0) await Task.Delay(Pause, stoppingToken);
        }
    }
}

internal static class FigureExtensions
{
    public static CampaignFigure With(this CampaignFigure f, Action<CampaignFigure> set)
    {
        set(f);
        return f;
    }
}
