using Shuzhi.Domain.Reports;
using Shuzhi.Domain.Scoring;

namespace Shuzhi.Web.Features;

/// <summary>One year's participation of an organization or a person: the campaign, the track, the report, the decided grade.</summary>
public sealed record HistoryRow(int Year, int CampaignId, string CampaignTitle, string? Organizer, string Track, DebriefMode Mode,
    int ReporterId, int OrganizationId, string Organization, int? PersonId, string? Person, ReportStatus? ReportStatus,
    Grade? Grade, Opinion? Opinion, ConsequenceSet? Consequences);

/// <summary>
/// The history pages (issue 8): every campaign a unit or a person reported in, newest year first, read in a few
/// queries through the scope filters. Grades and opinions come from locked deliberations only (an open one is not a
/// decision yet), and the consequences are the domain's (Consequences.For) on the decision date.
/// The meeting tally is computed on demand by the organizer's staff and not stored, so it is not shown here.
/// </summary>
public sealed class HistoryQueries(AppDbContext db, DashboardQueries dashboard)
{
    public Task<IReadOnlyList<HistoryRow>> OfOrganizationAsync(int id, CancellationToken ct) =>
        RowsAsync(db.CampaignReporters.Where(r => r.OrganizationId == id), id, null, ct);

    public Task<IReadOnlyList<HistoryRow>> OfPersonAsync(int id, CancellationToken ct) =>
        RowsAsync(db.CampaignReporters.Where(r => r.PersonId == id), null, id, ct);

    private async Task<IReadOnlyList<HistoryRow>> RowsAsync(IQueryable<CampaignReporter> reporters, int? organizationId, int? personId, CancellationToken ct)
    {
        var rows = await (from r in reporters
                          join c in db.Campaigns on r.CampaignId equals c.Id
                          join t in db.Tracks on r.TrackId equals t.Id
                          orderby c.Year descending, c.Id
                          select new
                          {
                              c.Year, CampaignId = c.Id, c.Title, t.Name, t.Mode, ReporterId = r.Id, r.OrganizationId, r.PersonId,
                              Organizer = db.Organizations.Where(o => o.Id == c.OrganizerId).Select(o => o.Name).FirstOrDefault(),
                              Organization = db.Organizations.Where(o => o.Id == r.OrganizationId).Select(o => o.Name).FirstOrDefault(),
                              Person = db.People.Where(p => p.Id == r.PersonId).Select(p => p.Name).FirstOrDefault(),
                              Status = db.Reports.Where(x => x.CampaignReporterId == r.Id).Select(x => (ReportStatus?)x.Status).FirstOrDefault(),
                          }).ToListAsync(ct);
        var decided = await dashboard.DecidedForAsync(organizationId, personId, ct);
        return rows.Select(x =>
        {
            var d = decided.GetValueOrDefault(x.ReporterId);
            var grade = d is null ? (Grade?)null : (Grade)d.Grade;
            var opinion = d is null ? null : new Opinion(d.Achievements ?? "", d.Problems ?? "", d.Direction ?? "");
            var consequences = grade is { } g && d!.MeetingDate is { } on ? Consequences.For(g, on) : null;
            return new HistoryRow(x.Year, x.CampaignId, x.Title, x.Organizer, x.Name, x.Mode, x.ReporterId, x.OrganizationId, x.Organization ?? "",
                x.PersonId, x.Person, x.Status, grade, opinion, consequences);
        }).ToList();
    }
}
