using System.Globalization;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Organizations;
using Shuzhi.Web.Data;
using Shuzhi.Web.Features;
using Shuzhi.Web.Infrastructure;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Campaigns;

/// <summary>Builders for the campaign, track and reporter tests: data made through the commands, staff accounts, form fields.</summary>
public static class CampaignTestKit
{
    public static Task<int> CampaignAsync(ShuzhiFactory f, int organizerId, int year, string? title = null, CampaignTimeline? timeline = null) =>
        f.WithDbAsync(async (db, sp) =>
        {
            var org = await db.Organizations.SingleAsync(o => o.Id == organizerId);
            var c = await sp.GetRequiredService<CampaignCommands>().CreateAsync(org, year, title ?? $"{org.Name}{year}年度述职评议方案",
                timeline ?? CampaignTimeline.Default(year), false, default);
            return c.Id;
        });

    public static Task<Campaign> LoadAsync(ShuzhiFactory f, int id) =>
        f.WithDbAsync(async (db, _) => await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == id));

    /// <summary>An OrgStaff account whose scope is rooted at <paramref name="orgId"/> (the subordinate organizer's own staff).</summary>
    public static Task<string> StaffAtAsync(ShuzhiFactory f, int orgId, string userName) =>
        f.WithDbAsync(async (_, sp) =>
        {
            await TestData.AccountAsync(sp.GetRequiredService<UserManager<AppUser>>(), userName, Roles.OrgStaff, orgId);
            return userName;
        });

    public static Task<int> RunScanAsync(ShuzhiFactory f) =>
        f.WithDbAsync(async (_, sp) => (await sp.GetRequiredService<OverdueScanner>().RunAsync(default)).Opened);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static Dictionary<string, string> TimelineFields(CampaignTimeline t)
    {
        var fields = new Dictionary<string, string>
        {
            ["Timeline.Start"] = Iso(t.Start), ["Timeline.ReportDeadline"] = Iso(t.ReportDeadline), ["Timeline.ReviewDeadline"] = Iso(t.ReviewDeadline),
            ["Timeline.MeetingDate"] = Iso(t.MeetingDate), ["Timeline.AssessmentEnd"] = Iso(t.AssessmentEnd), ["Timeline.FeedbackDate"] = Iso(t.FeedbackDate),
            ["Timeline.RectificationPlanDeadline"] = Iso(t.RectificationPlanDeadline), ["Timeline.UpwardReportDeadline"] = Iso(t.UpwardReportDeadline),
        };
        if (t.MeetingEndDate is { } e) fields["Timeline.MeetingEndDate"] = Iso(e);
        return fields;
    }

    public static Dictionary<string, string> CreateForm(int organizerId, int year, string title, CampaignTimeline? timeline = null, bool copy = false)
    {
        var fields = TimelineFields(timeline ?? CampaignTimeline.Default(year));
        fields["OrganizerId"] = organizerId.ToString(CultureInfo.InvariantCulture);
        fields["Year"] = year.ToString(CultureInfo.InvariantCulture);
        fields["Title"] = title;
        if (copy) fields["CopyLastYear"] = "true";
        return fields;
    }

    /// <summary>The edit form as the page fills it, with <paramref name="change"/> applied.</summary>
    public static Dictionary<string, string> EditForm(Campaign c, Action<Dictionary<string, string>>? change = null)
    {
        var fields = TimelineFields(c.Timeline);
        fields["Input.Title"] = c.Title;
        fields["Input.PlanText"] = c.PlanText;
        fields["Input.MeetingPlanText"] = c.MeetingPlanText;
        fields["Input.BasisDocuments"] = c.BasisDocuments;
        fields["Input.TermStartYear"] = c.TermStartYear.ToString(CultureInfo.InvariantCulture);
        fields["Input.TermLength"] = c.TermLength.ToString(CultureInfo.InvariantCulture);
        fields["Input.ShortTenureMonths"] = c.ShortTenureMonths.ToString(CultureInfo.InvariantCulture);
        change?.Invoke(fields);
        return fields;
    }

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
