using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shuzhi.Domain.Meetings;
using Shuzhi.Domain.Scoring;
using Shuzhi.Web.Data;
using Shuzhi.Web.Features;
using Shuzhi.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Shuzhi.E2E;

/// <summary>
/// 综合评价 (issue #6) of the demo college campaign (seed 000: 现场测评 70 + 实地考核 30): the meeting is closed with its
/// ballots arranged in the database; an inspector fills the first branch's 检查考核表 on a 360 px phone; the college's
/// staff open the grading page, see the composite, lower the lowest-ranked 好 with a reason (the quota indicator follows
/// at once) and lock the decision with the committee's meeting.
/// </summary>
public sealed class GradingJourneyTests(ShuzhiServer server, BrowserFixture browser)
    : IClassFixture<ShuzhiServer>, IClassFixture<BrowserFixture>
{
    private const string Staff = "e2e_college_staff";
    private const string Inspector = "e2e_college_inspector";
    private const string Password = "E2e-Grading-Pass-2024";

    [Fact]
    public async Task An_inspector_fills_a_sheet_on_a_phone_and_staff_grade_and_lock()
    {
        var (campaignId, first) = await ArrangeAsync();

        // The inspector on a phone.
        var phone = await browser.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2, Locale = "zh-CN", IgnoreHTTPSErrors = true,
        });
        await using (phone)
        {
            var p = await phone.NewPageAsync();
            var problems = Watch(p);
            p.Dialog += async (_, d) => await d.AcceptAsync();
            await LoginAsync(p, Inspector);
            await p.GotoAsync($"{server.BaseUrl}/Inspection/Sheet/{first}");
            var inputs = p.Locator("input[data-points]");
            await Expect(inputs).ToHaveCountAsync(12);
            for (var i = 0; i < 12; i++)
                await inputs.Nth(i).FillAsync(await inputs.Nth(i).GetAttributeAsync("max") ?? "0");
            await p.Locator("#notes").FillAsync("查阅三会一课记录，台账规范；走访党员5名，反映支部活动丰富。");
            await Expect(p.Locator("[data-running-total]")).ToHaveTextAsync("100");
            await Screenshots.TakeAsync(p, "grading-01-sheet-phone.png");
            await p.GetByRole(AriaRole.Button, new() { Name = "提交", Exact = true }).ClickAsync();
            await Expect(p.Locator("[data-locked]")).ToBeVisibleAsync();
            var (scroll, viewport) = (await p.EvaluateAsync<int>("document.documentElement.scrollWidth"), await p.EvaluateAsync<int>("window.innerWidth"));
            Assert.True(scroll <= viewport, $"the sheet is {scroll}px wide on a {viewport}px screen");
            Assert.Empty(problems);
        }

        // The college's staff at a desk.
        var desk = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "zh-CN", IgnoreHTTPSErrors = true });
        await using (desk)
        {
            var page = await desk.NewPageAsync();
            var problems = Watch(page);
            page.Dialog += async (_, d) => await d.AcceptAsync();
            await LoginAsync(page, Staff);
            await page.GotoAsync($"{server.BaseUrl}/Campaigns/Details/{campaignId}");
            await page.Locator("[data-grading-link]").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/Campaigns/Grading/{campaignId}$"));

            // The first branch: ballot 100 × 0.7 + field 100 × 0.3 = 100.00, rank 1; everyone 好, so the quota fails.
            var firstRow = page.Locator($"tr[data-row='{first}']");
            await Expect(firstRow.Locator("[data-composite]")).ToHaveTextAsync("100.00");
            await Expect(firstRow.Locator("[data-rank]")).ToHaveTextAsync("1");
            await Expect(page.Locator("[data-quota-state]")).ToHaveTextAsync("不符合");
            await Expect(page.Locator("[data-quota-below]")).ToHaveTextAsync("0");
            await Screenshots.TakeAsync(page, "grading-02-computed.png");

            // The candidate (lowest-ranked 好) goes to 较好: the reason is asked for at once and the indicator follows.
            var candidateId = await page.Locator("tr[data-row]:has([data-candidate]:not([hidden]))").First.GetAttributeAsync("data-row");
            var candidate = page.Locator($"tr[data-row='{candidateId}']");
            var select = candidate.Locator("select[data-final]");
            await select.SelectOptionAsync(new SelectOptionValue { Label = "较好" });
            await Expect(page.Locator("[data-quota-below]")).ToHaveTextAsync("1");
            var required = int.Parse(await page.Locator("[data-quota-required]").TextContentAsync() ?? "0", CultureInfo.InvariantCulture);
            await Expect(page.Locator("[data-quota-state]")).ToHaveTextAsync(required <= 1 ? "符合" : "不符合");
            await page.Locator("[data-save-grades]").ClickAsync();
            await Expect(candidate.Locator("input[data-reason-for]")).ToHaveClassAsync(new Regex("is-invalid"));
            await Expect(candidate.Locator(".invalid-feedback")).ToHaveTextAsync("确定等次与建议等次不同，请填写调整原因。");
            await Screenshots.TakeAsync(page, "grading-03-reason-asked.png");
            await candidate.Locator("input[data-reason-for]").FillAsync("年度重点任务推进较慢，经研究调整为较好");
            await page.Locator("[data-save-grades]").ClickAsync();
            await Expect(page.Locator("main > .alert[role=status]")).ToContainTextAsync("等次已保存");
            await Expect(page.Locator($"tr[data-row='{candidateId}'] select[data-final]")).ToHaveValueAsync(((int)Grade.FairlyGood).ToString(CultureInfo.InvariantCulture));
            await Expect(page.Locator("[data-quota-below]")).ToHaveTextAsync("1");

            // The committee's decision locks it.
            var today = DateTime.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await page.Locator("#MeetingDate").FillAsync(today);
            await page.Locator("#MinuteReference").FillAsync("院党总支会议纪要〔2024〕1号");
            if (required > 1) await page.Locator("#QuotaReason").FillAsync("学院支部整体表现突出，经研究同意");
            await Screenshots.TakeAsync(page, "grading-04-before-lock.png");
            await page.Locator("[data-lock] button").ClickAsync();
            await Expect(page.Locator("[data-locked]")).ToContainTextAsync("院党总支会议纪要〔2024〕1号");
            await Expect(page.Locator("select[data-final]")).ToHaveCountAsync(0);
            await Screenshots.TakeAsync(page, "grading-05-locked.png");

            // The trace of the first branch goes back to the ballots and the sheet the inspector filled.
            await page.Locator($"tr[data-row='{first}'] a[data-trace]").ClickAsync();
            await Expect(page.Locator("[data-sheet]")).ToHaveCountAsync(1);
            await Expect(page.Locator("[data-sheet]")).ToContainTextAsync("王明");
            await Expect(page.Locator("[data-categories]")).ToBeVisibleAsync();
            await Screenshots.TakeAsync(page, "grading-06-trace.png");
            Assert.Empty(problems);
        }
    }

    /// <summary>
    /// Accounts of the college (staff, inspector), its campaign's meeting closed with two ballots per branch (德能勤绩廉学:
    /// branch i loses min(i, 10) points on 德, so all composites stay ≥ 90), field sheets for every branch but the first
    /// (90 % of each item) and the inspector assigned to the first.
    /// </summary>
    private async Task<(int CampaignId, int First)> ArrangeAsync()
    {
        await using var scope = server.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<CurrentScope>().UseUnrestricted();
        var db = sp.GetRequiredService<AppDbContext>();
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var college = await db.Organizations.SingleAsync(o => o.Code == "SZTU-C01");
        var campaign = await db.Campaigns.SingleAsync(c => c.OrganizerId == college.Id && c.Year == 2023);
        var staff = new AppUser { UserName = Staff, DisplayName = "学院党总支（测试）", ScopeOrganizationId = college.Id, CreatedAt = DateTimeOffset.UtcNow };
        await users.CreateAsync(staff, Password);
        await users.AddToRoleAsync(staff, Roles.OrgStaff);
        var inspector = new AppUser { UserName = Inspector, DisplayName = "学院检查组王明", ScopeOrganizationId = college.Id, CreatedAt = DateTimeOffset.UtcNow };
        await users.CreateAsync(inspector, Password);
        await users.AddToRoleAsync(inspector, Roles.Inspector);

        var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "e2e"), new Claim(ClaimTypes.Role, Roles.Admin)], "test"));
        var meetings = sp.GetRequiredService<MeetingCommands>();
        var track = await db.Tracks.Where(t => t.CampaignId == campaign.Id).OrderBy(t => t.SortOrder).FirstAsync();
        var meeting = await meetings.CreateAsync(admin, campaign, "中德智能制造学院2023年度述职评议会", [track.Id], default);
        meeting.OpenVoting();
        await db.SaveChangesAsync();
        var speakers = (await meetings.SpeakersAsync(meeting, default)).Select(s => s.ReporterForm).ToList();
        var category = await db.VoterCategories.Where(c => c.MeetingId == meeting.Id).OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync();
        var marks = speakers.Select((s, i) => Mark.ForPoints(s.ReporterId, 20 - Math.Min(i, 10), 15, 15, 20, 15, 15)).ToList();
        for (var k = 0; k < 2; k++) db.MeetingBallots.Add(MeetingBallot.FromPhone(meeting.Id, category, speakers, marks, meeting.Rules));
        await db.SaveChangesAsync();
        await meetings.CloseVotingAsync(admin, campaign, meeting, default);

        var first = speakers[0].ReporterId;
        var template = SheetTemplate.Seed000;
        var points = template.Items.ToDictionary(i => i.Key, i => i.MaxPoints * 0.9m);
        foreach (var s in speakers.Skip(1))
        {
            var sheet = InspectionSheet.ForTemplate(track.Id, s.ReporterId, SheetKind.FieldInspection, template, null, "学院检查组", college.Id);
            sheet.Fill(new SheetScores(points, new Dictionary<string, decimal>(), new Dictionary<string, decimal>(), [], "台账基本齐全。"));
            sheet.Submit(DateTimeOffset.UtcNow);
            db.InspectionSheets.Add(sheet);
        }
        db.InspectorAssignments.Add(new InspectorAssignment { CampaignId = campaign.Id, ReporterId = first, InspectorUserId = inspector.Id });
        await db.SaveChangesAsync();
        return (campaign.Id, first);
    }

    private static List<string> Watch(IPage page)
    {
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add("script error: " + error);
        page.Console += (_, m) => { if (m.Type == "error" && !m.Location.Contains("/favicon.ico")) problems.Add($"console: {m.Text} on {page.Url}"); };
        return problems;
    }

    private async Task LoginAsync(IPage page, string user)
    {
        await page.GotoAsync(server.BaseUrl + "/Account/Login");
        await page.GetByLabel("用户名", new() { Exact = true }).FillAsync(user);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(server.BaseUrl + "/");
    }
}
