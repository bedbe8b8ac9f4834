using Shuzhi.Domain.Reports;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Infrastructure;

/// <summary>
/// The three campaigns of the seeds on the demo organizations: seed 003 (童家镇 2023, one on-site
/// track, grade ballot), seed 004 (深圳技术大学 2022, three tracks exactly as the notice sets them) and
/// seed 000 (a college 党总支 2023, dimension ballot 德能勤绩廉学). Skipped when already there.
/// </summary>
public static partial class DemoData
{
    private static async Task LoadCampaignsAsync(IServiceProvider sp)
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var cmd = sp.GetRequiredService<CampaignCommands>();

        // Seed 003: reports due 5 January, the meeting after; 现场述职 of all 21 村（社区）书记.
        await CampaignAsync(db, cmd, "TJZ", 2023, "童家镇2023年度村（社区）党组织书记抓党建述职评议考核实施方案",
            CampaignTimeline.From(new(2023, 12, 20), new(2024, 1, 5), new(2024, 1, 8), new(2024, 1, 10), new(2024, 1, 20), new(2024, 1, 25)),
            ReportOutline.Seed003, ReportRules.Seed003,
            [
                // Seed 003 四.4 combines 平时考核、实地调研、现场述职 without weights: these are ours.
                new("村（社区）党组织书记", DebriefMode.OnSite,
                    [new(ScoreComponent.OnSiteBallot, 40), new(ScoreComponent.FieldInspection, 30), new(ScoreComponent.DailyReview, 30)],
                    BallotForm.DefaultGrade(), null, false,
                    town => db.Organizations.Where(o => o.ParentId == town.Id && o.Kind == OrganizationKind.Branch).Select(o => o.Id)),
            ]);

        // Seed 004: from 24 November to 7 December 2022, reports by 28 November, on-site debrief 29 November.
        // The notice names each track's methods but no weights: the weights below are ours.
        await CampaignAsync(db, cmd, "SZTU", 2022, "深圳技术大学2022年度基层党组织书记述职考核",
            CampaignTimeline.From(new(2022, 11, 24), new(2022, 11, 28), new(2022, 11, 28), new(2022, 11, 29), new(2022, 12, 7), new(2022, 12, 20)),
            ReportOutline.Seed004, ReportRules.Seed004,
            [
                // 一：书面述职、现场述职（8分钟，PPT）、交叉检查互评、党委组织部考评.
                new("招生学院党总支、直属党支部书记", DebriefMode.Both,
                    [new(ScoreComponent.OnSiteBallot, 40), new(ScoreComponent.CrossInspection, 30), new(ScoreComponent.DailyReview, 30)],
                    BallotForm.DefaultGrade(), 8, true,
                    uni => db.Organizations.Where(o => o.ParentId == uni.Id && (o.Code.StartsWith("SZTU-C") || o.Code == "SZTU-D01" || o.Code == "SZTU-D02")).Select(o => o.Id)),
                // 二：书面述职和党委组织部考评.
                new("体育与艺术学院直属党支部、基教集团党总支和非教学单位直属党支部书记", DebriefMode.Written,
                    [new(ScoreComponent.ReportEvaluation, 40), new(ScoreComponent.DailyReview, 60)],
                    BallotForm.DefaultGrade(), null, false,
                    uni => db.Organizations.Where(o => o.ParentId == uni.Id && (o.Code == "SZTU-D03" || o.Code == "SZTU-JJ" || o.Code.StartsWith("SZTU-N"))).Select(o => o.Id)),
                // 三：书面述职、党总支考评和党委组织部考评.
                new("学院基层党支部和基教集团基层党支部书记", DebriefMode.Written,
                    [new(ScoreComponent.UpperReview, 60), new(ScoreComponent.DailyReview, 40)],
                    BallotForm.DefaultGrade(), null, false,
                    uni => db.Subtree(uni.Path, includeRoot: false).Where(o => o.Depth == uni.Depth + 2 && o.Kind == OrganizationKind.Branch).Select(o => o.Id)),
            ]);

        // Seed 000: a college 党总支 debriefs its branch secretaries with the 德能勤绩廉学 ballot.
        await CampaignAsync(db, cmd, "SZTU-C01", 2023, "中德智能制造学院党总支2023年度基层党组织书记抓基层党建工作述职评议考核",
            CampaignTimeline.From(new(2023, 12, 1), new(2023, 12, 20), new(2023, 12, 25), new(2024, 1, 5), new(2024, 1, 15), new(2024, 1, 20)),
            ReportOutline.Seed003, ReportRules.Seed000,
            [
                // Seed 000 综合现场述职测评和实地检查巡察 without weights: these are ours.
                new("党支部书记", DebriefMode.OnSite,
                    [new(ScoreComponent.OnSiteBallot, 70), new(ScoreComponent.FieldInspection, 30)],
                    BallotForm.DefaultDimension(), 5, false,
                    college => db.Organizations.Where(o => o.ParentId == college.Id).Select(o => o.Id)),
            ]);
        // Its field inspection uses seed 000's 检查考核表 (12 items, 100 points).
        foreach (var id in await db.Tracks.Where(t => db.Campaigns.Any(c => c.Id == t.CampaignId && c.Year == 2023 && db.Organizations.Any(o => o.Id == c.OrganizerId && o.Code == "SZTU-C01"))
                     && !db.TrackSheets.Any(s => s.TrackId == t.Id)).Select(t => t.Id).ToListAsync())
            db.TrackSheets.Add(new TrackSheet { TrackId = id, Template = Shuzhi.Domain.Scoring.SheetTemplate.Seed000 });
        await db.SaveChangesAsync();
    }

    private sealed record DemoTrack(string Name, DebriefMode Mode, IReadOnlyList<WeightedComponent> Components, BallotForm Ballot,
        int? Minutes, bool Ppt, Func<Organization, IQueryable<int>> Reporters);

    private static async Task CampaignAsync(AppDbContext db, CampaignCommands cmd, string organizerCode, int year, string title,
        CampaignTimeline timeline, ReportOutline outline, ReportRules rules, IReadOnlyList<DemoTrack> tracks)
    {
        var organizer = await db.Organizations.SingleAsync(o => o.Code == organizerCode);
        if (await db.Campaigns.AnyAsync(c => c.OrganizerId == organizer.Id && c.Year == year)) return;
        var campaign = await cmd.CreateAsync(organizer, year, title, timeline, copyLastYear: false, default);
        var order = 0;
        foreach (var t in tracks)
        {
            var track = Track.Create(campaign.Id, t.Name, ++order, t.Mode, t.Components, t.Ballot, t.Minutes, t.Ppt);
            track.SetReportTemplate(outline, rules);
            db.Tracks.Add(track);
            await db.SaveChangesAsync();
            await cmd.AddReportersAsync(campaign, track, await t.Reporters(organizer).ToListAsync(), default);
        }
        // Set up: the secretaries may write their reports.
        await cmd.AdvanceAsync(campaign, null, default);
    }
}
