using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shuzhi.Domain.Organizations;
using Shuzhi.Domain.Reports;
using Shuzhi.Web.Data;
using Shuzhi.Web.Infrastructure;
using Shuzhi.Web.Tests.Campaigns;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Reports;

/// <summary>Builders for the report tests: a town campaign with its two villages reporting, and a scoped database context.</summary>
public static class ReportTestKit
{
    public sealed record Setup(int CampaignId, int TrackId, int Reporter1, int Reporter2);

    /// <summary>A campaign of <paramref name="county"/>'s town for <paramref name="year"/> (timeline default unless given), one track, both villages reporting.</summary>
    public static async Task<Setup> TownCampaignAsync(ShuzhiFactory f, TestData.County county, int year, Domain.Campaigns.CampaignTimeline? timeline = null,
        Domain.Campaigns.DebriefMode mode = Domain.Campaigns.DebriefMode.Written)
    {
        var id = await CampaignTestKit.CampaignAsync(f, county.Town.Id, year, timeline: timeline);
        var track = await CampaignTestKit.TrackAsync(f, id, "村（社区）党组织书记", mode);
        await CampaignTestKit.ReportersAsync(f, id, track, county.Village1.Id, county.Village2.Id);
        var ids = await f.WithDbAsync(async (db, _) => await db.CampaignReporters.Where(r => r.CampaignId == id).OrderBy(r => r.SortOrder)
            .Select(r => new { r.Id, r.OrganizationId }).ToListAsync());
        return new Setup(id, track, ids.Single(x => x.OrganizationId == county.Village1.Id).Id, ids.Single(x => x.OrganizationId == county.Village2.Id).Id);
    }

    /// <summary>Runs <paramref name="work"/> with a context scoped to <paramref name="org"/>'s subtree, as an account bound there reads.</summary>
    public static async Task<T> AsOrgAsync<T>(ShuzhiFactory f, Organization org, Func<AppDbContext, Task<T>> work)
    {
        await using var scope = f.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(OrgScope.Subtree(org.Path), org.Id);
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>Stores a draft for a reporter directly (unrestricted).</summary>
    public static Task<int> DraftAsync(ShuzhiFactory f, int reporterId, ReportText text) => f.WithDbAsync(async (db, sp) =>
    {
        var r = await db.Reports.SingleOrDefaultAsync(x => x.CampaignReporterId == reporterId);
        if (r is null) { r = Report.Start(reporterId); db.Reports.Add(r); }
        r.SaveDraft(text, f.Clock.GetUtcNow());
        await db.SaveChangesAsync();
        return r.Id;
    });
}
