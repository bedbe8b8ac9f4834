using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shuzhi.Domain.Organizations;
using Shuzhi.Domain.Campaigns;
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

    /// <summary>A campaign of <paramref name="county"/>'s town for <paramref name="year"/> (timeline default unless given), one track, both villages reporting, moved on to <paramref name="stage"/>.</summary>
    public static async Task<Setup> TownCampaignAsync(ShuzhiFactory f, TestData.County county, int year, Domain.Campaigns.CampaignTimeline? timeline = null,
        Domain.Campaigns.DebriefMode mode = Domain.Campaigns.DebriefMode.Written, Domain.Campaigns.CampaignStage stage = Domain.Campaigns.CampaignStage.Writing)
    {
        var id = await CampaignTestKit.CampaignAsync(f, county.Town.Id, year, timeline: timeline);
        var track = await CampaignTestKit.TrackAsync(f, id, "村（社区）党组织书记", mode);
        await CampaignTestKit.ReportersAsync(f, id, track, county.Village1.Id, county.Village2.Id);
        await StageAsync(f, id, stage);
        var ids = await f.WithDbAsync(async (db, _) => await db.CampaignReporters.Where(r => r.CampaignId == id).OrderBy(r => r.SortOrder)
            .Select(r => new { r.Id, r.OrganizationId }).ToListAsync());
        return new Setup(id, track, ids.Single(x => x.OrganizationId == county.Village1.Id).Id, ids.Single(x => x.OrganizationId == county.Village2.Id).Id);
    }

    /// <summary>Moves the campaign forward to <paramref name="stage"/> (reports are written from 撰写述职报告 on); missing reports overridden.</summary>
    public static Task StageAsync(ShuzhiFactory f, int campaignId, Domain.Campaigns.CampaignStage stage) => f.WithDbAsync(async (db, _) =>
    {
        var c = await db.Campaigns.SingleAsync(x => x.Id == campaignId);
        while (c.Stage < stage) c.Advance(0, "测试推进");
        await db.SaveChangesAsync();
        return 0;
    });

    /// <summary>A Supervisor (包片领导) account bound to <paramref name="orgId"/>, assigned as reviewer of <paramref name="reporterId"/>.</summary>
    public static Task<string> ReviewerAsync(ShuzhiFactory f, int orgId, string userName, int? reporterId) => f.WithDbAsync(async (db, sp) =>
    {
        var u = await TestData.AccountAsync(sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>(), userName, Shuzhi.Web.Infrastructure.Roles.Supervisor, orgId);
        if (reporterId is { } id)
        {
            (await db.CampaignReporters.SingleAsync(r => r.Id == id)).AssignReviewer(u.Id);
            await db.SaveChangesAsync();
        }
        return u.Id;
    });

    public static Task<Report?> ReportAsync(ShuzhiFactory f, int reporterId) =>
        f.WithDbAsync(async (db, _) => await db.Reports.AsNoTracking().SingleOrDefaultAsync(r => r.CampaignReporterId == reporterId));

    /// <summary>Runs <paramref name="work"/> with a context scoped to <paramref name="org"/>'s subtree, as an account bound there reads.</summary>
    public static async Task<T> AsOrgAsync<T>(ShuzhiFactory f, Organization org, Func<AppDbContext, Task<T>> work)
    {
        await using var scope = f.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(OrgScope.Subtree(org.Path), org.Id);
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    // 16 characters with nothing any check looks for.
    private const string Filler = "持续加强基层建设推动工作落实见效";

    /// <summary>Four figures, 我, and every keyword of the default focus contents and 必答题. </summary>
    public const string AchievementsLead = "我带头讲党课12次，发展入党积极分子3名，开展主题党日8场，帮扶困难群众15户。我坚持学习贯彻党的创新理论，做到两个维护，履行第一责任人职责和主体责任，抓好党支部建设和党员队伍建设，发挥战斗堡垒和先锋模范作用，落实党风廉政和意识形态责任，围绕拼经济、搞建设、防风险、保安全开展工作。";
    public const string ProblemsLead = "一是理论学习不够深入。二是组织生活质量不高。三是党员管理不够严格。以上问题究其原因，主要在于我责任意识不强。";
    public const string PlansLead = "一是加强学习。";

    public static string Part(string lead, int characters)
    {
        var need = characters - WordCount.Characters(lead);
        if (need < 0) throw new ArgumentException("lead too long");
        var text = need == 0 ? lead : lead + "\n" + string.Concat(Enumerable.Repeat(Filler, need / Filler.Length + 1))[..need];
        if (WordCount.Characters(text) != characters) throw new InvalidOperationException("miscounted");
        return text;
    }

    /// <summary>The seven fields of the seed-003 outline in order: achievements, its four sub-parts (empty), problems, plans.</summary>
    public static string[] Seed003Texts(int achievements, int problems, int plans) =>
        [Part(AchievementsLead, achievements), "", "", "", "", Part(ProblemsLead, problems), Part(PlansLead, plans)];

    /// <summary>1600 characters, problems 540 (33.75 % ≥ 1/3): every blocking check passes.</summary>
    public static string[] Good => Seed003Texts(1000, 540, 60);

    /// <summary>Problems 500 of 1600 (31.25 %): the blocking share check fails.</summary>
    public static string[] ShortProblems => Seed003Texts(1040, 500, 60);

    public static IEnumerable<KeyValuePair<string, string>> Fields(string[] texts) => texts.Select(t => new KeyValuePair<string, string>("texts", t));

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
