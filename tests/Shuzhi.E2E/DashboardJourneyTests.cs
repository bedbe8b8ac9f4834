using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shuzhi.Domain.Scoring;
using Shuzhi.Web.Data;
using Shuzhi.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Shuzhi.E2E;

/// <summary>
/// The view from above: a viewer of 乐至县 opens the dashboard, filters by year and kind, sees the charts drawn,
/// reads a chart's table, finds a village and opens its history.
/// </summary>
public sealed class DashboardJourneyTests(ShuzhiServer server, BrowserFixture browser)
    : IClassFixture<ShuzhiServer>, IClassFixture<BrowserFixture>
{
    private const string Viewer = "e2e_county_viewer";
    private const string ViewerPassword = "E2e-Viewer-Pass-2024";

    /// <summary>A viewer account of the county, and the decision on the grades of 童家镇's 2023 campaign (as the grading pages lock it).</summary>
    private async Task<(string Village, int VillageId, Grade Grade)> ArrangeAsync()
    {
        await using var scope = server.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<CurrentScope>().UseUnrestricted();
        var db = sp.GetRequiredService<AppDbContext>();
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var county = await db.Organizations.SingleAsync(o => o.Code == "LZX");
        if (await users.FindByNameAsync(Viewer) is null)
        {
            var u = new AppUser { UserName = Viewer, DisplayName = "乐至县委组织部（查看）", ScopeOrganizationId = county.Id, CreatedAt = DateTimeOffset.UtcNow };
            Assert.True((await users.CreateAsync(u, ViewerPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(u, Roles.Viewer)).Succeeded);
        }
        var campaign = await db.Campaigns.SingleAsync(c => c.Year == 2023 && db.Organizations.Any(o => o.Id == c.OrganizerId && o.Code == "TJZ"));
        var reporters = await db.CampaignReporters.Where(r => r.CampaignId == campaign.Id).OrderBy(r => r.SortOrder).ThenBy(r => r.Id).ToListAsync();
        Grade[] cycle = [Grade.Good, Grade.Good, Grade.FairlyGood, Grade.Good, Grade.Average, Grade.FairlyGood, Grade.Good];
        var grades = reporters.Select((r, i) => new DecidedGrade(r.Id, cycle[i % cycle.Length], cycle[i % cycle.Length], null,
            new Opinion("组织生活规范，阵地建设扎实", "发展党员工作滞后", "加强后备力量培养"))).ToList();
        if (!await db.Deliberations.AnyAsync(d => d.CampaignId == campaign.Id))
        {
            var d = Deliberation.Start(campaign.Id);
            d.Lock(new DateOnly(2024, 1, 20), "童家镇党委会议纪要〔2024〕2号", grades, Quota.Default, "按实际情况确定", "e2e", DateTimeOffset.UtcNow);
            db.Deliberations.Add(d);
            await db.SaveChangesAsync();
        }
        var first = reporters[4 % reporters.Count];
        var village = await db.Organizations.SingleAsync(o => o.Id == first.OrganizationId);
        return (village.Name, village.Id, grades.Single(g => g.ReporterId == first.Id).Final);
    }

    [Fact]
    public async Task A_county_viewer_filters_the_dashboard_and_opens_a_villages_history()
    {
        var (village, villageId, grade) = await ArrangeAsync();
        var context = await browser.Browser.NewContextAsync(new() { Locale = "zh-CN", IgnoreHTTPSErrors = true, ViewportSize = new() { Width = 1280, Height = 900 } });
        await using var _ = context;
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add("script error: " + error);
        page.Console += (_, message) =>
        {
            // CSP violations are console errors too: the charts must draw without inline styles or scripts.
            if (message.Type == "error" && !message.Location.Contains("/favicon.ico")) problems.Add($"console: {message.Text} on {page.Url}");
        };

        await page.GotoAsync(server.BaseUrl + "/Account/Login");
        await page.GetByLabel("用户名", new() { Exact = true }).FillAsync(Viewer);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(ViewerPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(server.BaseUrl + "/");

        await page.GetByRole(AriaRole.Link, new() { Name = "看板", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("统计看板");
        await Expect(page.Locator("[data-filters][data-ready]")).ToHaveCountAsync(1);

        // The year 2023: the demo campaign of 童家镇 with its decided grades.
        await page.Locator("#year").SelectOptionAsync("2023");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("year=2023"));
        await Expect(page.Locator("[data-chart='grades-kind'][data-rendered] canvas")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-chart='stages'][data-rendered] canvas")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-chart='coverage'][data-rendered] canvas")).ToHaveCountAsync(1);
        var total = await page.Locator("[data-table='grades-year'] tbody tr").Filter(new() { HasText = "2023年度" }).Locator("td").AllTextContentsAsync();
        Assert.True(total.Skip(1).Sum(t => int.Parse(t.Trim())) > 0, "2023 has decided grades");
        await Screenshots.TakeAsync(page, "dashboard-01-year.png");

        await Expect(page.Locator("[data-filters][data-ready]")).ToHaveCountAsync(1);
        // Only party branches.
        await page.Locator("#kind").SelectOptionAsync("Branch");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("kind=Branch"));
        await Expect(page.Locator("#year")).ToHaveValueAsync("2023");
        await Expect(page.Locator("[data-chart='grades-track'][data-rendered] canvas")).ToHaveCountAsync(1);
        await page.Locator("[data-section='grades-kind'] summary").ClickAsync();
        await Expect(page.Locator("[data-table='grades-kind'] tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-table='grades-kind'] tbody tr")).ToContainTextAsync("党支部");
        await Screenshots.TakeAsync(page, "dashboard-02-branches.png");

        // Find the village and open its history.
        await page.Locator("form[data-search] input[name=q]").FillAsync(village);
        await page.Locator("form[data-search] button").ClickAsync();
        var hit = page.Locator($"[data-org='{villageId}']");
        await Expect(hit).ToHaveCountAsync(1);
        await Screenshots.TakeAsync(page, "dashboard-03-search.png");
        await hit.GetByRole(AriaRole.Link, new() { Name = "历年述职评议" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync(village);
        var year = page.Locator("[data-history='2023']");
        await Expect(year.Locator("[data-grade]")).ToHaveTextAsync(grade.Name());
        await Expect(year).ToContainTextAsync("发展党员工作滞后");
        await Screenshots.TakeAsync(page, "dashboard-04-history.png");

        // On a phone (360 px) the dashboard fits the width, charts drawn.
        await page.SetViewportSizeAsync(360, 740);
        await page.GotoAsync(server.BaseUrl + "/Dashboard?year=2023");
        await Expect(page.Locator("[data-chart='grades-year'][data-rendered] canvas")).ToHaveCountAsync(1);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "the dashboard overflows 360 px");
        await Screenshots.TakeAsync(page, "dashboard-05-phone.png");

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
