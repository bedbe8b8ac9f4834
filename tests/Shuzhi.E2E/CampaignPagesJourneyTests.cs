using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Shuzhi.E2E;

/// <summary>The campaign form on a 360 px phone: default deadlines follow the dates as typed, order errors show at once.</summary>
public sealed class CampaignPagesJourneyTests(ShuzhiServer server, BrowserFixture browser)
    : IClassFixture<ShuzhiServer>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Staff_set_up_a_campaign_on_a_phone()
    {
        var context = await browser.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2,
            Locale = "zh-CN", IgnoreHTTPSErrors = true,
        });
        await using var _ = context;
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add("script error: " + error);
        page.Console += (_, m) => { if (m.Type == "error" && !m.Location.Contains("/favicon.ico")) problems.Add($"console: {m.Text} on {page.Url}"); };

        await page.GotoAsync(server.BaseUrl + "/Account/Login");
        await page.GetByLabel("用户名", new() { Exact = true }).FillAsync(ShuzhiServer.StaffUser);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(ShuzhiServer.StaffPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(server.BaseUrl + "/");

        await page.GotoAsync(server.BaseUrl + "/Campaigns/Manage/Create");
        await page.Locator("#Year").FillAsync("2027");
        // The year sets the usual shape: start 2027-12-01, meeting 2028-01-15, end 2028-01-31.
        await Expect(page.Locator("#Timeline_Start")).ToHaveValueAsync("2027-12-01");
        await Expect(page.Locator("#Timeline_RectificationPlanDeadline")).ToHaveValueAsync("2028-02-15");
        await page.Locator("#Timeline_MeetingDate").FillAsync("2028-01-31");
        await Expect(page.Locator("#Timeline_RectificationPlanDeadline")).ToHaveValueAsync("2028-02-29"); // one month, clamped
        await page.Locator("#Timeline_AssessmentEnd").FillAsync("2028-02-20");
        await Expect(page.Locator("#Timeline_UpwardReportDeadline")).ToHaveValueAsync("2028-03-06");  // 15 days after the end

        await page.Locator("#Timeline_ReportDeadline").FillAsync("2027-11-20");
        await Expect(page.Locator(".invalid-feedback[data-for='Timeline.ReportDeadline']")).ToHaveTextAsync("述职报告截止日期不能早于开始日期。");
        await page.Locator("#Timeline_ReportDeadline").FillAsync("2028-01-05");
        await Expect(page.Locator(".invalid-feedback[data-for='Timeline.ReportDeadline']")).ToHaveTextAsync("");
        await page.Locator("#Title").FillAsync("童家镇2027年度基层党组织书记抓基层党建工作述职评议考核工作方案");
        await AssertFitsAsync(page);
        await Screenshots.TakeAsync(page, "campaign-01-create-phone.png");

        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Campaigns/Details/\\d+$"));
        await Expect(page.Locator(".stepper li.current")).ToHaveTextAsync("筹备");
        await Expect(page.Locator("dl.timeline")).ToContainTextAsync("2028年2月29日");
        await AssertFitsAsync(page);
        await Screenshots.TakeAsync(page, "campaign-02-details-phone.png");

        await page.GotoAsync(server.BaseUrl + "/Campaigns?year=2027");
        await Expect(page.Locator("table tbody")).ToContainTextAsync("童家镇2027年度");
        await Screenshots.TakeAsync(page, "campaign-03-overview-phone.png");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static async Task AssertFitsAsync(IPage page)
    {
        var (scroll, viewport) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
        Assert.True(scroll <= viewport, $"The page is {scroll}px wide on a {viewport}px screen.");
    }
}
