using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Shuzhi.Domain.Scoring;

namespace Shuzhi.Web.Features;

/// <summary>A reporter as the inspection pages list it: organization, person, track, inspector and the sheet's state.</summary>
public sealed record InspectionRow(int ReporterId, int CampaignId, string CampaignTitle, int TrackId, string TrackName, string OrganizationName,
    string? PersonName, string? InspectorUserId, int? SheetId, SheetState? State);

/// <summary>
/// Field inspection (实地考核, issue #6): the track's sheet template, the inspector (检查人员) assigned to each reporter,
/// and the sheet the inspector fills and submits (locked), reopened by the organizer's staff with a reason.
/// Everything is read through the scope filters; entity changes are audited, assignments and reopenings explicitly too.
/// </summary>
public sealed class InspectionCommands(AppDbContext db, TimeProvider clock, CampaignCommands campaigns)
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    public Task<Campaign?> FindCampaignAsync(int campaignId, CancellationToken ct) => campaigns.FindAsync(campaignId, ct);

    /// <summary>The organizer's own staff (or an administrator): they set templates, assign and reopen.</summary>
    public bool IsOrganizerStaff(ClaimsPrincipal user, int organizerId) => campaigns.IsOrganizerStaff(user, organizerId);

    public async Task<SheetTemplate?> TemplateAsync(int trackId, CancellationToken ct) =>
        (await db.TrackSheets.AsNoTracking().SingleOrDefaultAsync(s => s.TrackId == trackId, ct))?.Template;

    /// <summary>Stores the track's template after the domain's checks (items' maxima sum to the total …).</summary>
    public async Task SetTemplateAsync(ClaimsPrincipal user, Campaign campaign, Track track, SheetTemplate template, CancellationToken ct)
    {
        if (!IsOrganizerStaff(user, campaign.OrganizerId)) throw new DomainException("Cp.NotYourCampaign");
        template.EnsureValid();
        var row = await db.TrackSheets.SingleOrDefaultAsync(s => s.TrackId == track.Id, ct);
        if (row is null) db.TrackSheets.Add(new TrackSheet { TrackId = track.Id, Template = template });
        else row.Template = template;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Inspector accounts (检查人员) bound to an organization of the organizer's subtree.</summary>
    public async Task<IReadOnlyList<AppUser>> InspectorCandidatesAsync(Campaign campaign, CancellationToken ct)
    {
        var organizer = await db.Organizations.Where(o => o.Id == campaign.OrganizerId).Select(o => o.Path).SingleOrDefaultAsync(ct);
        if (organizer is null) return [];
        var orgIds = db.Subtree(organizer).Select(o => o.Id);
        var roleIds = db.Roles.Where(r => r.Name == Roles.Inspector).Select(r => r.Id);
        return await db.ScopedUsers()
            .Where(u => u.ScopeOrganizationId != null && orgIds.Contains(u.ScopeOrganizationId.Value)
                && db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)))
            .OrderBy(u => u.UserName).Take(500).ToListAsync(ct);
    }

    /// <summary>The reporters of a campaign with inspector and sheet state (field inspection), in track and list order.</summary>
    public async Task<List<InspectionRow>> RowsAsync(int campaignId, string? inspectorUserId, CancellationToken ct)
    {
        var q = from r in db.CampaignReporters
                where r.CampaignId == campaignId
                join c in db.Campaigns on r.CampaignId equals c.Id
                join t in db.Tracks on r.TrackId equals t.Id
                join o in db.Organizations on r.OrganizationId equals o.Id
                let a = db.InspectorAssignments.FirstOrDefault(a => a.ReporterId == r.Id)
                where inspectorUserId == null || (a != null && a.InspectorUserId == inspectorUserId)
                let s = db.InspectionSheets.Where(s => s.ReporterId == r.Id && s.Kind == SheetKind.FieldInspection && a != null && s.InspectorUserId == a.InspectorUserId)
                    .OrderByDescending(s => s.Id).FirstOrDefault()
                orderby t.SortOrder, t.Id, r.SortOrder, r.Id
                select new InspectionRow(r.Id, c.Id, c.Title, t.Id, t.Name, o.Name,
                    db.People.Where(p => p.Id == r.PersonId).Select(p => p.Name).FirstOrDefault(),
                    a == null ? null : a.InspectorUserId, s == null ? null : s.Id, s == null ? null : s.State);
        return await q.ToListAsync(ct);
    }

    /// <summary>The reporters assigned to <paramref name="inspectorUserId"/> over all campaigns in scope.</summary>
    public async Task<List<InspectionRow>> MineAsync(string inspectorUserId, CancellationToken ct)
    {
        var campaignIds = await db.InspectorAssignments.Where(a => a.InspectorUserId == inspectorUserId).Select(a => a.CampaignId).Distinct().ToListAsync(ct);
        var rows = new List<InspectionRow>();
        foreach (var id in campaignIds.OrderByDescending(i => i)) rows.AddRange(await RowsAsync(id, inspectorUserId, ct));
        return rows;
    }

    /// <summary>Assigns the inspector of a reporter (or clears it with null): the organizer's own staff only; audited.</summary>
    public async Task AssignAsync(ClaimsPrincipal user, Campaign campaign, CampaignReporter reporter, string? userId, CancellationToken ct)
    {
        if (!IsOrganizerStaff(user, reporter.OrganizerId)) throw new DomainException("Cp.NotYourCampaign");
        AppUser? inspector = null;
        var path = await db.Organizations.Where(o => o.Id == reporter.OrganizationId).Select(o => o.Path).SingleOrDefaultAsync(ct);
        if (!string.IsNullOrWhiteSpace(userId))
        {
            inspector = (await InspectorCandidatesAsync(campaign, ct)).FirstOrDefault(u => u.Id == userId)
                ?? throw new DomainException("Insp.InspectorInvalid");
            // The inspector must see the reporter through the scope filters: bound to it or to an organization above it.
            var inspectorPath = await db.Organizations.Where(o => o.Id == inspector.ScopeOrganizationId).Select(o => o.Path).SingleOrDefaultAsync(ct);
            if (inspectorPath is null || path is null || !path.StartsWith(inspectorPath, StringComparison.Ordinal))
                throw new DomainException("Insp.InspectorOutOfReach");
        }
        var row = await db.InspectorAssignments.SingleOrDefaultAsync(a => a.ReporterId == reporter.Id, ct);
        if (inspector is null) { if (row is not null) db.InspectorAssignments.Remove(row); }
        else if (row is null) db.InspectorAssignments.Add(new InspectorAssignment { CampaignId = campaign.Id, ReporterId = reporter.Id, InspectorUserId = inspector.Id });
        else row.InspectorUserId = inspector.Id;
        db.Audit("assign-inspector", nameof(CampaignReporter), reporter.Id.ToString(CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(new { campaignId = campaign.Id, inspector = inspector?.UserName }, Json), path);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Whether <paramref name="user"/> is the inspector assigned to the reporter.</summary>
    public Task<bool> IsAssignedAsync(ClaimsPrincipal user, int reporterId, CancellationToken ct)
    {
        var id = UserId(user);
        return db.InspectorAssignments.AnyAsync(a => a.ReporterId == reporterId && a.InspectorUserId == id, ct);
    }

    /// <summary>The inspector's field-inspection sheet of the reporter, if started.</summary>
    public Task<InspectionSheet?> SheetAsync(int reporterId, string inspectorUserId, CancellationToken ct) =>
        db.InspectionSheets.Where(s => s.ReporterId == reporterId && s.Kind == SheetKind.FieldInspection && s.InspectorUserId == inspectorUserId)
            .OrderByDescending(s => s.Id).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Saves the assigned inspector's points and notes (a draft may be partial; every point is checked against its
    /// item's maximum) and, with <paramref name="submit"/>, locks the sheet. The first save copies the track's template.
    /// </summary>
    public async Task<InspectionSheet> SaveAsync(ClaimsPrincipal user, CampaignReporter reporter, SheetScores scores, bool submit, CancellationToken ct)
    {
        if (!await IsAssignedAsync(user, reporter.Id, ct)) throw new DomainException("Insp.NotAssigned");
        var userId = UserId(user);
        var sheet = await SheetAsync(reporter.Id, userId, ct);
        if (sheet is null)
        {
            var template = await TemplateAsync(reporter.TrackId, ct) ?? throw new DomainException("Insp.NoTemplate");
            var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName == "" ? u.UserName : u.DisplayName).SingleOrDefaultAsync(ct) ?? "";
            sheet = InspectionSheet.ForTemplate(reporter.TrackId, reporter.Id, SheetKind.FieldInspection, template, userId, name, null);
            db.InspectionSheets.Add(sheet);
        }
        sheet.Fill(scores);
        if (submit)
        {
            sheet.Submit(clock.GetUtcNow());
            var path = await db.Organizations.Where(o => o.Id == reporter.OrganizationId).Select(o => o.Path).SingleOrDefaultAsync(ct);
            db.Audit("submit-sheet", nameof(InspectionSheet), reporter.Id.ToString(CultureInfo.InvariantCulture),
                JsonSerializer.Serialize(new { reporterId = reporter.Id, total = sheet.Result()?.Total }, Json), path);
        }
        await db.SaveChangesAsync(ct);
        return sheet;
    }

    /// <summary>The organizer's staff reopen a submitted sheet with a reason, kept on the sheet and in the audit.</summary>
    public async Task ReopenAsync(ClaimsPrincipal user, CampaignReporter reporter, int sheetId, string reason, CancellationToken ct)
    {
        if (!IsOrganizerStaff(user, reporter.OrganizerId)) throw new DomainException("Cp.NotYourCampaign");
        var sheet = await db.InspectionSheets.SingleOrDefaultAsync(s => s.Id == sheetId && s.ReporterId == reporter.Id, ct)
            ?? throw new DomainException("Insp.SheetNotFound");
        sheet.Reopen(reason ?? "", UserId(user), clock.GetUtcNow());
        var path = await db.Organizations.Where(o => o.Id == reporter.OrganizationId).Select(o => o.Path).SingleOrDefaultAsync(ct);
        db.Audit("reopen-sheet", nameof(InspectionSheet), sheet.Id.ToString(CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(new { reporterId = reporter.Id, reason = reason!.Trim() }, Json), path);
        await db.SaveChangesAsync(ct);
    }
}
