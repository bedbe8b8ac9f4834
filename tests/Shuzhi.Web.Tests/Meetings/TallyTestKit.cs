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

/// <summary>Builders for the paper ballot, reconciliation and tally tests: a meeting of a town campaign's two villages.</summary>
public static class TallyTestKit
{
    /// <summary>The meeting with its two reporters (village 1, village 2) and two of its categories (the first and the third default).</summary>
    public sealed record Arranged(int CampaignId, int TrackId, int MeetingId, int Reporter1, int Reporter2, int Cat1, int Cat2);

    public static ClaimsPrincipal Admin { get; } =
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "tally-test"), new Claim(ClaimTypes.Role, Roles.Admin)], "test"));

    /// <summary>A meeting of <paramref name="county"/>'s town campaign for <paramref name="year"/>, voting open unless <paramref name="open"/> is false.</summary>
    public static async Task<Arranged> MeetingAsync(ShuzhiFactory f, TestData.County county, int year, BallotForm? form = null, BallotRules? rules = null, bool open = true)
    {
        var s = await ReportTestKit.TownCampaignAsync(f, county, year, mode: DebriefMode.OnSite);
        return await f.WithDbAsync(async (db, sp) =>
        {
            if (form is not null)
            {
                var t = await db.Tracks.SingleAsync(x => x.Id == s.TrackId);
                t.Update(t.Name, t.SortOrder, t.Mode, t.Components, form, t.SpeakingMinutes, t.PptRequired);
                await db.SaveChangesAsync();
            }
            var c = await db.Campaigns.SingleAsync(x => x.Id == s.CampaignId);
            var m = await sp.GetRequiredService<MeetingCommands>().CreateAsync(Admin, c, $"{year}年度述职评议会", [s.TrackId], default);
            if (rules is not null) m.SetRules(rules);
            if (open) m.OpenVoting();
            await db.SaveChangesAsync();
            var cats = await db.VoterCategories.Where(x => x.MeetingId == m.Id).OrderBy(x => x.SortOrder).Select(x => x.Id).ToListAsync();
            return new Arranged(s.CampaignId, s.TrackId, m.Id, s.Reporter1, s.Reporter2, cats[0], cats[2]);
        });
    }

    public static Task CloseAsync(ShuzhiFactory f, int meetingId) => f.WithDbAsync(async (db, sp) =>
    {
        var m = await db.Meetings.SingleAsync(x => x.Id == meetingId);
        var c = await db.Campaigns.SingleAsync(x => x.Id == m.CampaignId);
        await sp.GetRequiredService<MeetingCommands>().CloseVotingAsync(Admin, c, m, default);
        return 0;
    });

    /// <summary>Stores phone ballots directly (one per marks list) in a category.</summary>
    public static Task PhoneAsync(ShuzhiFactory f, int meetingId, int categoryId, params Mark[][] ballots) => f.WithDbAsync(async (db, sp) =>
    {
        var m = await db.Meetings.SingleAsync(x => x.Id == meetingId);
        var forms = (await sp.GetRequiredService<MeetingCommands>().SpeakersAsync(m, default)).Select(s => s.ReporterForm).ToList();
        foreach (var marks in ballots) db.MeetingBallots.Add(MeetingBallot.FromPhone(meetingId, categoryId, forms, marks, m.Rules));
        await db.SaveChangesAsync();
        return 0;
    });

    public static Task<List<MeetingBallot>> BallotsAsync(ShuzhiFactory f, int meetingId) =>
        f.WithDbAsync((db, _) => db.MeetingBallots.AsNoTracking().Where(b => b.MeetingId == meetingId).ToListAsync());

    public static Task<List<PaperEntry>> EntriesAsync(ShuzhiFactory f, int meetingId) =>
        f.WithDbAsync((db, _) => db.PaperEntries.AsNoTracking().Where(e => e.MeetingId == meetingId).OrderBy(e => e.Batch).ThenBy(e => e.Round).ThenBy(e => e.SheetNumber).ToListAsync());

    /// <summary>The entry form of one grade-form sheet: grades by reporter (reporters left out are blank).</summary>
    public static Dictionary<string, string> Sheet(int batch, int round, int sheet, int category, params (int Reporter, string Grade)[] grades)
    {
        var d = new Dictionary<string, string>
        {
            ["batch"] = batch.ToString(), ["round"] = round.ToString(), ["sheet"] = sheet.ToString(), ["category"] = category.ToString(),
        };
        foreach (var (r, g) in grades) d[$"g{r}"] = g;
        return d;
    }
}
