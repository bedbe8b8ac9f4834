using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shuzhi.Domain.Campaigns;
using Shuzhi.Web.Data;
using Shuzhi.Web.Features;
using Shuzhi.Web.Infrastructure;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Campaigns;

/// <summary>Builders for the campaign page and API tests: campaigns, a town's own staff account, form fields.</summary>
public static class CampaignTestKit
{
    public static Task<int> CampaignAsync(ShuzhiFactory f, int organizerId, int year, string title, CampaignTimeline? timeline = null) =>
        f.WithDbAsync(async (db, sp) =>
        {
            var org = await db.Organizations.SingleAsync(o => o.Id == organizerId);
            var c = await sp.GetRequiredService<CampaignCommands>().CreateAsync(org, year, title, timeline ?? CampaignTimeline.Default(year), false, default);
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
}
