namespace Shuzhi.Web.Features;

/// <summary>Campaign operations shared by pages and API. Reads go through the scope filters.</summary>
public sealed class CampaignCommands(AppDbContext db, CurrentActor actor, TimeProvider clock)
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().Date);

    /// <summary>
    /// Creates the campaign of <paramref name="organizer"/> for <paramref name="year"/>, from last
    /// year's when asked (tracks, topics, settings; never reporters or results), otherwise with
    /// the default focus contents of seed 001 and the must-answer topics of seed 003.
    /// </summary>
    public async Task<Campaign> CreateAsync(Organization organizer, int year, string title, CampaignTimeline timeline, bool copyLastYear, CancellationToken ct)
    {
        if (await db.Campaigns.IgnoreQueryFilters().AnyAsync(c => c.OrganizerId == organizer.Id && c.Year == year, ct))
            throw new DomainException("Campaign.DuplicateYear", organizer.Name, year);
        var approval = await ApprovalRequiredAsync(organizer, year, ct);
        var previous = copyLastYear
            ? await db.Campaigns.Where(c => c.OrganizerId == organizer.Id && c.Year < year).OrderByDescending(c => c.Year).FirstOrDefaultAsync(ct)
            : null;
        if (copyLastYear && previous is null) throw new DomainException("Campaign.NothingToCopy");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var campaign = previous is null ? Campaign.Create(organizer.Id, year, title, timeline, approval) : Campaign.CopyOf(previous, year, timeline, approval);
        if (previous is not null && !string.IsNullOrWhiteSpace(title)) campaign.UpdatePlan(title, campaign.PlanText, campaign.MeetingPlanText, campaign.BasisDocuments);
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);
        if (previous is null)
        {
            var order = 0;
            foreach (var (t, text, k) in CampaignTopic.DefaultFocusContents) db.CampaignTopics.Add(CampaignTopic.Create(campaign.Id, false, ++order, t, text, k));
            order = 0;
            foreach (var (t, k) in CampaignTopic.DefaultMustAnswer) db.CampaignTopics.Add(CampaignTopic.Create(campaign.Id, true, ++order, t, "", k));
        }
        else
        {
            foreach (var t in await db.CampaignTopics.Where(t => t.CampaignId == previous.Id).ToListAsync(ct)) db.CampaignTopics.Add(t.CopyTo(campaign.Id));
            foreach (var t in await db.Tracks.Where(t => t.CampaignId == previous.Id).ToListAsync(ct)) db.Tracks.Add(t.CopyTo(campaign.Id));
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return campaign;
    }

    /// <summary>Whether an organizing unit above requires this year's plan to be approved (seed 002 四.2).</summary>
    public async Task<bool> ApprovalRequiredAsync(Organization organizer, int year, CancellationToken ct)
    {
        var ancestorCodes = OrgPath.Codes(organizer.Path).SkipLast(1).ToList();
        return await db.ApprovalRequirements.IgnoreQueryFilters().AnyAsync(r => r.Year == year &&
            db.Organizations.IgnoreQueryFilters().Any(o => o.Id == r.UpperOrganizationId && ancestorCodes.Contains(o.Code)), ct);
    }

    /// <summary>On-site reporters without an approved report (only approved reports count as submitted).</summary>
    public async Task<int> OnSiteReportersWithoutApprovedReportAsync(int campaignId, CancellationToken ct) =>
        (await db.CampaignReporters.Where(r => r.CampaignId == campaignId
                && !db.Reports.Any(x => x.CampaignReporterId == r.Id && x.Status == Shuzhi.Domain.Reports.ReportStatus.Approved))
            .Join(db.Tracks, r => r.TrackId, t => t.Id, (r, t) => t.Mode).ToListAsync(ct))
        .Count(m => m.IsOnSite());

    public async Task AdvanceAsync(Campaign campaign, string? overrideReason, CancellationToken ct)
    {
        var missing = campaign.Stage == CampaignStage.Writing ? await OnSiteReportersWithoutApprovedReportAsync(campaign.Id, ct) : 0;
        var from = campaign.Advance(missing, overrideReason);
        var reason = missing > 0 ? overrideReason : null;
        db.CampaignEvents.Add(CampaignEvent.Of(campaign.Id, CampaignEventKind.StageAdvanced, clock.GetUtcNow(), actor.Name, reason, from, campaign.Stage));
        await db.SaveChangesAsync(ct);
    }

    public async Task SubmitPlanAsync(Campaign campaign, string? comment, CancellationToken ct)
    {
        campaign.SubmitPlan();
        db.CampaignEvents.Add(CampaignEvent.Of(campaign.Id, CampaignEventKind.PlanSubmitted, clock.GetUtcNow(), actor.Name, comment));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Only the upper unit reviews: an account whose scope root lies strictly above the organizer
    /// (or an administrator). The organizer's own staff cannot approve their own plan.
    /// </summary>
    public bool MayReview(Campaign campaign, Organization organizer) =>
        db.CurrentScope.Scope.IsUnrestricted || (db.CurrentScope.Scope.Prefix is { } p && p != organizer.Path && OrgPath.IsWithin(organizer.Path, p));

    public async Task ReviewPlanAsync(Campaign campaign, Organization organizer, bool approve, string? comment, CancellationToken ct)
    {
        if (!MayReview(campaign, organizer)) throw new DomainException("Campaign.NotUpperUnit");
        if (!approve && string.IsNullOrWhiteSpace(comment)) throw new DomainException("Campaign.ReturnNeedsComment");
        campaign.ReviewPlan(approve);
        db.CampaignEvents.Add(CampaignEvent.Of(campaign.Id, approve ? CampaignEventKind.PlanApproved : CampaignEventKind.PlanReturned, clock.GetUtcNow(), actor.Name, comment));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Adds the reporters of <paramref name="organizationIds"/> (strict descendants of the organizer,
    /// active) to a track, each with the person reporting for it on the campaign's start date.
    /// Organizations already reporting in the campaign are left where they are.
    /// </summary>
    public async Task<int> AddReportersAsync(Campaign campaign, Track track, IReadOnlyCollection<int> organizationIds, CancellationToken ct)
    {
        campaign.EnsureSetupOpen();
        var organizer = await db.Organizations.IgnoreQueryFilters().SingleAsync(o => o.Id == campaign.OrganizerId, ct);
        var orgs = await db.Subtree(organizer.Path, includeRoot: false).Where(o => organizationIds.Contains(o.Id)).ToListAsync(ct);
        var already = await db.CampaignReporters.Where(r => r.CampaignId == campaign.Id).Select(r => r.OrganizationId).ToListAsync(ct);
        orgs = orgs.Where(o => !already.Contains(o.Id)).ToList();
        var ids = orgs.Select(o => o.Id).ToList();
        var positions = (await db.Positions.IgnoreQueryFilters().Where(p => ids.Contains(p.OrganizationId) && p.Role != PositionRole.CommitteeMember).ToListAsync(ct))
            .ToLookup(p => p.OrganizationId);
        var derived = Reporters.Derive(orgs.OrderBy(o => o.Path, StringComparer.Ordinal), positions, campaign.Timeline.Start, campaign.ShortTenureMonths);
        var order = await db.CampaignReporters.Where(r => r.TrackId == track.Id).Select(r => (int?)r.SortOrder).MaxAsync(ct) ?? 0;
        foreach (var d in derived) db.CampaignReporters.Add(CampaignReporter.From(campaign.Id, campaign.OrganizerId, track.Id, d, ++order));
        await db.SaveChangesAsync(ct);
        return derived.Count;
    }

    /// <summary>The active direct subordinates of the organizer, optionally of one kind.</summary>
    public async Task<IReadOnlyList<Organization>> DirectSubordinatesAsync(Campaign campaign, OrganizationKind? kind, CancellationToken ct)
    {
        var children = await db.Organizations.IgnoreQueryFilters().Where(o => o.ParentId == campaign.OrganizerId).ToListAsync(ct);
        return Reporters.DirectSubordinates(children, campaign.OrganizerId, kind);
    }

    /// <summary>
    /// Term coverage (seed 002 三.2) of every active direct subordinate and every reporter:
    /// the years of the current term it debriefed on-site, this year's choice included.
    /// </summary>
    public async Task<IReadOnlyList<(Organization Org, Coverage Coverage)>> CoverageAsync(Campaign campaign, CancellationToken ct)
    {
        var (termStart, _) = TermCoverage.TermOf(campaign.Year, campaign.TermStartYear, campaign.TermLength);
        var onSite = await db.CampaignReporters
            .Where(r => db.Campaigns.Any(c => c.Id == r.CampaignId && c.OrganizerId == campaign.OrganizerId && c.Year >= termStart && c.Year <= campaign.Year))
            .Join(db.Tracks, r => r.TrackId, t => t.Id, (r, t) => new { r.OrganizationId, r.CampaignId, t.Mode })
            .Join(db.Campaigns, x => x.CampaignId, c => c.Id, (x, c) => new { x.OrganizationId, x.Mode, c.Year, x.CampaignId })
            .ToListAsync(ct);
        var onSiteYears = onSite.Where(x => x.Mode.IsOnSite() && x.CampaignId != campaign.Id).ToLookup(x => x.OrganizationId, x => x.Year);
        var onSiteNow = onSite.Where(x => x.Mode.IsOnSite() && x.CampaignId == campaign.Id).Select(x => x.OrganizationId).ToHashSet();
        var reporterIds = onSite.Where(x => x.CampaignId == campaign.Id).Select(x => x.OrganizationId).ToList();
        var orgs = await db.Organizations.IgnoreQueryFilters()
            .Where(o => (o.ParentId == campaign.OrganizerId && o.IsActive) || reporterIds.Contains(o.Id))
            .OrderBy(o => o.Path).ToListAsync(ct);
        return orgs.Select(o => (o, TermCoverage.For(o.Id, campaign.Year, campaign.TermStartYear, campaign.TermLength, onSiteYears[o.Id], onSiteNow.Contains(o.Id)))).ToList();
    }
    /// <summary>The campaign with its organizer, through the scope filters: null when missing or out of scope.</summary>
    public Task<Campaign?> FindAsync(int id, CancellationToken ct) =>
        db.Campaigns.Include(c => c.Organizer).SingleOrDefaultAsync(c => c.Id == id, ct);

    /// <summary>
    /// Who may change or advance a campaign (role checked by Policies.ManageCampaigns besides):
    /// the organizer's own staff, whose scope is rooted at the organizer, or an administrator.
    /// Upper units see and review subordinate campaigns; they never act in the subordinate's place.
    /// </summary>
    public bool MayManage(Organization organizer) => MayManage(organizer.Id);

    public bool MayManage(int organizerId) =>
        db.CurrentScope.Scope.IsUnrestricted || db.CurrentScope.ScopeOrganizationId == organizerId;

    /// <summary><see cref="MayManage(int)"/> with the staff role, for places outside the ManageCampaigns policy.</summary>
    public bool IsOrganizerStaff(System.Security.Claims.ClaimsPrincipal user, int organizerId) =>
        (user.IsInRole(Roles.Admin) || user.IsInRole(Roles.OrgStaff)) && MayManage(organizerId);

    private static readonly OrganizationKind[] OrganizingKinds =
        [OrganizationKind.PartyCommittee, OrganizationKind.WorkingCommittee, OrganizationKind.LeadingPartyGroup, OrganizationKind.GeneralBranch];

    /// <summary>Active organizations in scope that can organize a campaign (党委、党工委、党组、党总支).</summary>
    public IQueryable<Organization> OrganizingUnits() =>
        db.Organizations.Where(o => o.IsActive && OrganizingKinds.Contains(o.Kind));

    /// <summary>The organizing units the current account may set a campaign up for (see <see cref="MayManage"/>).</summary>
    public async Task<IReadOnlyList<Organization>> ManageableOrganizersAsync(CancellationToken ct)
    {
        var q = OrganizingUnits().AsNoTracking();
        if (!db.CurrentScope.Scope.IsUnrestricted)
        {
            var root = db.CurrentScope.ScopeOrganizationId;
            q = q.Where(o => o.Id == root);
        }
        return await q.OrderBy(o => o.Depth).ThenBy(o => o.Path).Take(500).ToListAsync(ct);
    }

    // ---- focus contents and must-answer topics ----

    public async Task<CampaignTopic> AddTopicAsync(Campaign campaign, bool mustAnswer, string title, string text, string keywords, CancellationToken ct)
    {
        var order = await db.CampaignTopics.Where(t => t.CampaignId == campaign.Id && t.IsMustAnswer == mustAnswer).Select(t => (int?)t.SortOrder).MaxAsync(ct) ?? 0;
        var topic = CampaignTopic.Create(campaign.Id, mustAnswer, order + 1, title, text, keywords);
        db.CampaignTopics.Add(topic);
        await db.SaveChangesAsync(ct);
        return topic;
    }

    /// <summary>Swaps a topic with its neighbour in the same list (direction -1 up, +1 down) and renumbers the list 1..n.</summary>
    public async Task MoveTopicAsync(CampaignTopic topic, int direction, CancellationToken ct)
    {
        var list = await SiblingsAsync(topic, ct);
        var i = list.FindIndex(t => t.Id == topic.Id);
        var j = i + Math.Sign(direction);
        if (j >= 0 && j < list.Count) (list[i], list[j]) = (list[j], list[i]);
        Renumber(list);
        await db.SaveChangesAsync(ct);
    }

    public async Task DeleteTopicAsync(CampaignTopic topic, CancellationToken ct)
    {
        var list = await SiblingsAsync(topic, ct);
        list.RemoveAll(t => t.Id == topic.Id);
        db.CampaignTopics.Remove(topic);
        Renumber(list);
        await db.SaveChangesAsync(ct);
    }

    private async Task<List<CampaignTopic>> SiblingsAsync(CampaignTopic topic, CancellationToken ct) =>
        await db.CampaignTopics.Where(t => t.CampaignId == topic.CampaignId && t.IsMustAnswer == topic.IsMustAnswer)
            .OrderBy(t => t.SortOrder).ThenBy(t => t.Id).ToListAsync(ct);

    private static void Renumber(List<CampaignTopic> list)
    {
        for (var k = 0; k < list.Count; k++)
            if (list[k].SortOrder != k + 1) list[k].Update(k + 1, list[k].Title, list[k].Text, list[k].Keywords);
    }

    // ---- cascade: the upper unit requires plan approval ----

    /// <summary>
    /// <paramref name="upper"/> requires its subordinate organizing units to submit their plan for
    /// <paramref name="year"/>; campaigns below it still in 筹备 start needing approval at once.
    /// </summary>
    public async Task<ApprovalRequirement> RequireApprovalAsync(Organization upper, int year, CancellationToken ct)
    {
        if (year is < 2000 or > 2100) throw new DomainException("Campaign.YearOutOfRange");
        if (await db.ApprovalRequirements.AnyAsync(r => r.UpperOrganizationId == upper.Id && r.Year == year, ct))
            throw new DomainException("Cp.RequirementExists", upper.Name, year);
        var requirement = ApprovalRequirement.For(upper.Id, year);
        db.ApprovalRequirements.Add(requirement);
        foreach (var c in await CampaignsBelowAsync(upper, year, ct)) c.SetPlanApprovalRequired(true);
        await db.SaveChangesAsync(ct);
        return requirement;
    }

    /// <summary>Lifts a requirement; campaigns below still in 筹备 no longer need approval unless another unit above requires it.</summary>
    public async Task RemoveRequirementAsync(ApprovalRequirement requirement, Organization upper, CancellationToken ct)
    {
        db.ApprovalRequirements.Remove(requirement);
        await db.SaveChangesAsync(ct);
        foreach (var c in await CampaignsBelowAsync(upper, requirement.Year, ct))
            if (!await ApprovalRequiredAsync(c.Organizer!, c.Year, ct)) c.SetPlanApprovalRequired(false);
        await db.SaveChangesAsync(ct);
    }

    private async Task<List<Campaign>> CampaignsBelowAsync(Organization upper, int year, CancellationToken ct) =>
        (await db.Campaigns.Include(c => c.Organizer).Where(c => c.Year == year && c.Stage == CampaignStage.Preparation).ToListAsync(ct))
        .Where(c => c.Organizer!.Path != upper.Path && OrgPath.IsWithin(c.Organizer.Path, upper.Path)).ToList();
}
