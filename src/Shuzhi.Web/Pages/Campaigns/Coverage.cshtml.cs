using Shuzhi.Web.Documents;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Campaigns;

/// <summary>
/// Term coverage (seed 002 三.2): per unit the years of the current term it debriefed on-site, this
/// year's choice, and a flag when the unit would go through the whole term without an on-site debrief.
/// </summary>
public sealed class CoverageModel(TrackCommands cmd, CampaignCommands campaigns, AppDbContext db) : PageModel
{
    public Campaign Campaign { get; private set; } = null!;
    public IReadOnlyList<int> TermYears { get; private set; } = [];
    public IReadOnlyList<Line> Lines { get; private set; } = [];

    public sealed record Line(Organization Org, Coverage Coverage, string? TrackName, DebriefMode? Mode)
    {
        public string Choice => Mode is { } m ? $"{TrackName}（{m.Name()}）" : TrackStrings.Coverage_NotReporting;
        public string Status => Coverage.WillMissTerm ? TrackStrings.Coverage_WillMiss
            : Coverage.Covered ? TrackStrings.Coverage_Covered
            : string.Format(TrackStrings.Coverage_YearsLeft, Coverage.YearsLeft);
    }

    public async Task<IActionResult> OnGetAsync(int campaignId, CancellationToken ct)
    {
        if (!await LoadAsync(campaignId, ct)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(int campaignId, CancellationToken ct)
    {
        if (!await LoadAsync(campaignId, ct)) return NotFound();
        var headers = new List<string> { TrackStrings.Col_Code, TrackStrings.Col_Organization };
        headers.AddRange(TermYears.Select(y => string.Format(TrackStrings.Tabs_Year, y)));
        headers.AddRange([TrackStrings.Coverage_Choice, TrackStrings.Coverage_Status]);
        var sheet = new XlsxSheet(TrackStrings.Tabs_Coverage, headers, Lines.Select(l =>
        {
            var row = new List<object?> { l.Org.Code, l.Org.Name };
            row.AddRange(TermYears.Select(y => (object?)(l.Coverage.YearsOnSite.Contains(y) ? TrackStrings.Coverage_OnSiteMark : "")));
            row.AddRange([l.Choice, l.Status]);
            return (IReadOnlyList<object?>)row;
        }));
        db.Audit("export", "TermCoverage", null, $"{{\"campaignId\":{Campaign.Id}}}", Campaign.Organizer?.Path);
        await db.SaveChangesAsync(ct);
        return XlsxResult.File(this, [sheet], $"{Campaign.Year}{TrackStrings.Export_CoverageName}");
    }

    private async Task<bool> LoadAsync(int campaignId, CancellationToken ct)
    {
        if (await cmd.FindAsync(campaignId, ct) is not { } c) return false;
        Campaign = c;
        var (start, end) = TermCoverage.TermOf(c.Year, c.TermStartYear, c.TermLength);
        TermYears = Enumerable.Range(start, end - start + 1).ToList();
        var tracks = (await cmd.TracksAsync(c.Id, ct)).ToDictionary(t => t.Id);
        var choice = await db.CampaignReporters.Where(r => r.CampaignId == c.Id).Select(r => new { r.OrganizationId, r.TrackId }).ToListAsync(ct);
        var byOrg = choice.GroupBy(x => x.OrganizationId).ToDictionary(g => g.Key, g => tracks[g.First().TrackId]);
        Lines = (await campaigns.CoverageAsync(c, ct))
            .Select(x => byOrg.TryGetValue(x.Org.Id, out var t) ? new Line(x.Org, x.Coverage, t.Name, t.Mode) : new Line(x.Org, x.Coverage, null, null))
            .ToList();
        return true;
    }
}
