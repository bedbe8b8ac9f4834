using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shuzhi.Domain.Meetings;
using Shuzhi.Web.Data;
using Shuzhi.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Shuzhi.E2E;

/// <summary>
/// Rectification of 童家镇 2023 (issue #7): the meeting pointed out two problems of a village (arranged in the database);
/// the village's secretary collects them, writes the measures and files the plan; the town's staff accept it; the
/// secretary starts an item, records progress, uploads a PDF as evidence and marks it done; staff verify and close it.
/// </summary>
public sealed class RectificationJourneyTests(ShuzhiServer server, BrowserFixture browser)
    : IClassFixture<ShuzhiServer>, IClassFixture<BrowserFixture>
{
    private const string SecretaryUser = "e2e_village_secretary";
    private const string SecretaryPassword = "E2e-Village-Pass-2024";

    [Fact]
    public async Task A_secretary_files_a_plan_from_the_meeting_and_staff_verify_and_close_an_item()
    {
        var (campaignId, reporterId, orgName) = await ArrangeAsync();
        var (secretaryContext, secretary) = await LoginAsync(SecretaryUser, SecretaryPassword);
        await using var _ = secretaryContext;
        var problems = Watch(secretary);

        // From the home page to the own plan.
        await secretary.Locator("[data-rect-home]").ClickAsync();
        await secretary.Locator($"[data-reporter='{reporterId}'] a").ClickAsync();
        await Expect(secretary).ToHaveURLAsync(new Regex($"/Rectification/Plan/{reporterId}$"));
        await Expect(secretary.Locator("[data-no-problems]")).ToBeVisibleAsync();
        await secretary.Locator("[data-collect]").ClickAsync();
        await Expect(secretary.Locator("main > .alert[role=status]")).ToHaveTextAsync("已收集 2 个新问题。");
        await Expect(secretary.Locator("[data-problems] tbody tr")).ToHaveCountAsync(2);

        // The measures of each problem; an empty field is refused in the browser first.
        var forms = secretary.Locator("[data-item-form]");
        await Expect(forms).ToHaveCountAsync(2);
        var deadline = DateTime.Today.AddDays(60).ToString("yyyy-MM-dd");
        var measures = new[] { "制定发展党员三年规划，严格落实发展程序。", "每周开放活动阵地，组织党员志愿服务。" };
        var first = forms.Nth(0);
        await first.Locator("textarea[name=measures]").FillAsync("");
        await first.Locator("textarea[name=measures]").BlurAsync();
        await Expect(first.Locator(".invalid-feedback[data-for='measures']")).ToHaveTextAsync("请填写整改措施。");
        for (var i = 0; i < 2; i++)
        {
            var form = secretary.Locator("[data-item-form]").Nth(i);
            await form.Locator("textarea[name=measures]").FillAsync(measures[i]);
            await form.Locator("textarea[name=expected]").FillAsync("年底前问题全部解决。");
            await form.Locator("input[name=responsible]").FillAsync("村党支部书记");
            await form.Locator("input[name=deadline]").FillAsync(deadline);
            await form.Locator("[data-save-item]").ClickAsync();
            await Expect(secretary.Locator("main > .alert[role=status]")).ToHaveTextAsync("已保存。");
        }
        await Expect(secretary.Locator("[data-planned]")).ToHaveCountAsync(2);
        await Screenshots.TakeAsync(secretary, "rect-01-items.png");
        await secretary.Locator("[data-file]").ClickAsync();
        await Expect(secretary.Locator("main > .alert[role=status]")).ToHaveTextAsync("整改方案已报送，等待组织部门审核。");
        await Expect(secretary.Locator("[data-plan-state]")).ToHaveTextAsync("已报送，待审核");
        await Expect(secretary.Locator("[data-rectification] tbody tr")).ToHaveCountAsync(2);

        // The town's staff: from the campaign to the plan, accepted.
        var (staffContext, staff) = await LoginAsync(ShuzhiServer.StaffUser, ShuzhiServer.StaffPassword);
        await using var __ = staffContext;
        problems.AddRange(Watch(staff));
        await staff.GotoAsync($"{server.BaseUrl}/Campaigns/Details/{campaignId}");
        await staff.Locator("[data-rect-link]").ClickAsync();
        await staff.Locator($"[data-reporter='{reporterId}'] a").ClickAsync();
        await Expect(staff.Locator("h1")).ToContainTextAsync(orgName);
        await Screenshots.TakeAsync(staff, "rect-02-review.png");
        await staff.Locator("[data-accept]").ClickAsync();
        await Expect(staff.Locator("[data-plan-state]")).ToHaveTextAsync("审核通过，整改中");

        // The secretary tracks the first item: started, progress, a PDF, done.
        await secretary.ReloadAsync();
        var item = secretary.Locator("[data-track]").First;
        await item.Locator("[data-start]").ClickAsync();
        item = secretary.Locator("[data-track]").First;
        await Expect(item.Locator("[data-item-state]")).ToHaveTextAsync("整改中");
        await item.Locator("textarea[name=note]").FillAsync("已召开支委会，制定发展党员三年规划。");
        await item.Locator("[data-add-note]").ClickAsync();
        await Expect(secretary.Locator("main > .alert[role=status]")).ToHaveTextAsync("整改进展已记录。");
        item = secretary.Locator("[data-track]").First;
        await item.Locator("input[name=file]").SetInputFilesAsync(new FilePayload { Name = "支委会记录.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n% 支委会记录\n"u8.ToArray() });
        await item.Locator("[data-upload]").ClickAsync();
        await Expect(secretary.Locator("main > .alert[role=status]")).ToHaveTextAsync("佐证材料已上传。");
        item = secretary.Locator("[data-track]").First;
        await Expect(item.Locator("[data-evidence] a")).ToHaveTextAsync("支委会记录.pdf");
        await item.Locator("[data-done]").ClickAsync();
        item = secretary.Locator("[data-track]").First;
        await Expect(item.Locator("[data-item-state]")).ToHaveTextAsync("已完成（待核验）");
        await Screenshots.TakeAsync(secretary, "rect-03-tracked.png");

        // Staff verify and close it (销号), after confirming.
        staff.Dialog += async (_, d) => await d.AcceptAsync();
        await staff.ReloadAsync();
        var verify = staff.Locator("[data-track]").First;
        await Expect(verify.Locator("[data-evidence] a")).ToHaveTextAsync("支委会记录.pdf");
        await verify.Locator("[data-close]").ClickAsync();
        await Expect(staff.Locator("main > .alert[role=status]")).ToHaveTextAsync("已核验销号。");
        await Expect(staff.Locator("[data-track]").First.Locator("[data-item-state]")).ToHaveTextAsync("已销号");
        await Expect(staff.Locator("[data-rectification] [data-state]").First).ToHaveTextAsync("已销号");
        await Screenshots.TakeAsync(staff, "rect-04-closed.png");

        // The overview counts it.
        await staff.GotoAsync($"{server.BaseUrl}/Rectification?campaignId={campaignId}");
        await Expect(staff.Locator($"[data-reporter='{reporterId}'] td").Nth(6)).ToHaveTextAsync("1");
        await Screenshots.TakeAsync(staff, "rect-05-overview.png");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>A meeting of 童家镇 2023 with two comments marked as problems on the first on-site reporter, and a secretary account for that village.</summary>
    private async Task<(int CampaignId, int ReporterId, string OrgName)> ArrangeAsync()
    {
        await using var scope = server.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<CurrentScope>().UseUnrestricted();
        var db = sp.GetRequiredService<AppDbContext>();
        var campaign = await db.Campaigns.SingleAsync(c => c.Organizer!.Code == "TJZ" && c.Year == 2023);
        var tracks = await db.Tracks.Where(t => t.CampaignId == campaign.Id).ToListAsync();
        var onSite = tracks.Where(t => t.Mode is Shuzhi.Domain.Campaigns.DebriefMode.OnSite or Shuzhi.Domain.Campaigns.DebriefMode.Both).Select(t => t.Id).ToList();
        var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "e2e"), new Claim(ClaimTypes.Role, Roles.Admin)], "test"));
        var meeting = await sp.GetRequiredService<Shuzhi.Web.Features.MeetingCommands>().CreateAsync(admin, campaign, "2023年度述职评议会", onSite, default);
        await db.SaveChangesAsync();
        var reporter = await db.CampaignReporters.Where(r => r.CampaignId == campaign.Id && onSite.Contains(r.TrackId)).OrderBy(r => r.SortOrder).FirstAsync();
        db.MeetingComments.AddRange(
            MeetingComment.Create(meeting.Id, reporter.Id, null, "镇党委书记", "发展党员工作偏慢，程序不够规范。", isProblem: true),
            MeetingComment.Create(meeting.Id, reporter.Id, null, "镇党委书记", "村级活动阵地使用率不高。", isProblem: true),
            MeetingComment.Create(meeting.Id, reporter.Id, null, "镇党委书记", "产业发展有思路。", isProblem: false));
        await db.SaveChangesAsync();
        var org = await db.Organizations.SingleAsync(o => o.Id == reporter.OrganizationId);
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = SecretaryUser, DisplayName = org.Name + "书记（测试）", ScopeOrganizationId = org.Id, CreatedAt = DateTimeOffset.UtcNow };
        Assert.True((await users.CreateAsync(user, SecretaryPassword)).Succeeded);
        await users.AddToRoleAsync(user, Roles.Secretary);
        return (campaign.Id, reporter.Id, org.Name);
    }

    private async Task<(IBrowserContext, IPage)> LoginAsync(string user, string password)
    {
        var context = await browser.Browser.NewContextAsync(new() { Locale = "zh-CN", IgnoreHTTPSErrors = true, ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.BaseUrl + "/Account/Login");
        await page.GetByLabel("用户名", new() { Exact = true }).FillAsync(user);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(server.BaseUrl + "/");
        return (context, page);
    }

    private static List<string> Watch(IPage page)
    {
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add("script error: " + error);
        page.Console += (_, m) => { if (m.Type == "error" && !m.Location.Contains("/favicon.ico")) problems.Add($"console: {m.Text} on {page.Url}"); };
        return problems;
    }
}
