using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shuzhi.Domain.Scoring;
using Shuzhi.Web.Data;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Shuzhi.E2E;

/// <summary>
/// 上报 on the demo's 童家镇 2023 campaign with the decision locked: the town's staff find it under 上报, are told as they
/// type that every part is needed, send it and download it as Word; the staff of 乐至县 (the upper unit) return it with a
/// reason; the town sends it again and the county acknowledges it.
/// </summary>
public sealed class UpwardJourneyTests(ShuzhiServer server, BrowserFixture browser) : IClassFixture<ShuzhiServer>, IClassFixture<BrowserFixture>
{
    private const string CountyStaff = "e2e_county_staff";
    private const string CountyPassword = "E2e-County-Pass-2024";

    [Fact]
    public async Task The_town_sends_the_report_the_county_returns_it_and_then_acknowledges_it()
    {
        var campaignId = await ArrangeAsync();

        var (townContext, town, townProblems) = await OpenAsync();
        await using var _ = townContext;
        town.Dialog += async (_, d) => await d.AcceptAsync(); // 确定报送上级吗？
        await LogInAsync(town, ShuzhiServer.StaffUser, ShuzhiServer.StaffPassword);
        await town.GetByRole(AriaRole.Link, new() { Name = "上报", Exact = true }).ClickAsync();
        await Expect(town.Locator("h1")).ToHaveTextAsync("上报情况");
        var row = town.Locator($"tr[data-campaign='{campaignId}']");
        await Expect(row).ToContainTextAsync("未起草");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(town.Locator("[data-compiled]")).ToContainTextAsync("共21人");
        await Expect(town.Locator("[data-distribution] [data-grade=Average]")).ToHaveTextAsync("1");

        // Every part is needed to send: said as soon as the field is left empty, and again on sending.
        await town.Locator("#Conduct").FillAsync("按照县委组织部部署，12月召开述职评议会，21名村党组织书记逐一现场述职，镇党委书记逐一点评。");
        await town.Locator("#ProblemAnalysis").FillAsync("个别书记查摆问题不深，整改措施不够具体。");
        await town.Locator("#NextSteps").FillAsync("x");
        await town.Locator("#NextSteps").FillAsync("");
        await Expect(town.Locator(".invalid-feedback[data-for=NextSteps]")).ToHaveTextAsync("报送前请填写此部分。");
        await town.Locator("[data-submit]").ClickAsync();
        await Expect(town.Locator("[data-state]")).ToHaveTextAsync("未起草"); // nothing was sent
        await Screenshots.TakeAsync(town, "upward-01-writing.png");
        await town.Locator("#NextSteps").FillAsync("抓好问题整改，年内完成软弱涣散村整顿。");
        await town.Locator("[data-submit]").ClickAsync();
        await Expect(town.Locator("[data-state]")).ToHaveTextAsync("已报送");
        await Expect(town.Locator("[data-status]")).ToHaveTextAsync("逾期报送"); // the demo campaign of 2023 is long past its deadline
        var download = await town.RunAndWaitForDownloadAsync(() => town.Locator("[data-docx]").ClickAsync());
        Assert.EndsWith(".docx", download.SuggestedFilename);
        var text = string.Join("\n", Docx.ReadParagraphs(File.OpenRead((await download.PathAsync())!)).Select(p => p.Text));
        Assert.Contains("童家镇", text);
        Assert.Contains("二、工作开展情况", text);
        Assert.Contains("一、基本情况和民主评议结果", text);
        Assert.Contains("21名村党组织书记逐一现场述职", text);

        // The county returns it with a reason.
        var (countyContext, county, countyProblems) = await OpenAsync();
        await using var __ = countyContext;
        county.Dialog += async (_, d) => await d.AcceptAsync(); // 确定将报告退回给下级修改吗？
        await LogInAsync(county, CountyStaff, CountyPassword);
        await county.GotoAsync(server.BaseUrl + "/Upward?year=2023");
        await county.Locator($"tr[data-campaign='{campaignId}'] a").ClickAsync();
        await Expect(county.Locator("[data-narrative]")).ToContainTextAsync("21名村党组织书记逐一现场述职");
        await Screenshots.TakeAsync(county, "upward-02-county-reads.png");
        await county.Locator("#Comment").FillAsync("请补充整改方案报备和整改事项完成情况。");
        await county.Locator("[data-return]").ClickAsync();
        await Expect(county.Locator("[data-state]")).ToHaveTextAsync("已退回");

        // The town sees why, adds it and sends again; the county acknowledges.
        await town.ReloadAsync();
        await Expect(town.Locator("[data-return-reason]")).ToContainTextAsync("请补充整改方案报备");
        await town.Locator("#ProblemAnalysis").FillAsync("个别书记查摆问题不深，整改措施不够具体；整改方案报备进度不一。");
        await town.Locator("[data-submit]").ClickAsync();
        await Expect(town.Locator("[data-state]")).ToHaveTextAsync("已报送");
        await county.ReloadAsync();
        await county.Locator("[data-acknowledge]").ClickAsync();
        await Expect(county.Locator("[data-state]")).ToHaveTextAsync("已签收");
        await Expect(county.Locator("[data-history] li")).ToHaveCountAsync(4);
        await Screenshots.TakeAsync(county, "upward-03-acknowledged.png");

        Assert.True(townProblems.Count == 0, string.Join(Environment.NewLine, townProblems));
        Assert.True(countyProblems.Count == 0, string.Join(Environment.NewLine, countyProblems));
    }

    /// <summary>The decision of 童家镇's 2023 campaign locked (石佛村 一般, three 较好, the rest 好), and a staff account of 乐至县.</summary>
    private async Task<int> ArrangeAsync()
    {
        await using var scope = server.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<CurrentScope>().UseUnrestricted();
        var db = sp.GetRequiredService<AppDbContext>();
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var county = await db.Organizations.SingleAsync(o => o.Code == "LZX");
        var u = new AppUser { UserName = CountyStaff, DisplayName = "乐至县委组织部（测试）", ScopeOrganizationId = county.Id, CreatedAt = DateTimeOffset.UtcNow };
        Assert.True((await users.CreateAsync(u, CountyPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(u, Roles.OrgStaff)).Succeeded);

        var campaignId = await db.Campaigns.Where(c => c.Organizer!.Code == "TJZ" && c.Year == 2023).Select(c => c.Id).SingleAsync();
        var village = await db.Organizations.Where(o => o.Code == "TJZ-02").Select(o => o.Id).SingleAsync();
        var reporters = await db.CampaignReporters.Where(r => r.CampaignId == campaignId).OrderBy(r => r.SortOrder).Select(r => new { r.Id, r.OrganizationId }).ToListAsync();
        var others = reporters.Where(r => r.OrganizationId != village).ToList();
        var grades = reporters.Select(r =>
        {
            var g = r.OrganizationId == village ? Grade.Average : others.IndexOf(r) is >= 0 and < 3 ? Grade.FairlyGood : Grade.Good;
            return new DecidedGrade(r.Id, g, g, null, new Opinion("坚持“三会一课”。", "组织生活质量不高。", "聚焦整改清单。"));
        }).ToList();
        var d = Deliberation.Start(campaignId);
        var now = DateTimeOffset.UtcNow;
        d.Lock(DateOnly.FromDateTime(now.UtcDateTime.AddDays(-1)), "童家镇党委会议纪要〔2024〕2号", grades, Quota.Default, null, "e2e", now);
        db.Deliberations.Add(d);
        await db.SaveChangesAsync();
        return campaignId;
    }

    private Task<(IBrowserContext Context, IPage Page, List<string> Problems)> OpenAsync() =>
        Journeys.OpenAsync(browser.Browser, new() { AcceptDownloads = true, ViewportSize = new() { Width = 1280, Height = 900 } });

    private Task LogInAsync(IPage page, string user, string password) => Journeys.LogInAsync(page, server.BaseUrl, user, password);
}
