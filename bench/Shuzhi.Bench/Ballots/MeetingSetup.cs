using System.Diagnostics;
using System.Runtime;
using System.Security.Claims;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shuzhi.Bench.Subtree;
using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Meetings;
using Shuzhi.Domain.Organizations;
using Shuzhi.Web.Data;
using Shuzhi.Web.Features;
using Shuzhi.Web.Infrastructure;

namespace Shuzhi.Bench.Ballots;

/// <summary>The meeting under test: its id, its campaign, the reporters in speaking order and the voter categories.</summary>
public sealed record BenchMeeting(int MeetingId, int CampaignId, IReadOnlyList<int> Reporters, IReadOnlyList<int> Categories);

/// <summary>
/// Starts the whole app in process (as the subtree bench does) and sets up a meeting through the app's own commands:
/// a party committee with <c>reporters</c> village branches under it, a campaign with one on-site track (the default grade
/// ballot 好/较好/一般/差), every branch reporting, and a meeting of that track with the default voter categories.
/// </summary>
public static class MeetingSetup
{
    /// <summary>The staff principal the commands check (MayManage also needs the unrestricted scope set below).</summary>
    public static readonly ClaimsPrincipal Admin = new(new ClaimsIdentity([new Claim(ClaimTypes.Role, Roles.Admin)], "bench"));

    public static InProcessApp Start(Provider provider, string connection, DirectoryInfo dataDirectory, IDictionary<string, string?>? extra = null)
    {
        var settings = Database.AppSettings(provider, connection);
        settings["Security:SecureCookies"] = "false";
        settings["DataDirectory"] = dataDirectory.FullName;
        settings["Logging:LogLevel:Default"] = "Warning";
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) settings[k] = v;
        if (Environment.GetEnvironmentVariable("SHUZHI_ADMIN_PASSWORD") is not { Length: > 0 })
            Environment.SetEnvironmentVariable("SHUZHI_ADMIN_PASSWORD", "shuzhi-bench-admin");
        var app = new InProcessApp(settings);
        app.StartServer();
        var environment = app.Services.GetRequiredService<IWebHostEnvironment>();
        Console.WriteLine($"app:        {app.ClientOptions.BaseAddress} ({environment.EnvironmentName}, .NET {Environment.Version}, " +
                          $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, {Environment.ProcessorCount} cores)");
        return app;
    }

    public static async Task<T> WithDbAsync<T>(InProcessApp app, Func<AppDbContext, IServiceProvider, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().UseUnrestricted();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider);
    }

    public static async Task<BenchMeeting> CreateAsync(InProcessApp app, int reporters)
    {
        var step = Stopwatch.StartNew();
        var tag = "BENCH" + DateTime.UtcNow.ToString("yyMMddHHmmss");
        var campaignId = await WithDbAsync(app, async (db, sp) =>
        {
            var town = Organization.Create(tag, $"基准测试{tag}镇党委", OrganizationKind.PartyCommittee, UnitType.Township, null);
            db.Organizations.Add(town);
            await db.SaveChangesAsync();
            var villages = Enumerable.Range(1, reporters)
                .Select(i => Organization.Create($"{tag}-V{i:D3}", $"第{i}村党支部", OrganizationKind.Branch, UnitType.Village, town, i)).ToList();
            db.Organizations.AddRange(villages);
            await db.SaveChangesAsync();
            var commands = sp.GetRequiredService<CampaignCommands>();
            var campaign = await commands.CreateAsync(town, 2025, $"{town.Name}2025年度述职评议方案", CampaignTimeline.Default(2025), false, default);
            var track = Track.Create(campaign.Id, "村党组织书记", 1, DebriefMode.OnSite,
                [new(ScoreComponent.OnSiteBallot, 70), new(ScoreComponent.DailyReview, 30)], BallotForm.DefaultGrade(), 8, false);
            db.Tracks.Add(track);
            await db.SaveChangesAsync();
            await commands.AddReportersAsync(campaign, track, villages.Select(v => v.Id).ToList(), default);
            return campaign.Id;
        });
        var meeting = await WithDbAsync(app, async (db, sp) =>
        {
            var campaign = await db.Campaigns.SingleAsync(c => c.Id == campaignId);
            var trackId = await db.Tracks.Where(t => t.CampaignId == campaignId).Select(t => t.Id).SingleAsync();
            var m = await sp.GetRequiredService<MeetingCommands>().CreateAsync(Admin, campaign, "述职评议大会（基准测试）", [trackId], default);
            var categories = await db.VoterCategories.Where(c => c.MeetingId == m.Id).OrderBy(c => c.SortOrder).Select(c => c.Id).ToListAsync();
            return new BenchMeeting(m.Id, campaignId, m.SpeakerOrder.ToList(), categories);
        });
        Console.WriteLine($"setup:      organization {tag}, campaign {campaignId}, meeting {meeting.MeetingId} with {meeting.Reporters.Count} speakers " +
                          $"and {meeting.Categories.Count} voter categories, through CampaignCommands/MeetingCommands in {step.ElapsedMilliseconds} ms");
        return meeting;
    }

    /// <summary>
    /// MeetingCommands.GenerateCodesAsync for the first category: the plain codes, the only time they exist. One call makes
    /// at most 10,000 (VotingCodes.Generate), so a larger count is generated in several calls.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CodesAsync(InProcessApp app, BenchMeeting meeting, int count)
    {
        var codes = new List<string>(count);
        for (var left = count; left > 0; left -= 10_000)
            codes.AddRange(await WithDbAsync(app, async (db, sp) =>
            {
                var campaign = await db.Campaigns.SingleAsync(c => c.Id == meeting.CampaignId);
                var m = await db.Meetings.SingleAsync(x => x.Id == meeting.MeetingId);
                return await sp.GetRequiredService<MeetingCommands>().GenerateCodesAsync(Admin, campaign, m, meeting.Categories[0], Math.Min(left, 10_000), CodeKind.Real, default);
            }));
        return codes;
    }

    public static Task OpenAsync(InProcessApp app, BenchMeeting meeting) => WithDbAsync(app, async (db, sp) =>
    {
        var campaign = await db.Campaigns.SingleAsync(c => c.Id == meeting.CampaignId);
        var m = await db.Meetings.SingleAsync(x => x.Id == meeting.MeetingId);
        await sp.GetRequiredService<MeetingCommands>().OpenVotingAsync(Admin, campaign, m, default);
        return 0;
    });

    public static Task CloseAsync(InProcessApp app, BenchMeeting meeting) => WithDbAsync(app, async (db, sp) =>
    {
        var campaign = await db.Campaigns.SingleAsync(c => c.Id == meeting.CampaignId);
        var m = await db.Meetings.SingleAsync(x => x.Id == meeting.MeetingId);
        await sp.GetRequiredService<MeetingCommands>().CloseVotingAsync(Admin, campaign, m, default);
        return 0;
    });

    /// <summary>The default grade ballot's labels, in order (好 100, 较好 90, 一般 75, 差 60).</summary>
    public static readonly string[] Grades = [.. BallotForm.DefaultGrade().Grades.Select(g => g.Label)];

    /// <summary>A full ballot: every speaker graded, the grade rotating with the ballot's number so every grade occurs.</summary>
    public static List<Mark> MarksFor(IReadOnlyList<int> reporters, int n) =>
        reporters.Select((r, i) => new Mark(r, Grades[(n + i) % Grades.Length])).OrderBy(m => m.ReporterId).ToList();
}
