using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Meetings;
using Shuzhi.Web.Features;
using Shuzhi.Web.Infrastructure;
using Shuzhi.Web.Tests.Infrastructure;
using Shuzhi.Web.Tests.Reports;

namespace Shuzhi.Web.Tests.Meetings;

/// <summary>Builders for the voting tests: a town meeting with its two village reporters, codes, and the organizer's actions through <see cref="MeetingCommands"/>.</summary>
public static class VotingTestKit
{
    public sealed record Setup(int CampaignId, int MeetingId, int TrackId, int Reporter1, int Reporter2, int Category1, int Category2, string Title);

    /// <summary>The organizer's staff as the commands see it (the test context is unrestricted).</summary>
    public static ClaimsPrincipal Staff { get; } = new(new ClaimsIdentity([new Claim(ClaimTypes.Role, Roles.OrgStaff)], "test"));

    /// <summary>A meeting of county <paramref name="county"/>'s town for <paramref name="year"/>: one on-site track, both villages, the default categories.</summary>
    public static async Task<Setup> MeetingAsync(ShuzhiFactory f, TestData.County county, int year, BallotForm? form = null, BallotRules? rules = null)
    {
        var s = await ReportTestKit.TownCampaignAsync(f, county, year, mode: DebriefMode.OnSite, stage: CampaignStage.Evaluation);
        var title = $"{county.Town.Name}{year}年度述职评议会";
        return await f.WithDbAsync(async (db, sp) =>
        {
            if (form is not null)
            {
                var t = await db.Tracks.SingleAsync(x => x.Id == s.TrackId);
                t.Update(t.Name, t.SortOrder, t.Mode, t.Components, form, t.SpeakingMinutes, t.PptRequired);
                await db.SaveChangesAsync();
            }
            var campaign = await db.Campaigns.SingleAsync(c => c.Id == s.CampaignId);
            var meeting = await sp.GetRequiredService<MeetingCommands>().CreateAsync(Staff, campaign, title, [s.TrackId], default);
            if (rules is not null)
            {
                meeting.SetRules(rules);
                await db.SaveChangesAsync();
            }
            var cats = await db.VoterCategories.Where(c => c.MeetingId == meeting.Id).OrderBy(c => c.SortOrder).Select(c => c.Id).ToListAsync();
            return new Setup(s.CampaignId, meeting.Id, s.TrackId, s.Reporter1, s.Reporter2, cats[0], cats[1], title);
        });
    }

    /// <summary>Runs an organizer action on the meeting (open, close, rehearsal …) as its staff.</summary>
    public static Task ActAsync(ShuzhiFactory f, int meetingId, Func<MeetingCommands, Campaign, Meeting, Task> act) => f.WithDbAsync(async (db, sp) =>
    {
        var m = await db.Meetings.SingleAsync(x => x.Id == meetingId);
        var c = await db.Campaigns.SingleAsync(x => x.Id == m.CampaignId);
        await act(sp.GetRequiredService<MeetingCommands>(), c, m);
        return 0;
    });

    public static Task OpenAsync(ShuzhiFactory f, int meetingId) => ActAsync(f, meetingId, (cmd, c, m) => cmd.OpenVotingAsync(Staff, c, m, default));
    public static Task CloseAsync(ShuzhiFactory f, int meetingId) => ActAsync(f, meetingId, (cmd, c, m) => cmd.CloseVotingAsync(Staff, c, m, default));

    public static Task<IReadOnlyList<string>> CodesAsync(ShuzhiFactory f, int meetingId, int categoryId, int count, CodeKind kind = CodeKind.Real) =>
        f.WithDbAsync(async (db, sp) =>
        {
            var m = await db.Meetings.SingleAsync(x => x.Id == meetingId);
            var c = await db.Campaigns.SingleAsync(x => x.Id == m.CampaignId);
            return await sp.GetRequiredService<MeetingCommands>().GenerateCodesAsync(Staff, c, m, categoryId, count, kind, default);
        });

    public static Task<int> BallotsAsync(ShuzhiFactory f, int meetingId) =>
        f.WithDbAsync(async (db, _) => await db.MeetingBallots.CountAsync(b => b.MeetingId == meetingId));

    public static Task<int> UsedAsync(ShuzhiFactory f, int meetingId) =>
        f.WithDbAsync(async (db, _) => await db.UsedVotingCodes.CountAsync(u => u.MeetingId == meetingId));

    /// <summary>A valid ballot: a grade for both reporters.</summary>
    public static object Ballot(Setup s, string code, string grade1 = "好", string grade2 = "较好") =>
        new { code, marks = new object[] { new { reporterId = s.Reporter1, grade = grade1 }, new { reporterId = s.Reporter2, grade = grade2 } } };

    public static Task<HttpResponseMessage> CastAsync(HttpClient client, object body) => client.PostAsJsonAsync("/vote/api/cast", body);
}
