using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Organizations;
using Shuzhi.Web.Features;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Campaigns;

/// <summary>Campaigns, tracks and reporters made directly through the commands, for the page and API tests.</summary>
internal static class TrackTestData
{
    public static Task<int> CampaignAsync(ShuzhiFactory f, int organizerId, int year) => f.WithDbAsync(async (db, sp) =>
    {
        var organizer = await db.Organizations.SingleAsync(o => o.Id == organizerId);
        var c = await sp.GetRequiredService<CampaignCommands>().CreateAsync(organizer, year, $"{organizer.Name}{year}年度述职评议方案", CampaignTimeline.Default(year), false, default);
        return c.Id;
    });

    public static Task<int> TrackAsync(ShuzhiFactory f, int campaignId, string name, DebriefMode mode = DebriefMode.OnSite) => f.WithDbAsync(async (db, _) =>
    {
        var order = await db.Tracks.CountAsync(t => t.CampaignId == campaignId);
        IReadOnlyList<WeightedComponent> components = mode.IsOnSite()
            ? [new(ScoreComponent.OnSiteBallot, 70), new(ScoreComponent.DailyReview, 30)]
            : [new(ScoreComponent.DailyReview, 100)];
        var t = Track.Create(campaignId, name, order + 1, mode, components, BallotForm.DefaultGrade(), mode.IsOnSite() ? 8 : null, false);
        db.Tracks.Add(t);
        await db.SaveChangesAsync();
        return t.Id;
    });

    public static Task<int> ReportersAsync(ShuzhiFactory f, int campaignId, int trackId, params int[] organizationIds) => f.WithDbAsync(async (db, sp) =>
    {
        var c = await db.Campaigns.SingleAsync(x => x.Id == campaignId);
        var t = await db.Tracks.SingleAsync(x => x.Id == trackId);
        return await sp.GetRequiredService<CampaignCommands>().AddReportersAsync(c, t, organizationIds, default);
    });

    /// <summary>Moves the campaign on to 述职评议 (reports are not approved yet, so with a reason).</summary>
    public static Task ToMeetingStageAsync(ShuzhiFactory f, int campaignId) => f.WithDbAsync(async (db, sp) =>
    {
        var cmd = sp.GetRequiredService<CampaignCommands>();
        var c = await db.Campaigns.SingleAsync(x => x.Id == campaignId);
        while (c.Stage < CampaignStage.Evaluation) await cmd.AdvanceAsync(c, "测试：报告另行审核", default);
        return 0;
    });

    /// <summary>Posts a form with repeated names (checkbox lists), the anti-forgery token taken from <paramref name="formPage"/>.</summary>
    public static async Task<HttpResponseMessage> PostPairsAsync(this HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields, string formPage)
    {
        var doc = await client.GetHtmlAsync(formPage);
        var token = doc.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await client.PostAsync(url, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
    }

    public static string Text(this IHtmlDocument doc) => doc.Body!.TextContent;
}
