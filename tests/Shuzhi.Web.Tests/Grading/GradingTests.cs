using System.Net;
using Microsoft.EntityFrameworkCore;
using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Meetings;
using Shuzhi.Domain.Scoring;
using Shuzhi.Web.Data;
using Shuzhi.Web.Tests.Infrastructure;
using Shuzhi.Web.Tests.Meetings;

namespace Shuzhi.Web.Tests.Grading;

/// <summary>
/// 综合评价 (issue #6): component scores gathered from the closed meeting's tally and the submitted sheets, the composite
/// by the track's weights, waivers, grade changes with reasons, the quota, the lock (党委研究) and reopening, and scope.
/// </summary>
public abstract class GradingTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    private sealed record Arranged(int CampaignId, int TrackId, int R1, int R2);

    private static SheetTemplate OneItem(decimal total) =>
        new("检查考核表", total, [new SheetItem("1", "总体情况", "", total)], [], 0, [], 0, []);

    /// <summary>
    /// The worked example of docs/scoring.md §5 on a real meeting and real sheets. Weights 现场测评 40, 实地考核 30, 交叉检查互评 20, 日常考评 10.
    /// Ballots (grade form 好100 较好90 一般75): village 1 好 + 较好 → 95; village 2 较好 + 一般 → 82.5.
    /// Field sheets on 50: 45 and 40. Cross sheets on 100: village 1 from three units 80, 85, 90; village 2 one unit 90.
    /// Daily review (direct): village 1 95; village 2 none.
    /// </summary>
    private async Task<Arranged> ArrangeAsync(int year)
    {
        var m = await TallyTestKit.MeetingAsync(f, D.A, year);
        await f.WithDbAsync(async db =>
        {
            var t = await db.Tracks.SingleAsync(x => x.Id == m.TrackId);
            t.Update(t.Name, t.SortOrder, t.Mode,
                [new(ScoreComponent.OnSiteBallot, 40), new(ScoreComponent.FieldInspection, 30), new(ScoreComponent.CrossInspection, 20), new(ScoreComponent.DailyReview, 10)],
                t.Ballot, t.SpeakingMinutes, t.PptRequired);
            await db.SaveChangesAsync();
        });
        await TallyTestKit.PhoneAsync(f, m.MeetingId, m.Cat1,
            [Mark.ForGrade(m.Reporter1, "好"), Mark.ForGrade(m.Reporter2, "较好")],
            [Mark.ForGrade(m.Reporter1, "较好"), Mark.ForGrade(m.Reporter2, "一般")]);
        await TallyTestKit.CloseAsync(f, m.MeetingId);
        await f.WithDbAsync(async db =>
        {
            var now = f.Clock.GetUtcNow();
            void Sheet(int reporter, SheetKind kind, decimal total, decimal points, int? unit, string notes = "")
            {
                var s = InspectionSheet.ForTemplate(m.TrackId, reporter, kind, OneItem(total), null, "检查组", unit ?? D.A.Town.Id);
                s.Fill(new SheetScores(new Dictionary<string, decimal> { ["1"] = points }, new Dictionary<string, decimal>(), new Dictionary<string, decimal>(), [], notes));
                s.Submit(now);
                db.InspectionSheets.Add(s);
            }
            Sheet(m.Reporter1, SheetKind.FieldInspection, 50, 45, null, "党员活动室整洁，台账齐全。");
            Sheet(m.Reporter2, SheetKind.FieldInspection, 50, 40, null);
            Sheet(m.Reporter1, SheetKind.CrossInspection, 100, 80, D.A.Root.Id);
            Sheet(m.Reporter1, SheetKind.CrossInspection, 100, 85, D.A.Village2.Id);
            Sheet(m.Reporter1, SheetKind.CrossInspection, 100, 90, D.A.Town.Id);
            Sheet(m.Reporter2, SheetKind.CrossInspection, 100, 90, D.A.Village1.Id);
            // A draft is not a score.
            var draft = InspectionSheet.Direct(m.TrackId, m.Reporter2, SheetKind.DailyReview, null, "组织部", D.A.Root.Id);
            draft.SetDirect(99, "未提交");
            db.InspectionSheets.Add(draft);
            var daily = InspectionSheet.Direct(m.TrackId, m.Reporter1, SheetKind.DailyReview, null, "组织部", D.A.Root.Id);
            daily.SetDirect(95, "日常工作扎实");
            daily.Submit(now);
            db.InspectionSheets.Add(daily);
            await db.SaveChangesAsync();
        });
        return new Arranged(m.CampaignId, m.TrackId, m.Reporter1, m.Reporter2);
    }

    private static string Url(Arranged a) => $"/Campaigns/Grading/{a.CampaignId}";

    private Task<GradingEntry?> EntryAsync(int reporterId) =>
        f.WithDbAsync(async (db, _) => await db.GradingEntries.AsNoTracking().SingleOrDefaultAsync(e => e.ReporterId == reporterId));

    [Fact]
    public async Task Components_come_from_the_tally_and_the_submitted_sheets_and_a_waiver_needs_a_reason()
    {
        var a = await ArrangeAsync(2061);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var page = await staff.GetHtmlAsync(Url(a));

        // Village 1: 95 × 0.4 + 90 × 0.3 + 85 × 0.2 + 95 × 0.1 = 38 + 27 + 17 + 9.5 = 91.50 → 好 by the default thresholds.
        var r1 = page.QuerySelector($"tr[data-row='{a.R1}']")!;
        Assert.Equal("91.50", r1.QuerySelector("[data-composite]")!.TextContent.Trim());
        Assert.Equal("好", r1.QuerySelector("[data-proposed]")!.TextContent.Trim());
        Assert.Equal("1", r1.QuerySelector("[data-rank]")!.TextContent.Trim());
        var ballotLine = r1.QuerySelector($"tr[data-line='{ScoreComponent.OnSiteBallot}']")!.TextContent;
        Assert.Contains("95.00 / 100", ballotLine);
        Assert.Contains("38.00", ballotLine);
        Assert.Contains("85.00", r1.QuerySelector($"tr[data-line='{ScoreComponent.CrossInspection}']")!.TextContent);
        Assert.Contains("45.00 / 50", r1.QuerySelector($"tr[data-line='{ScoreComponent.FieldInspection}']")!.TextContent);

        // The cross-inspection mean is trimmed as the track's cross plan says: two more sheets (60, 100) make five,
        // (60 + 80 + 85 + 90 + 100) / 5 = 83 untrimmed; with k = 1 the 60 and the 100 drop: (80 + 85 + 90) / 3 = 85.
        await f.WithDbAsync(async db =>
        {
            foreach (var (points, unit) in new[] { (60m, D.A.Village1.Id), (100m, D.A.Root.Id) })
            {
                var s = InspectionSheet.ForTemplate(a.TrackId, a.R1, SheetKind.CrossInspection, OneItem(100), null, "检查组", unit);
                s.Fill(new SheetScores(new Dictionary<string, decimal> { ["1"] = points }, new Dictionary<string, decimal>(), new Dictionary<string, decimal>(), [], ""));
                s.Submit(f.Clock.GetUtcNow());
                db.InspectionSheets.Add(s);
            }
            await db.SaveChangesAsync();
        });
        Assert.Contains("83.00", (await staff.GetHtmlAsync(Url(a))).QuerySelector($"tr[data-row='{a.R1}'] tr[data-line='{ScoreComponent.CrossInspection}']")!.TextContent);
        await f.WithDbAsync(async db =>
        {
            db.CrossPlans.Add(new CrossPlan { TrackId = a.TrackId, OrganizerId = D.A.Town.Id, K = 2, Seed = 1, TrimK = 1 });
            await db.SaveChangesAsync();
        });
        var trimmed = (await staff.GetHtmlAsync(Url(a))).QuerySelector($"tr[data-row='{a.R1}'] tr[data-line='{ScoreComponent.CrossInspection}']")!.TextContent;
        Assert.Contains("85.00", trimmed);
        Assert.Contains("去掉最高最低各1份", trimmed);
        await f.WithDbAsync(async db =>
        {
            db.InspectionSheets.RemoveRange(db.InspectionSheets.Where(x => x.ReporterId == a.R1 && x.Kind == SheetKind.CrossInspection && (x.InspectingOrganizationId == D.A.Village1.Id || x.InspectingOrganizationId == D.A.Root.Id) && x.Id > 0)
                .OrderByDescending(x => x.Id).Take(2));
            db.CrossPlans.RemoveRange(db.CrossPlans.Where(x => x.TrackId == a.TrackId));
            await db.SaveChangesAsync();
        });
        Assert.Contains("85.00", (await staff.GetHtmlAsync(Url(a))).QuerySelector($"tr[data-row='{a.R1}'] tr[data-line='{ScoreComponent.CrossInspection}']")!.TextContent);

        // Village 2 has no submitted daily review (a draft does not count): blocked, no rank, a waiver form.
        var r2 = page.QuerySelector($"tr[data-row='{a.R2}']")!;
        Assert.Equal("无法计算", r2.QuerySelector("[data-composite]")!.TextContent.Trim());
        Assert.NotNull(r2.QuerySelector($"tr[data-line='{ScoreComponent.DailyReview}'] [data-missing]"));
        Assert.Null(r2.QuerySelector("select[data-final]"));

        // Nothing can be locked while a reporter is blocked.
        var blockedLock = await staff.PostFormAsync($"{Url(a)}?handler=Lock", new() { ["MeetingDate"] = "2024-01-10", ["MinuteReference"] = "城党会〔2024〕1号", ["QuotaReason"] = "x" }, Url(a));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, blockedLock.StatusCode);
        Assert.Contains("还有 1 个述职对象（如“甲县二村党支部”）缺少评分，无法锁定", (await blockedLock.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);

        // A waiver without a reason is refused in Chinese; nothing is stored.
        var waive = $"{Url(a)}?handler=Waive&reporterId={a.R2}&component={ScoreComponent.DailyReview}";
        var bad = await staff.PostFormAsync(waive, new() { ["waiverReason"] = "  " }, Url(a));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("免除“组织部日常考评”时请填写原因", (await bad.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        Assert.Null(await EntryAsync(a.R2));
        // A component with a score cannot be waived.
        var scored = await staff.PostFormAsync($"{Url(a)}?handler=Waive&reporterId={a.R2}&component={ScoreComponent.FieldInspection}", new() { ["waiverReason"] = "x" }, Url(a));
        Assert.Contains("“实地考核”已有得分，不能免除", (await scored.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);

        // With a reason: (82.5·40 + 80·30 + 90·20) / 90 = 7500 / 90 = 83.33 → 较好, rank 2; weights renormalized.
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(waive, new() { ["waiverReason"] = "任职不满半年" }, Url(a))).StatusCode);
        Assert.Equal("任职不满半年", Assert.Single((await EntryAsync(a.R2))!.Waivers).Reason);
        page = await staff.GetHtmlAsync(Url(a));
        r2 = page.QuerySelector($"tr[data-row='{a.R2}']")!;
        Assert.Equal("83.33", r2.QuerySelector("[data-composite]")!.TextContent.Trim());
        Assert.Equal("较好", r2.QuerySelector("[data-proposed]")!.TextContent.Trim());
        Assert.Equal("2", r2.QuerySelector("[data-rank]")!.TextContent.Trim());
        Assert.Contains("任职不满半年", r2.QuerySelector("[data-waived]")!.TextContent);
        Assert.Contains("44.44%", r2.QuerySelector($"tr[data-line='{ScoreComponent.OnSiteBallot}']")!.TextContent); // 40 × 100 / 90

        // n = 2: ceil(0.15 × 2) = 1 below 好 required; village 2 is 较好: the rule holds; the lowest 好 (village 1) is named.
        Assert.Equal("1", page.QuerySelector("[data-quota-required]")!.TextContent);
        Assert.Equal("1", page.QuerySelector("[data-quota-below]")!.TextContent);
        Assert.Equal("符合", page.QuerySelector("[data-quota-state]")!.TextContent);
        Assert.Contains("一村", page.QuerySelector("[data-quota-candidates]")!.TextContent);

        // The trace page shows the tally behind the ballot score and the sheets behind the others; the opinion is prefilled.
        var trace = await staff.GetHtmlAsync($"/Campaigns/Grading/Trace/{a.R1}");
        var counts = trace.QuerySelector("[data-grade-counts]")!.QuerySelectorAll("td").Select(td => td.TextContent).ToList();
        Assert.Equal(["1", "1", "0", "0"], counts);
        Assert.Equal(5, trace.QuerySelectorAll("[data-sheet]").Length);
        Assert.Contains("党员活动室整洁", trace.QuerySelector("textarea[name=Achievements]")!.TextContent);
        Assert.NotNull(trace.QuerySelector("[data-prefilled]"));

        // Staff edit the opinion: each part at most 1000 characters; saved parts replace the prefill.
        var opinionUrl = $"/Campaigns/Grading/Trace/{a.R1}?handler=Opinion";
        var tooLong = await staff.PostFormAsync(opinionUrl, new() { ["Achievements"] = "好", ["Problems"] = new string('问', 1001), ["Direction"] = "" }, $"/Campaigns/Grading/Trace/{a.R1}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        Assert.Contains("综合评价意见的“指出问题”部分不能超过 1000 个字", (await tooLong.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(opinionUrl, new()
        {
            ["Achievements"] = " 支部台账规范，党员活动丰富。 ", ["Problems"] = "发展党员工作偏慢。", ["Direction"] = "抓好党员发展和教育管理。",
        }, $"/Campaigns/Grading/Trace/{a.R1}")).StatusCode);
        var saved = (await EntryAsync(a.R1))!;
        Assert.Equal(("支部台账规范，党员活动丰富。", "发展党员工作偏慢。", "抓好党员发展和教育管理。"), (saved.Achievements, saved.Problems, saved.Direction));
        trace = await staff.GetHtmlAsync($"/Campaigns/Grading/Trace/{a.R1}");
        Assert.Null(trace.QuerySelector("[data-prefilled]"));
        Assert.Equal("发展党员工作偏慢。", trace.QuerySelector("textarea[name=Problems]")!.TextContent.Trim());
        // The change is audited within the organizer's subtree (the town's staff see it in their audit).
        Assert.True(await f.WithDbAsync((db, _) => db.AuditEntries.AnyAsync(e => e.EntityType == nameof(GradingEntry) && e.OrgPath == D.A.Town.Path)));

        // The export is a workbook and is audited.
        var export = await staff.GetAsync($"{Url(a)}?handler=Export");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType!.MediaType);
        Assert.True(await f.WithDbAsync((db, _) => db.AuditEntries.AnyAsync(e => e.Action == "export" && e.Details.Contains("grading"))));
    }

    [Fact]
    public async Task A_changed_grade_needs_a_reason_the_quota_is_checked_and_the_lock_freezes_everything_until_reopened()
    {
        var a = await ArrangeAsync(2062);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"{Url(a)}?handler=Waive&reporterId={a.R2}&component={ScoreComponent.DailyReview}",
            new() { ["waiverReason"] = "任职不满半年" }, Url(a))).StatusCode);
        var grades = $"{Url(a)}?handler=Grades";

        // 较好 → 好 without a reason: refused, naming the reporter and both grades.
        var bad = await staff.PostFormAsync(grades, new() { [$"Final[{a.R1}]"] = "1", [$"Final[{a.R2}]"] = "1", [$"Reason[{a.R2}]"] = " " }, Url(a));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("“甲县二村党支部”的确定等次（好）与建议等次（较好）不同，请填写调整原因", (await bad.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        Assert.Null((await EntryAsync(a.R2))!.FinalGrade);

        // With a reason: stored; now none below 好 of the one required — the indicator says so and names village 2 (lowest 好).
        var ok = await staff.PostFormAsync(grades, new() { [$"Final[{a.R1}]"] = "1", [$"Final[{a.R2}]"] = "1", [$"Reason[{a.R2}]"] = "年内工作成效突出" }, Url(a));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var entry = (await EntryAsync(a.R2))!;
        Assert.Equal((Grade.Good, "年内工作成效突出"), (entry.FinalGrade!.Value, entry.GradeReason!));
        var page = await staff.GetHtmlAsync(Url(a));
        Assert.Equal("0", page.QuerySelector("[data-quota-below]")!.TextContent);
        Assert.Equal("不符合", page.QuerySelector("[data-quota-state]")!.TextContent);
        Assert.False(page.QuerySelector($"tr[data-row='{a.R2}'] [data-candidate]")!.HasAttribute("hidden"));
        Assert.True(page.QuerySelector($"tr[data-row='{a.R1}'] [data-candidate]")!.HasAttribute("hidden"));
        Assert.True(page.QuerySelector("#QuotaReason")!.HasAttribute("required"));

        // The lock re-checks the quota: a reason is needed.
        var lockUrl = $"{Url(a)}?handler=Lock";
        var noReason = await staff.PostFormAsync(lockUrl, new() { ["MeetingDate"] = "2024-01-10", ["MinuteReference"] = "城党会〔2024〕2号" }, Url(a));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("应不少于 1 人，目前只有 0 人", (await noReason.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        var future = await staff.PostFormAsync(lockUrl, new() { ["MeetingDate"] = "2024-02-10", ["MinuteReference"] = "x", ["QuotaReason"] = "y" }, Url(a));
        Assert.Contains("不能晚于今天", (await future.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(lockUrl, new()
        {
            ["MeetingDate"] = "2024-01-10", ["MinuteReference"] = "城党会〔2024〕2号", ["QuotaReason"] = "两村均表现突出，经党委研究同意",
        }, Url(a))).StatusCode);
        var d = await f.WithDbAsync(async (db, _) => await db.Deliberations.AsNoTracking().SingleAsync(x => x.CampaignId == a.CampaignId));
        Assert.True(d.IsLocked);
        Assert.Equal(new DateOnly(2024, 1, 10), d.MeetingDate);
        Assert.Equal([(a.R1, Grade.Good, Grade.Good, (string?)null), (a.R2, Grade.FairlyGood, Grade.Good, "年内工作成效突出")],
            d.Grades.OrderBy(g => g.ReporterId == a.R1 ? 0 : 1).Select(g => (g.ReporterId, g.Proposed!.Value, g.Final, g.Reason)).ToList());
        Assert.Equal("两村均表现突出，经党委研究同意", d.QuotaReason);
        Assert.True(await f.WithDbAsync((db, _) => db.AuditEntries.AnyAsync(e => e.Action == "lock-grades" && e.Details.Contains("城党会〔2024〕2号"))));

        // Locked: read-only page; every change refused with the domain's message.
        page = await staff.GetHtmlAsync(Url(a));
        Assert.NotNull(page.QuerySelector("[data-locked]"));
        Assert.Null(page.QuerySelector("select[data-final]"));
        const string locked = "综合评价等次和意见已经党委研究确定并锁定，不能修改";
        var change = await staff.PostFormAsync(grades, new() { [$"Final[{a.R2}]"] = "2" }, Url(a));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, change.StatusCode);
        Assert.Contains(locked, (await change.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        var opinion = await staff.PostFormAsync($"/Campaigns/Grading/Trace/{a.R1}?handler=Opinion", new() { ["Achievements"] = "新意见" }, Url(a));
        Assert.Contains(locked, (await opinion.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        var settings = await staff.PostFormAsync($"{Url(a)}?handler=Settings", new() { ["Settings.Kind"] = "1", ["Settings.QuotaShare"] = "10" }, Url(a));
        Assert.Contains(locked, (await settings.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        Assert.Equal(Grade.Good, (await EntryAsync(a.R2))!.FinalGrade);

        // Reopen: a reason is required; then changes are accepted again, and the reopening is kept and audited.
        var reopen = $"{Url(a)}?handler=Reopen";
        Assert.Contains("请填写原因", (await (await staff.PostFormAsync(reopen, new() { ["ReopenReason"] = "" }, Url(a))).HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(reopen, new() { ["ReopenReason"] = "上级反馈需复核二村等次" }, Url(a))).StatusCode);
        Assert.True(await f.WithDbAsync((db, _) => db.AuditEntries.AnyAsync(e => e.Action == "reopen-grades" && e.Details.Contains("上级反馈需复核二村等次"))));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(grades, new() { [$"Final[{a.R1}]"] = "1", [$"Final[{a.R2}]"] = "2" }, Url(a))).StatusCode);
        entry = (await EntryAsync(a.R2))!;
        Assert.Null(entry.FinalGrade); // back to the proposal
        Assert.Contains("上级反馈需复核二村等次", (await staff.GetHtmlAsync(Url(a))).QuerySelector("[data-history]")!.TextContent);
    }

    [Fact]
    public async Task Settings_are_validated_and_change_the_proposals_and_scope_is_kept()
    {
        var a = await ArrangeAsync(2063);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var settings = $"{Url(a)}?handler=Settings";
        var bad = await staff.PostFormAsync(settings, new() { ["Settings.Kind"] = "1", ["Settings.GoodMin"] = "80", ["Settings.FairlyGoodMin"] = "85", ["Settings.AverageMin"] = "70" }, Url(a));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.False(await f.WithDbAsync((db, _) => db.GradingSettings.AnyAsync(s => s.CampaignId == a.CampaignId)));
        var nan = await staff.PostFormAsync(settings, new() { ["Settings.Kind"] = "1", ["Settings.GoodMin"] = "九十" }, Url(a));
        Assert.Contains("““好”最低分”请填写数字", (await nan.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);

        // 好 from 95: village 1 (91.50) becomes 较好.
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(settings, new()
        {
            ["Settings.Kind"] = "1", ["Settings.GoodMin"] = "95", ["Settings.FairlyGoodMin"] = "80", ["Settings.AverageMin"] = "70", ["Settings.QuotaShare"] = "15",
        }, Url(a))).StatusCode);
        var page = await staff.GetHtmlAsync(Url(a));
        Assert.Equal("较好", page.QuerySelector($"tr[data-row='{a.R1}'] [data-proposed]")!.TextContent.Trim());

        // Search hides the rows that do not match (they stay in the form so the quota counts everyone); sorting by name.
        var searched = await staff.GetHtmlAsync($"{Url(a)}?q=二村");
        Assert.True(searched.QuerySelector($"tr[data-row='{a.R1}']")!.HasAttribute("hidden"));
        Assert.False(searched.QuerySelector($"tr[data-row='{a.R2}']")!.HasAttribute("hidden"));
        var byName = (await staff.GetHtmlAsync($"{Url(a)}?sort=name&desc=true")).QuerySelectorAll("tr[data-row]").Select(tr => tr.GetAttribute("data-row")).ToList();
        Assert.Equal([a.R2.ToString(), a.R1.ToString()], byName);

        // The county above reads only (403 on changes); county B does not see the campaign; the reporter's secretary is not staff.
        var county = await f.PagesAsync(D.A.StaffUser);
        var read = await county.GetHtmlAsync(Url(a));
        Assert.NotNull(read.QuerySelector("[data-readonly]"));
        Assert.Null(read.QuerySelector("select[data-final]"));
        Assert.Equal(HttpStatusCode.Forbidden, (await county.PostFormAsync($"{Url(a)}?handler=Grades", new() { [$"Final[{a.R1}]"] = "2" }, Url(a))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await county.PostFormAsync($"{Url(a)}?handler=Lock", new() { ["MeetingDate"] = "2024-01-10", ["MinuteReference"] = "x" }, Url(a))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await county.GetAsync($"/Campaigns/Grading/Trace/{a.R1}")).StatusCode);
        var other = await f.PagesAsync(D.B.StaffUser);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(Url(a))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Campaigns/Grading/Trace/{a.R1}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await f.PagesAsync(D.A.SecretaryUser)).GetAsync(Url(a))).StatusCode);
    }
}

public sealed class GradingTests_Sqlite(SqliteFactory f) : GradingTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class GradingTests_Postgres(PostgresFactory f) : GradingTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
