using Shuzhi.Domain.Meetings;
using Shuzhi.Domain.Reports;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Shuzhi.Web.Data;

/// <summary>
/// The one database context. Every organization-bound entity carries a query filter that
/// limits it to the current account's subtree (see <see cref="CurrentScope"/>): scope is
/// enforced here, once, for pages, API and exports alike.
/// Provider-specific subclasses only exist so each provider keeps its own migrations.
/// </summary>
public abstract class AppDbContext : IdentityDbContext<AppUser>
{
    private readonly CurrentScope _scope;
    private readonly AuditWriter _audit;
    private readonly CurrentActor _actor;
    private readonly TimeProvider _clock;

    protected AppDbContext(DbContextOptions options, CurrentScope scope, CurrentActor actor, TimeProvider clock) : base(options)
    {
        _scope = scope;
        _audit = new AuditWriter(this, actor, clock);
        _actor = actor;
        _clock = clock;
        // The voting endpoints keep a meeting's speakers in memory (Features/MeetingSpeakerCache): note any change to them.
        ChangeTracker.Tracked += (_, e) => NoteSpeakerChange(e.Entry.Entity, e.Entry.State);
        ChangeTracker.StateChanged += (_, e) => NoteSpeakerChange(e.Entry.Entity, e.NewState);
    }

    private bool _speakersChanged;

    private void NoteSpeakerChange(object entity, EntityState state)
    {
        if (state is EntityState.Added or EntityState.Modified or EntityState.Deleted && entity is Track or CampaignReporter or Organization or Person)
            _speakersChanged = true;
    }

    /// <summary>Retires the cached speakers once a change to them is committed: after the save, or after the caller's transaction.</summary>
    private void SpeakersCommitted()
    {
        if (!_speakersChanged) return;
        _speakersChanged = false;
        Features.MeetingSpeakerCache.Invalidate();
    }

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.AddInterceptors(SpeakerCommitInterceptor.Instance);

    private sealed class SpeakerCommitInterceptor : Microsoft.EntityFrameworkCore.Diagnostics.DbTransactionInterceptor
    {
        public static readonly SpeakerCommitInterceptor Instance = new();

        public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData eventData) =>
            (eventData.Context as AppDbContext)?.SpeakersCommitted();

        public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            (eventData.Context as AppDbContext)?.SpeakersCommitted();
            return Task.CompletedTask;
        }
    }

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Position> Positions => Set<Position>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<RolePolicy> RolePolicies => Set<RolePolicy>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<Track> Tracks => Set<Track>();
    public DbSet<CampaignTopic> CampaignTopics => Set<CampaignTopic>();
    public DbSet<CampaignReporter> CampaignReporters => Set<CampaignReporter>();
    public DbSet<CampaignEvent> CampaignEvents => Set<CampaignEvent>();
    public DbSet<ApprovalRequirement> ApprovalRequirements => Set<ApprovalRequirement>();
    public DbSet<OverdueItem> OverdueItems => Set<OverdueItem>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<Report> Reports => Set<Report>();
    public DbSet<ReportVersion> ReportVersions => Set<ReportVersion>();
    public DbSet<ReportFile> ReportFiles => Set<ReportFile>();
    public DbSet<RectificationItem> RectificationItems => Set<RectificationItem>();
    public DbSet<ReportPublication> ReportPublications => Set<ReportPublication>();
    public DbSet<PublishedReport> PublishedReports => Set<PublishedReport>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<VoterCategory> VoterCategories => Set<VoterCategory>();
    public DbSet<VotingCode> VotingCodes => Set<VotingCode>();
    public DbSet<UsedVotingCode> UsedVotingCodes => Set<UsedVotingCode>();
    public DbSet<MeetingBallot> MeetingBallots => Set<MeetingBallot>();
    public DbSet<MeetingComment> MeetingComments => Set<MeetingComment>();
    public DbSet<PaperEntry> PaperEntries => Set<PaperEntry>();
    public DbSet<TrackSheet> TrackSheets => Set<TrackSheet>();
    public DbSet<InspectorAssignment> InspectorAssignments => Set<InspectorAssignment>();
    public DbSet<Shuzhi.Domain.Scoring.InspectionSheet> InspectionSheets => Set<Shuzhi.Domain.Scoring.InspectionSheet>();
    public DbSet<CrossPlan> CrossPlans => Set<CrossPlan>();
    public DbSet<CrossInspectionPair> CrossInspectionPairs => Set<CrossInspectionPair>();
    public DbSet<SheetPhoto> SheetPhotos => Set<SheetPhoto>();
    public DbSet<Shuzhi.Domain.Scoring.Deliberation> Deliberations => Set<Shuzhi.Domain.Scoring.Deliberation>();
    public DbSet<Shuzhi.Domain.Results.ResultRelease> ResultReleases => Set<Shuzhi.Domain.Results.ResultRelease>();
    public DbSet<Shuzhi.Domain.Results.FeedbackLetter> FeedbackLetters => Set<Shuzhi.Domain.Results.FeedbackLetter>();
    public DbSet<Shuzhi.Domain.Results.ConsequenceRecord> ConsequenceRecords => Set<Shuzhi.Domain.Results.ConsequenceRecord>();
    public DbSet<Shuzhi.Domain.Results.ResultBulletin> ResultBulletins => Set<Shuzhi.Domain.Results.ResultBulletin>();
    public DbSet<Shuzhi.Domain.Results.DossierFiling> DossierFilings => Set<Shuzhi.Domain.Results.DossierFiling>();
    public DbSet<Shuzhi.Domain.Results.UpwardReport> UpwardReports => Set<Shuzhi.Domain.Results.UpwardReport>();
    public DbSet<GradingSettings> GradingSettings => Set<GradingSettings>();
    public DbSet<GradingEntry> GradingEntries => Set<GradingEntry>();
    public DbSet<Shuzhi.Domain.Rectification.Problem> RectProblems => Set<Shuzhi.Domain.Rectification.Problem>();
    public DbSet<Shuzhi.Domain.Rectification.RectificationPlan> RectPlans => Set<Shuzhi.Domain.Rectification.RectificationPlan>();
    public DbSet<Shuzhi.Domain.Rectification.PlanItem> RectPlanItems => Set<Shuzhi.Domain.Rectification.PlanItem>();
    public DbSet<Shuzhi.Domain.Rectification.SupervisionCheck> RectChecks => Set<Shuzhi.Domain.Rectification.SupervisionCheck>();
    public DbSet<Shuzhi.Domain.Rectification.Interview> RectInterviews => Set<Shuzhi.Domain.Rectification.Interview>();
    public DbSet<Shuzhi.Domain.Rectification.AccountabilityRecord> RectAccountability => Set<Shuzhi.Domain.Rectification.AccountabilityRecord>();
    public DbSet<EvidenceFile> EvidenceFiles => Set<EvidenceFile>();
    public DbSet<CampaignFigure> CampaignFigures => Set<CampaignFigure>();
    public DbSet<CampaignFigureStale> CampaignFigureStale => Set<CampaignFigureStale>();

    // Read by the query filters; EF parameterizes them per query. Unrestricted is the range of
    // every path ["/", "0"), not an OR: SQLite plans before it sees parameter values, and an
    // "@all OR range" condition would keep it from using the path index.
    internal string ScopePrefix => _scope.Scope.Prefix ?? "/";
    internal string ScopeUpper => _scope.Scope.UpperBound ?? "0";
    internal bool ScopeUnrestricted => _scope.Scope.IsUnrestricted;

    public CurrentScope CurrentScope => _scope;

    /// <summary>
    /// Accounts visible in the current scope: those bound to an organization of the subtree;
    /// accounts over the whole tree (administrators) only to the unrestricted.
    /// </summary>
    public IQueryable<AppUser> ScopedUsers()
    {
        var unrestricted = _scope.Scope.IsUnrestricted;
        return Users.Where(u => u.ScopeOrganizationId == null ? unrestricted : Organizations.Any(o => o.Id == u.ScopeOrganizationId));
    }

    /// <summary>
    /// The subtree under <paramref name="path"/>, within the scope, as ONE path range: the requested
    /// range intersected with the scope's. Two ranges on the same column would leave SQLite to guess
    /// which bounds drive the index, and it may pick the scope's (the whole table for administrators).
    /// </summary>
    public IQueryable<Organization> Subtree(string path, bool includeRoot = true)
    {
        var lower = string.CompareOrdinal(path, ScopePrefix) > 0 ? path : ScopePrefix;
        var upper = OrgPath.UpperBound(path);
        if (string.CompareOrdinal(ScopeUpper, upper) < 0) upper = ScopeUpper;
        var q = Organizations.IgnoreQueryFilters().Where(o => string.Compare(o.Path, lower) >= 0 && string.Compare(o.Path, upper) < 0);
        return includeRoot ? q : q.Where(o => o.Path != path);
    }

    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>Adds an explicit audit entry (login, denied access, export …), written with the next save.</summary>
    public void Audit(string action, string entityType, string? entityId, string details = "", string? orgPath = null) =>
        _audit.Add(action, entityType, entityId, details, orgPath);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        // Ordinal comparison keeps the path range query exact and indexable (docs/decisions/0003).
        if (IsPostgres)
        {
            builder.Entity<Organization>().Property(o => o.Path).UseCollation("C");
            builder.Entity<AuditEntry>().Property(a => a.OrgPath).UseCollation("C");
            builder.Entity<ReportPublication>().Property(p => p.ScopePath).UseCollation("C");
            builder.Entity<ReportPublication>().Property(p => p.ScopeUpper).UseCollation("C");
            builder.Entity<Shuzhi.Domain.Results.ResultBulletin>().Property(p => p.ScopePath).UseCollation("C");
            builder.Entity<Shuzhi.Domain.Results.ResultBulletin>().Property(p => p.ScopeUpper).UseCollation("C");
        }

        builder.Entity<Organization>().HasQueryFilter(o =>
            string.Compare(o.Path, ScopePrefix) >= 0 && string.Compare(o.Path, ScopeUpper) < 0);
        builder.Entity<Person>().HasQueryFilter(p =>
            string.Compare(p.Organization!.Path, ScopePrefix) >= 0 && string.Compare(p.Organization!.Path, ScopeUpper) < 0);
        builder.Entity<Position>().HasQueryFilter(p =>
            string.Compare(p.Organization!.Path, ScopePrefix) >= 0 && string.Compare(p.Organization!.Path, ScopeUpper) < 0);
        // A campaign belongs to its organizer's subtree; its parts follow the campaign. Overdue steps are
        // also seen by the organization responsible for them (a reporter below or outside the organizer's staff).
        // A reporter's own accounts (scope = the reporter organization) see the campaign they report in; the
        // reporter rows carry the organizer (denormalized), so their filter needs no campaign: no filter cycle.
        // Not through the Organizer navigation: a required navigation is an inner join with the filtered organizations.
        // (Reads that Include(c => c.Organizer) still drop the campaign for a reporter: those are the organizer's pages.)
        builder.Entity<Campaign>().HasQueryFilter(c =>
            Organizations.Any(o => o.Id == c.OrganizerId)
            || CampaignReporters.Any(r => r.CampaignId == c.Id && Organizations.Any(o => o.Id == r.OrganizationId)));
        builder.Entity<Track>().HasQueryFilter(t => Campaigns.Any(c => c.Id == t.CampaignId));
        builder.Entity<CampaignTopic>().HasQueryFilter(t => Campaigns.Any(c => c.Id == t.CampaignId));
        // A reporter row is seen by the organizer's subtree and by the reporter organization's own subtree, never by other reporters.
        builder.Entity<CampaignReporter>().HasQueryFilter(r => Organizations.Any(o => o.Id == r.OrganizationId || o.Id == r.OrganizerId));
        builder.Entity<Report>().HasQueryFilter(x => CampaignReporters.Any(r => r.Id == x.CampaignReporterId));
        builder.Entity<ReportVersion>().HasQueryFilter(x => CampaignReporters.Any(r => r.Id == x.CampaignReporterId));
        builder.Entity<ReportFile>().HasQueryFilter(x => CampaignReporters.Any(r => r.Id == x.CampaignReporterId));
        // A rectification item is seen by the reporter organization's subtree and by the units above it (the organizer's staff).
        builder.Entity<RectificationItem>().HasQueryFilter(x => Organizations.Any(o => o.Id == x.OrganizationId));
        // A publication is read within the published subtree (a member's scope lies in it) and by the units above it
        // (the published subtree lies in their scope); its reports while it is not withdrawn (seed 001 第五条).
        builder.Entity<ReportPublication>().HasQueryFilter(p =>
            (string.Compare(ScopePrefix, p.ScopePath) >= 0 && string.Compare(ScopePrefix, p.ScopeUpper) < 0)
            || (string.Compare(p.ScopePath, ScopePrefix) >= 0 && string.Compare(p.ScopePath, ScopeUpper) < 0));
        builder.Entity<PublishedReport>().HasQueryFilter(x => ReportPublications.Any(p => p.Id == x.PublicationId && p.WithdrawnAt == null));
        // A meeting is the organizer's business (and the units' above); its parts follow it. The anonymous voting endpoint
        // finds a code by its hash alone (VotingService), the one place that reads past these filters.
        builder.Entity<Meeting>().HasQueryFilter(m => Campaigns.Any(c => c.Id == m.CampaignId && Organizations.Any(o => o.Id == c.OrganizerId)));
        builder.Entity<VoterCategory>().HasQueryFilter(x => Meetings.Any(m => m.Id == x.MeetingId));
        builder.Entity<VotingCode>().HasQueryFilter(x => Meetings.Any(m => m.Id == x.MeetingId));
        builder.Entity<UsedVotingCode>().HasQueryFilter(x => Meetings.Any(m => m.Id == x.MeetingId));
        builder.Entity<MeetingBallot>().HasQueryFilter(x => Meetings.Any(m => m.Id == x.MeetingId));
        builder.Entity<MeetingComment>().HasQueryFilter(x => Meetings.Any(m => m.Id == x.MeetingId));
        builder.Entity<PaperEntry>().HasQueryFilter(x => Meetings.Any(m => m.Id == x.MeetingId));
        // Inspection (实地考核): the sheet template follows its track; assignments and sheets follow the reporter row
        // (the organizer's subtree and the reporter's own); the pages also check that an inspector is the one assigned.
        builder.Entity<TrackSheet>().HasQueryFilter(x => Tracks.Any(t => t.Id == x.TrackId));
        builder.Entity<InspectorAssignment>().HasQueryFilter(x => CampaignReporters.Any(r => r.Id == x.ReporterId));
        // A cross-inspection sheet is also seen by the inspecting organization's subtree, which does not see the sibling
        // reporter row (docs/decisions/0014-cross-inspection-access.md).
        builder.Entity<Shuzhi.Domain.Scoring.InspectionSheet>().HasQueryFilter(x => CampaignReporters.Any(r => r.Id == x.ReporterId)
            || (x.Kind == Shuzhi.Domain.Scoring.SheetKind.CrossInspection && Organizations.Any(o => o.Id == x.InspectingOrganizationId)));
        // Cross-inspection (交叉检查互评): the plan is the organizer's; an assignment row is seen by the organizer's subtree
        // and by the inspecting organization's subtree — the one narrow path to a sibling reporter (decision 0014).
        builder.Entity<SheetPhoto>().HasQueryFilter(x => InspectionSheets.Any(s => s.Id == x.SheetId));
        builder.Entity<CrossPlan>().HasQueryFilter(x => Organizations.Any(o => o.Id == x.OrganizerId));
        builder.Entity<CrossInspectionPair>().HasQueryFilter(x => Organizations.Any(o => o.Id == x.OrganizerId || o.Id == x.InspectingOrganizationId));
        // The decision on the grades (党委研究) is the organizer's business; what reaches a reporter goes through its own records.
        builder.Entity<Shuzhi.Domain.Scoring.Deliberation>().HasQueryFilter(x => Campaigns.Any(c => c.Id == x.CampaignId && Organizations.Any(o => o.Id == c.OrganizerId)));
        // Results (docs/decisions/0012): the release and the dossier filings are the organizer's business. A feedback letter and a
        // consequence record are the reporter organization's own (its subtree) and the organizer's; a letter only while its
        // release stands, so before the release and after a reopening nobody reads one. A bulletin is read like a publication.
        builder.Entity<Shuzhi.Domain.Results.ResultRelease>().HasQueryFilter(x => Campaigns.Any(c => c.Id == x.CampaignId && Organizations.Any(o => o.Id == c.OrganizerId)));
        builder.Entity<Shuzhi.Domain.Results.DossierFiling>().HasQueryFilter(x => Organizations.Any(o => o.Id == x.OrganizerId));
        // The report to the upper unit: the organizer's and every unit above it (the upper unit reads and acknowledges it).
        builder.Entity<Shuzhi.Domain.Results.UpwardReport>().HasQueryFilter(x => Organizations.Any(o => o.Id == x.OrganizerId));
        builder.Entity<Shuzhi.Domain.Results.FeedbackLetter>().HasQueryFilter(x => x.WithdrawnAt == null
            && Organizations.Any(o => o.Id == x.OrganizationId || o.Id == x.OrganizerId));
        builder.Entity<Shuzhi.Domain.Results.ConsequenceRecord>().HasQueryFilter(x => Organizations.Any(o => o.Id == x.OrganizationId || o.Id == x.OrganizerId));
        builder.Entity<Shuzhi.Domain.Results.ResultBulletin>().HasQueryFilter(p =>
            (string.Compare(ScopePrefix, p.ScopePath) >= 0 && string.Compare(ScopePrefix, p.ScopeUpper) < 0)
            || (string.Compare(p.ScopePath, ScopePrefix) >= 0 && string.Compare(p.ScopePath, ScopeUpper) < 0));
        // Grading settings and the staff's working state per reporter (waivers, adjusted grades, opinions): like the decision.
        builder.Entity<GradingSettings>().HasQueryFilter(x => Campaigns.Any(c => c.Id == x.CampaignId && Organizations.Any(o => o.Id == c.OrganizerId)));
        builder.Entity<GradingEntry>().HasQueryFilter(x => Campaigns.Any(c => c.Id == x.CampaignId && Organizations.Any(o => o.Id == c.OrganizerId)));
        // Rectification (整改): problems, plans, interviews and evidence follow the reporter row (the reporter organization's
        // subtree and the organizer's); plan items and checks follow their plan. Accountability records are seen by the
        // organization held accountable and the units above it.
        builder.Entity<Shuzhi.Domain.Rectification.Problem>().HasQueryFilter(x => CampaignReporters.Any(r => r.Id == x.ReporterId));
        builder.Entity<Shuzhi.Domain.Rectification.RectificationPlan>().HasQueryFilter(x => CampaignReporters.Any(r => r.Id == x.ReporterId));
        builder.Entity<Shuzhi.Domain.Rectification.PlanItem>().HasQueryFilter(x => RectPlans.Any(p => p.Id == x.PlanId));
        builder.Entity<Shuzhi.Domain.Rectification.SupervisionCheck>().HasQueryFilter(x => RectPlans.Any(p => p.Id == x.PlanId));
        builder.Entity<Shuzhi.Domain.Rectification.Interview>().HasQueryFilter(x => CampaignReporters.Any(r => r.Id == x.ReporterId));
        builder.Entity<EvidenceFile>().HasQueryFilter(x => CampaignReporters.Any(r => r.Id == x.ReporterId));
        builder.Entity<Shuzhi.Domain.Rectification.AccountabilityRecord>().HasQueryFilter(x => Organizations.Any(o => o.Id == x.OrganizationId));
        // The campaign's history is the organizer's business (plan review, stages), not the reporters'.
        builder.Entity<CampaignEvent>().HasQueryFilter(e => Campaigns.Any(c => c.Id == e.CampaignId && Organizations.Any(o => o.Id == c.OrganizerId)));
        builder.Entity<ApprovalRequirement>().HasQueryFilter(r => Organizations.Any(o => o.Id == r.UpperOrganizationId));
        builder.Entity<OverdueItem>().HasQueryFilter(o => Organizations.Any(x => x.Id == o.OrganizationId)
            || Campaigns.Any(c => c.Id == o.CampaignId && Organizations.Any(x => x.Id == c.OrganizerId)));
        // The dashboard's figures of a campaign are the organizer's subtree's (like its decision and meetings). A stale mark carries
        // a campaign id and nothing else; the dashboard reads the marks only to leave those campaigns' rows aside.
        builder.Entity<CampaignFigure>().HasQueryFilter(x => Organizations.Any(o => o.Id == x.OrganizerId));
        // Entries without an organization (logins, settings) are for the unrestricted only.
        builder.Entity<AuditEntry>().HasQueryFilter(a => ScopeUnrestricted ||
            (a.OrgPath != null && string.Compare(a.OrgPath, ScopePrefix) >= 0 && string.Compare(a.OrgPath, ScopeUpper) < 0));
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // A reopened decision withdraws its release, wherever it is reopened (Features/ResultCommands).
        await Features.ResultCommands.WithdrawOnReopenAsync(this, _actor.Name, _clock.GetUtcNow(), cancellationToken);
        var written = await _audit.SaveWithAuditAsync(acceptAllChangesOnSuccess, cancellationToken);
        // Committed unless the caller holds a transaction (then the interceptor above acts on its commit).
        if (Database.CurrentTransaction is null) SpeakersCommitted();
        return written;
    }

    internal Task<int> BaseSaveChangesAsync(bool acceptAll, CancellationToken ct) => base.SaveChangesAsync(acceptAll, ct);
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options, CurrentScope scope, CurrentActor actor, TimeProvider clock)
    : AppDbContext(options, scope, actor, clock);

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options, CurrentScope scope, CurrentActor actor, TimeProvider clock)
    : AppDbContext(options, scope, actor, clock);
