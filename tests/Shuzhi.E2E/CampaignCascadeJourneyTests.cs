using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shuzhi.Web.Data;
using Shuzhi.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Shuzhi.E2E;

/// <summary>
/// 分层分类指导 (seed 002 四.2) in two browsers: the county requires plan approval for the year, the
/// town submits its plan, the county returns it with a comment, the town resubmits, the county
/// approves, and only then does the town leave 筹备. Both read the same history.
/// </summary>
public sealed class CampaignCascadeJourneyTests(ShuzhiServer server, BrowserFixture browser)
    : IClassFixture<ShuzhiServer>, IClassFixture<BrowserFixture>
{
    private const string CountyUser = "e2e_county_staff";
    private const string CountyPassword = "E2e-County-Pass-2024";

    [Fact]
    public async Task The_county_requires_returns_and_approves_the_towns_plan()
    {
        await EnsureCountyStaffAsync();
        var (countyContext, county) = await LoginAsync(CountyUser, CountyPassword);
        var (townContext, town) = await LoginAsync(ShuzhiServer.StaffUser, ShuzhiServer.StaffPassword);
        await using var _ = countyContext;
        await using var __ = townContext;

        // The county requires its subordinate units to submit their 2026 plans.
        await county.GotoAsync(server.BaseUrl + "/Campaigns/Manage/Approvals");
        await county.Locator("#UpperId").SelectOptionAsync(new SelectOptionValue { Label = "中共乐至县委员会" });
        await county.Locator("#Year").FillAsync("2026");
        await county.GetByRole(AriaRole.Button, new() { Name = "添加要求", Exact = true }).ClickAsync();
        await Expect(county.Locator("table")).ToContainTextAsync("2026");
        await Screenshots.TakeAsync(county, "cascade-01-requirement.png");

        // The town sets up its campaign: the plan now needs the county's approval.
        await town.GotoAsync(server.BaseUrl + "/Campaigns/Manage/Create");
        await town.Locator("#Year").FillAsync("2026");
        await town.Locator("#Title").FillAsync("童家镇2026年度基层党组织书记抓基层党建工作述职评议考核工作方案");
        await town.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Expect(town).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Campaigns/Details/\\d+$"));
        var details = town.Url;
        var id = details.Split('/').Last();
        await Expect(town.GetByRole(AriaRole.Button, new() { Name = "推进到下一阶段" })).ToBeDisabledAsync();

        await town.GotoAsync($"{server.BaseUrl}/Campaigns/Manage/Edit/{id}");
        await town.Locator("#Input_PlanText").FillAsync("一、指导思想\n二、述职范围：全镇21个村（社区）党组织书记\n三、方法步骤");
        await town.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await town.GotoAsync(details);
        await town.GetByRole(AriaRole.Button, new() { Name = "报上级审批", Exact = true }).ClickAsync();

        // The county sees it in its overview and returns it with a comment.
        await county.GotoAsync(server.BaseUrl + "/Campaigns?year=2026");
        await Expect(county.Locator("table tbody")).ToContainTextAsync("童家镇2026年度");
        await Screenshots.TakeAsync(county, "cascade-02-overview.png");
        await county.GotoAsync(details);
        await county.Locator("#Comment-review").FillAsync("请补充现场述职的时间和地点。");
        await county.GetByRole(AriaRole.Button, new() { Name = "退回修改", Exact = true }).ClickAsync();
        await Expect(county.GetByRole(AriaRole.Button, new() { Name = "推进到下一阶段" })).ToHaveCountAsync(0); // not the county's campaign to run

        // The town reads the comment, resubmits; the county approves.
        await town.GotoAsync(details);
        await Expect(town.Locator("main")).ToContainTextAsync("请补充现场述职的时间和地点。");
        await town.GetByRole(AriaRole.Button, new() { Name = "报上级审批", Exact = true }).ClickAsync();
        await county.GotoAsync(details);
        await county.Locator("#Comment-review").FillAsync("同意。");
        await county.GetByRole(AriaRole.Button, new() { Name = "批准", Exact = true }).ClickAsync();
        await Screenshots.TakeAsync(county, "cascade-03-approved-county.png");

        // Only now does the town leave 筹备.
        await town.GotoAsync(details);
        await town.GetByRole(AriaRole.Button, new() { Name = "推进到下一阶段", Exact = true }).ClickAsync();
        await Expect(town.Locator(".stepper li.current")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("撰写述职报告"));
        await Expect(town.Locator("main")).ToContainTextAsync("同意。");
        await Screenshots.TakeAsync(town, "cascade-04-town-history.png");
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

    private async Task EnsureCountyStaffAsync()
    {
        await using var scope = server.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<CurrentScope>().UseUnrestricted();
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(CountyUser) is not null) return;
        var countyId = await sp.GetRequiredService<AppDbContext>().Organizations.Where(o => o.Code == "LZX").Select(o => o.Id).SingleAsync();
        var user = new AppUser { UserName = CountyUser, DisplayName = "乐至县委组织部（测试）", ScopeOrganizationId = countyId, CreatedAt = DateTimeOffset.UtcNow };
        var created = await users.CreateAsync(user, CountyPassword);
        Assert.True(created.Succeeded, string.Join(";", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, Roles.OrgStaff);
    }
}
