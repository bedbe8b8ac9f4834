using Shuzhi.Web.Features;
using Shuzhi.Web.Pages.Campaigns;

namespace Shuzhi.Web.Api;

public sealed record CampaignSummaryDto(int Id, int OrganizerId, string Organizer, int Year, string Title, CampaignStage Stage, string StageName,
    PlanApproval PlanApproval, string PlanApprovalName, int OpenOverdue);

public sealed record TopicDto(int Id, bool IsMustAnswer, int SortOrder, string Title, string Text, string Keywords);
public sealed record CampaignEventDto(long Id, CampaignEventKind Kind, string KindName, DateTimeOffset At, string Actor, CampaignStage? FromStage, CampaignStage? ToStage, string Comment);

public sealed record CampaignDto(int Id, int OrganizerId, string Organizer, int Year, string Title, string PlanText, string MeetingPlanText, string BasisDocuments,
    CampaignStage Stage, string StageName, PlanApproval PlanApproval, string PlanApprovalName, CampaignTimeline Timeline,
    int TermStartYear, int TermLength, int ShortTenureMonths, int? CopiedFromId, IReadOnlyList<TopicDto> Topics, IReadOnlyList<CampaignEventDto> Events);

public sealed record CampaignInput(int? OrganizerId, int? Year, string? Title, CampaignTimeline? Timeline, bool? CopyLastYear,
    string? PlanText, string? MeetingPlanText, string? BasisDocuments, int? TermStartYear, int? TermLength, int? ShortTenureMonths);

public sealed record AdvanceInput(string? Reason);
public sealed record SubmitInput(string? Comment);
public sealed record ReviewInput(bool Approve, string? Comment);

public sealed record OverdueDto(int Id, int CampaignId, string? Campaign, string? Organization, OverdueKind Kind, string KindName, DateOnly DueDate, DateOnly DetectedOn);

/// <summary>Campaigns and the cascade over /api/v1: reads in scope (out of scope is 404), writes for campaign staff only.</summary>
public static class CampaignEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/campaigns").WithTags("campaigns");
        g.MapGet("", List);
        g.MapGet("/{id:int}", Get);
        var w = g.MapGroup("").RequireAuthorization(Policies.ManageCampaigns);
        w.MapPost("", Create);
        w.MapPut("/{id:int}", Update);
        w.MapPost("/{id:int}/advance", Advance);
        w.MapPost("/{id:int}/plan/submit", Submit);
        w.MapPost("/{id:int}/plan/review", Review);
        api.MapGet("/overdue", Overdue).WithTags("campaigns");
    }

    private static async Task<Paged<CampaignSummaryDto>> List(AppDbContext db, int? year, CampaignStage? stage, string? q, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = ApiSetup.Paging(page, pageSize);
        var query = db.Campaigns.AsNoTracking();
        if (year is not null) query = query.Where(c => c.Year == year);
        if (stage is not null) query = query.Where(c => c.Stage == stage);
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(c => c.Title.Contains(q) || c.Organizer!.Name.Contains(q));
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(c => c.Year).ThenBy(c => c.Organizer!.Path).Skip((p - 1) * size).Take(size)
            .Select(c => new { c.Id, c.OrganizerId, Organizer = c.Organizer!.Name, c.Year, c.Title, c.Stage, c.PlanApproval,
                Overdue = db.OverdueItems.Count(o => o.CampaignId == c.Id && o.ResolvedOn == null) })
            .ToListAsync(ct);
        return new(rows.Select(c => new CampaignSummaryDto(c.Id, c.OrganizerId, c.Organizer, c.Year, c.Title, c.Stage, c.Stage.Name(),
            c.PlanApproval, CampaignUi.ApprovalName(c.PlanApproval), c.Overdue)).ToList(), p, size, total);
    }

    private static async Task<CampaignDto> DtoAsync(AppDbContext db, Campaign c, CancellationToken ct)
    {
        var topics = await db.CampaignTopics.AsNoTracking().Where(t => t.CampaignId == c.Id).OrderBy(t => t.IsMustAnswer).ThenBy(t => t.SortOrder).ToListAsync(ct);
        var events = await db.CampaignEvents.AsNoTracking().Where(e => e.CampaignId == c.Id).OrderBy(e => e.Id).ToListAsync(ct);
        return new CampaignDto(c.Id, c.OrganizerId, c.Organizer?.Name ?? "", c.Year, c.Title, c.PlanText, c.MeetingPlanText, c.BasisDocuments,
            c.Stage, c.Stage.Name(), c.PlanApproval, CampaignUi.ApprovalName(c.PlanApproval), c.Timeline, c.TermStartYear, c.TermLength, c.ShortTenureMonths, c.CopiedFromId,
            topics.Select(t => new TopicDto(t.Id, t.IsMustAnswer, t.SortOrder, t.Title, t.Text, t.Keywords)).ToList(),
            events.Select(e => new CampaignEventDto(e.Id, e.Kind, CampaignUi.EventName(e.Kind), e.At, e.Actor, e.FromStage, e.ToStage, e.Comment)).ToList());
    }

    private static async Task<IResult> Get(AppDbContext db, CampaignCommands commands, int id, CancellationToken ct) =>
        await commands.FindAsync(id, ct) is { } c ? TypedResults.Ok(await DtoAsync(db, c, ct)) : ApiSetup.NotFound();

    private static string FieldOf(string code) => code switch
    {
        "Campaign.DuplicateYear" or "Campaign.YearOutOfRange" => "year",
        "Campaign.TitleRequired" or "Campaign.TitleTooLong" => "title",
        "Campaign.NothingToCopy" => "copyLastYear",
        "Campaign.PlanLocked" or "Campaign.PlanTextRequired" => "planText",
        "Campaign.TermStartInvalid" => "termStartYear",
        "Campaign.TermLengthInvalid" => "termLength",
        "Campaign.ShortTenureInvalid" => "shortTenureMonths",
        "Campaign.ReportsNotApproved" => "reason",
        "Campaign.ReturnNeedsComment" => "comment",
        _ when code.StartsWith("Timeline.", StringComparison.Ordinal) => "timeline",
        _ => "",
    };

    private static IResult Invalid(DomainException e) => ApiSetup.Invalid(FieldOf(e.Code), Messages.For(e));

    private static async Task<IResult> Create(AppDbContext db, CampaignCommands commands, CampaignInput input, CancellationToken ct)
    {
        if (input.Year is not { } year || year is < 2000 or > 2100) return ApiSetup.Invalid("year", CampaignStrings.Cp_YearRequired);
        if (input.OrganizerId is null) return ApiSetup.Invalid("organizerId", CampaignStrings.Cp_OrganizerRequired);
        var organizer = await commands.OrganizingUnits().SingleOrDefaultAsync(o => o.Id == input.OrganizerId, ct);
        if (organizer is null || !commands.MayManage(organizer)) return ApiSetup.Invalid("organizerId", CampaignStrings.Cp_OrganizerNotFound);
        var timeline = input.Timeline ?? CampaignTimeline.Default(year);
        if (timeline.Validate() is [var first, ..]) return ApiSetup.Invalid("timeline", Messages.Get(first.Code, first.Args));
        try
        {
            var c = await commands.CreateAsync(organizer, year, input.Title ?? "", timeline, input.CopyLastYear ?? false, ct);
            var created = await commands.FindAsync(c.Id, ct);
            return TypedResults.Created($"/api/v1/campaigns/{c.Id}", await DtoAsync(db, created!, ct));
        }
        catch (DomainException e) { return Invalid(e); }
    }

    /// <summary>Finds the campaign in scope (else 404) and checks that the account may act on it as the organizer (else 403).</summary>
    private static async Task<(Campaign? Campaign, IResult? Fail)> ForOrganizerAsync(CampaignCommands commands, int id, CancellationToken ct)
    {
        var c = await commands.FindAsync(id, ct);
        if (c is null) return (null, ApiSetup.NotFound());
        if (!commands.MayManage(c.Organizer!)) return (null, ApiSetup.Forbidden(CampaignStrings.Cp_NotYourCampaign));
        return (c, null);
    }

    private static async Task<IResult> Update(AppDbContext db, CampaignCommands commands, int id, CampaignInput input, CancellationToken ct)
    {
        var (c, fail) = await ForOrganizerAsync(commands, id, ct);
        if (fail is not null) return fail;
        if (input.Year is { } y && y != c!.Year) return ApiSetup.Invalid("year", CampaignStrings.Cp_YearImmutable);
        try
        {
            c!.UpdatePlan(input.Title ?? c.Title, input.PlanText ?? c.PlanText, input.MeetingPlanText ?? c.MeetingPlanText, input.BasisDocuments ?? c.BasisDocuments);
            if (input.Timeline is { } t) c.SetTimeline(t);
            c.SetTerm(input.TermStartYear ?? c.TermStartYear, input.TermLength ?? c.TermLength, input.ShortTenureMonths ?? c.ShortTenureMonths);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(await DtoAsync(db, c, ct));
        }
        catch (DomainException e) { return Invalid(e); }
    }

    private static async Task<IResult> Advance(AppDbContext db, CampaignCommands commands, int id, AdvanceInput? input, CancellationToken ct)
    {
        var (c, fail) = await ForOrganizerAsync(commands, id, ct);
        if (fail is not null) return fail;
        try
        {
            await commands.AdvanceAsync(c!, input?.Reason, ct);
            return TypedResults.Ok(await DtoAsync(db, c!, ct));
        }
        catch (DomainException e) { return Invalid(e); }
    }

    private static async Task<IResult> Submit(AppDbContext db, CampaignCommands commands, int id, SubmitInput? input, CancellationToken ct)
    {
        var (c, fail) = await ForOrganizerAsync(commands, id, ct);
        if (fail is not null) return fail;
        try
        {
            await commands.SubmitPlanAsync(c!, input?.Comment, ct);
            return TypedResults.Ok(await DtoAsync(db, c!, ct));
        }
        catch (DomainException e) { return Invalid(e); }
    }

    private static async Task<IResult> Review(AppDbContext db, CampaignCommands commands, int id, ReviewInput input, CancellationToken ct)
    {
        var c = await commands.FindAsync(id, ct);
        if (c is null) return ApiSetup.NotFound();
        if (!commands.MayReview(c, c.Organizer!)) return ApiSetup.Forbidden(Messages.Get("Campaign.NotUpperUnit"));
        try
        {
            await commands.ReviewPlanAsync(c, c.Organizer!, input.Approve, input.Comment, ct);
            return TypedResults.Ok(await DtoAsync(db, c, ct));
        }
        catch (DomainException e) { return Invalid(e); }
    }

    private static async Task<Paged<OverdueDto>> Overdue(AppDbContext db, int? campaignId, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = ApiSetup.Paging(page, pageSize);
        var rows = OverdueModel.Open(db);
        if (campaignId is { } cid) rows = rows.Where(r => r.CampaignId == cid);
        var total = await rows.CountAsync(ct);
        var items = await rows.OrderBy(r => r.DueDate).ThenBy(r => r.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new(items.Select(r => new OverdueDto(r.Id, r.CampaignId, r.Campaign, r.Organization, r.Kind, CampaignUi.OverdueName(r.Kind), r.DueDate, r.DetectedOn)).ToList(), p, size, total);
    }
}
