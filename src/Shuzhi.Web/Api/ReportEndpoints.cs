using System.Security.Claims;
using Shuzhi.Domain.Reports;
using Shuzhi.Web.Features;
using Shuzhi.Web.Pages.Reports;

namespace Shuzhi.Web.Api;

/// <summary>One line of the report list. <paramref name="Id"/> is the campaign reporter's id, the report's address (as in /Reports/Edit/{id}).</summary>
public sealed record ReportSummaryDto(int Id, int? ReportId, int CampaignId, int Year, string Campaign, string Track, string Organization,
    ReportStatus Status, string StatusName, bool HasReport, DateTimeOffset? SubmittedAt, DateTimeOffset? ApprovedAt, DateOnly Deadline, bool IsLate,
    bool MayWrite, bool IsReviewer);

public sealed record ReportSectionDto(string Key, int Level, string Heading, bool Required, string Text);
public sealed record ReportRectificationDto(int ItemId, string Text, string Source, string Response);
public sealed record ReportCheckDto(string Rule, string State, RuleSeverity Severity, string Label, string Message, IReadOnlyList<string> Items);
public sealed record ReportChecksDto(bool CanSubmit, int Total, IReadOnlyList<ReportCheckDto> Results);
public sealed record ReportVersionSummaryDto(int Number, DateTimeOffset SubmittedAt, string SubmittedBy);

public sealed record ReportDto(int Id, int? ReportId, int CampaignId, string Campaign, string Track, string Organization, string? Person,
    ReportStatus Status, string StatusName, bool Editable, DateOnly Deadline, bool IsLate, DateTimeOffset? LastSavedAt, DateTimeOffset? SubmittedAt,
    DateTimeOffset? ApprovedAt, string? ReturnReason, IReadOnlyList<ReportSectionDto> Sections, IReadOnlyList<ReportRectificationDto> Rectification,
    ReportChecksDto Checks, IReadOnlyList<ReportVersionSummaryDto> Versions);

public sealed record ReportVersionDto(int Number, DateTimeOffset SubmittedAt, string SubmittedBy, IReadOnlyList<ReportSectionDto> Sections,
    IReadOnlyList<ReportRectificationDto> Rectification);

/// <summary>Section texts by outline key and responses by rectification item id; what is not sent keeps its stored text.</summary>
public sealed record ReportDraftInput(Dictionary<string, string?>? Sections, Dictionary<int, string?>? Responses);
public sealed record ReportReturnInput(string? Reason);

/// <summary>
/// Debrief reports over /api/v1, through the same <see cref="ReportCommands"/> as the report pages: the scope filters
/// (out of scope is 404 like a missing id), the writers (the reporter's secretary, the organizer's own staff), the
/// readers (writers and the assigned reviewer) and the reviewer (approve, return with a reason). A report is addressed
/// by its campaign reporter's id.
/// </summary>
public static class ReportEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/reports").WithTags("reports");
        g.MapGet("", List);
        g.MapGet("/{id:int}", Get);
        g.MapPut("/{id:int}/draft", SaveDraft);
        g.MapPost("/{id:int}/submit", Submit);
        g.MapPost("/{id:int}/approve", Approve);
        g.MapPost("/{id:int}/return", Return);
        g.MapGet("/{id:int}/versions/{n:int}", Version);
    }

    private static async Task<Paged<ReportSummaryDto>> List(ReportCommands cmd, ClaimsPrincipal user, int? campaignId, ReportStatus? status, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = ApiSetup.Paging(page, pageSize);
        var (rows, total) = await cmd.PageAsync(new ReportFilter(campaignId, status), (p - 1) * size, size, count: true, ct);
        var me = ReportCommands.UserId(user);
        return new(rows.Select(r => new ReportSummaryDto(r.ReporterId, r.ReportId, r.CampaignId, r.Year, r.CampaignTitle, r.TrackName, r.OrganizationName,
            r.Status, ReportUi.StatusName(r.Status), r.HasReport, r.SubmittedAt, r.ApprovedAt, r.Deadline, r.IsLate,
            cmd.MayWriteRow(user, r), r.ReviewerUserId is { } rid && rid == me)).ToList(), p, size, total);
    }

    private static async Task<IResult> Get(ReportCommands cmd, TimeProvider clock, ClaimsPrincipal user, int id, CancellationToken ct)
    {
        if (await cmd.FindAsync(id, ct) is not { } c) return ApiSetup.NotFound();
        if (!await cmd.MayReadAsync(user, c.Reporter, ct)) return ApiSetup.Forbidden(ReportStrings.Rp_Api_NotReader);
        return TypedResults.Ok(await DtoAsync(cmd, clock, c, ct));
    }

    private static async Task<IResult> SaveDraft(ReportCommands cmd, TimeProvider clock, ClaimsPrincipal user, int id, ReportDraftInput? input, CancellationToken ct)
    {
        if (await cmd.FindAsync(id, ct) is not { } c) return ApiSetup.NotFound();
        if (!await cmd.MayWriteAsync(user, c.Reporter, ct)) return ApiSetup.Forbidden(ReportStrings.Report_NotWriter);
        if (input is null || input.Sections is null && input.Responses is null) return ApiSetup.Invalid("sections", ReportStrings.Rp_Api_BodyRequired);
        if (UnknownSection(c, input) is { } problem) return problem;
        try
        {
            await cmd.SaveDraftAsync(user, c, TextOf(c, input), ct);
            return TypedResults.Ok(await DtoAsync(cmd, clock, (await cmd.FindAsync(id, ct))!, ct));
        }
        catch (DomainException e) { return Invalid(e); }
    }

    /// <summary>Submits the stored draft, or the text sent with it (saved as the draft first, as the editor does).</summary>
    private static async Task<IResult> Submit(ReportCommands cmd, TimeProvider clock, ClaimsPrincipal user, int id, ReportDraftInput? input, CancellationToken ct)
    {
        if (await cmd.FindAsync(id, ct) is not { } c) return ApiSetup.NotFound();
        if (!await cmd.MayWriteAsync(user, c.Reporter, ct)) return ApiSetup.Forbidden(ReportStrings.Report_NotWriter);
        if (input is not null && UnknownSection(c, input) is { } problem) return problem;
        try
        {
            await cmd.SubmitAsync(user, c, input is null ? c.Text : TextOf(c, input), ct);
        }
        catch (DomainException e) when (e.Code == "Report.ChecksFailed")
        {
            // Name each blocking check that failed, as the editor lists them.
            var fresh = await cmd.FindAsync(id, ct) ?? c;
            var errors = new Dictionary<string, string[]> { [""] = [Messages.For(e)] };
            foreach (var r in (await cmd.CheckAsync(fresh, fresh.Text, ct)).Results.Where(r => r.Blocks))
                errors["checks." + r.RuleId] = [ReportUi.Message(r)];
            return ApiSetup.Invalid(errors);
        }
        catch (DomainException e) { return Invalid(e); }
        return TypedResults.Ok(await DtoAsync(cmd, clock, (await cmd.FindAsync(id, ct))!, ct));
    }

    private static async Task<IResult> Approve(ReportCommands cmd, TimeProvider clock, ClaimsPrincipal user, int id, CancellationToken ct)
    {
        if (await cmd.FindAsync(id, ct) is not { } c) return ApiSetup.NotFound();
        if (!ReportCommands.IsReviewer(user, c.Reporter)) return await NotReviewerAsync(cmd, user, c, ct);
        try
        {
            await cmd.ApproveAsync(user, c, ct);
            return TypedResults.Ok(await DtoAsync(cmd, clock, (await cmd.FindAsync(id, ct))!, ct));
        }
        catch (DomainException e) { return Invalid(e); }
    }

    private static async Task<IResult> Return(ReportCommands cmd, TimeProvider clock, ClaimsPrincipal user, int id, ReportReturnInput? input, CancellationToken ct)
    {
        if (await cmd.FindAsync(id, ct) is not { } c) return ApiSetup.NotFound();
        if (!ReportCommands.IsReviewer(user, c.Reporter)) return await NotReviewerAsync(cmd, user, c, ct);
        try
        {
            await cmd.ReturnAsync(user, c, input?.Reason, ct);
            return TypedResults.Ok(await DtoAsync(cmd, clock, (await cmd.FindAsync(id, ct))!, ct));
        }
        catch (DomainException e) { return Invalid(e); }
    }

    /// <summary>403 either way, as on the review page: a reader who is not the reviewer, or someone who may not even read the report.</summary>
    private static async Task<IResult> NotReviewerAsync(ReportCommands cmd, ClaimsPrincipal user, ReporterContext c, CancellationToken ct) =>
        ApiSetup.Forbidden(await cmd.MayReadAsync(user, c.Reporter, ct) ? ReportStrings.Report_NotYours : ReportStrings.Rp_Api_NotReader);

    private static async Task<IResult> Version(ReportCommands cmd, ClaimsPrincipal user, int id, int n, CancellationToken ct)
    {
        if (await cmd.FindAsync(id, ct) is not { } c) return ApiSetup.NotFound();
        if (!await cmd.MayReadAsync(user, c.Reporter, ct)) return ApiSetup.Forbidden(ReportStrings.Rp_Api_NotReader);
        if ((await cmd.VersionsAsync(id, ct)).FirstOrDefault(v => v.Number == n) is not { } v) return ApiSetup.NotFound();
        return TypedResults.Ok(new ReportVersionDto(v.Number, v.SubmittedAt, v.SubmittedBy, Sections(c, v.Text), Responses(c, v.Text)));
    }

    private static IResult? UnknownSection(ReporterContext c, ReportDraftInput input)
    {
        var keys = c.Track.Outline.Sections.Select(s => s.Key).ToList();
        var unknown = (input.Sections ?? []).Keys.FirstOrDefault(k => !keys.Contains(k));
        return unknown is null ? null
            : ApiSetup.Invalid("sections", string.Format(ReportStrings.Rp_Api_UnknownSection, unknown, string.Join("、", keys)));
    }

    /// <summary>The posted sections in outline order (a section not sent keeps its text) through the editor's <see cref="ReportCommands.TextFrom(ReporterContext, IReadOnlyList{string?}, IReadOnlyDictionary{int, string?}?)"/>.</summary>
    private static ReportText TextOf(ReporterContext c, ReportDraftInput input)
    {
        var texts = c.Track.Outline.Sections
            .Select(s => input.Sections is not null && input.Sections.TryGetValue(s.Key, out var t) ? t ?? "" : c.Text.Section(s.Key)).ToList();
        return ReportCommands.TextFrom(c, texts, input.Responses);
    }

    private static List<ReportSectionDto> Sections(ReporterContext c, ReportText text) =>
        c.Track.Outline.Sections.Select(s => new ReportSectionDto(s.Key, s.Level, s.Heading, s.Required, text.Section(s.Key))).ToList();

    private static List<ReportRectificationDto> Responses(ReporterContext c, ReportText text) =>
        c.RectificationItems.Select(i => new ReportRectificationDto(i.Id, i.Text, i.Source, text.Response(i.Id))).ToList();

    private static async Task<ReportDto> DtoAsync(ReportCommands cmd, TimeProvider clock, ReporterContext c, CancellationToken ct)
    {
        var r = c.Report;
        var deadline = c.Campaign.Timeline.ReportDeadline;
        var checks = await cmd.CheckAsync(c, c.Text, ct);
        var versions = await cmd.VersionsAsync(c.Reporter.Id, ct);
        return new ReportDto(c.Reporter.Id, r?.Id, c.Campaign.Id, c.Campaign.Title, c.Track.Name, c.OrganizationName, c.PersonName,
            c.Status, ReportUi.StatusName(c.Status), r?.IsEditable ?? true, deadline,
            r?.IsLate(deadline, cmd.Today, clock.LocalTimeZone) ?? Report.IsLateWithoutReport(deadline, cmd.Today),
            r?.LastSavedAt, r?.SubmittedAt, r?.ApprovedAt, r?.ReturnReason, Sections(c, c.Text), Responses(c, c.Text),
            new ReportChecksDto(checks.CanSubmit, checks.Statistics.Total, checks.Results.Select(x => new ReportCheckDto(x.RuleId, ReportUi.CheckState(x), x.Severity,
                x.Severity == RuleSeverity.Blocking ? ReportStrings.Rp_Blocking : ReportStrings.Rp_Advisory, ReportUi.Message(x), x.Items)).ToList()),
            versions.Select(v => new ReportVersionSummaryDto(v.Number, v.SubmittedAt, v.SubmittedBy)).ToList());
    }

    private static IResult Invalid(DomainException e) => ApiSetup.Invalid(e.Code switch
    {
        "Report.ReturnReasonRequired" or "Report.ReturnReasonTooLong" => "reason",
        "Report.SectionTooLong" => "sections",
        "Rr.ResponseTooLong" => "responses",
        _ => "",
    }, Messages.For(e));
}
