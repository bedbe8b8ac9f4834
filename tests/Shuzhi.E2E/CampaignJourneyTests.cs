using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Organizations;
using Shuzhi.Web.Data;
using Shuzhi.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Shuzhi.E2E;

/// <summary>
/// The university's staff set up seed 004's campaign through the pages: its three tracks (层面) with
/// their modes and weights, the reporters of each, then the term coverage; the campaign itself through
/// its create page.
/// </summary>
public sealed class CampaignJourneyTests(ShuzhiServer server, BrowserFixture browser)
    : IClassFixture<ShuzhiServer>, IClassFixture<BrowserFixture>
{
    private const string User = "e2e_sztu_staff";
    private const string Password = "E2e-Sztu-Pass-2024";
    private const int Year = 2024; // the demo already holds the university's 2022 campaign

    private sealed record TrackSpec(string Name, string Mode, (string Component, int Weight)[] Weights, bool OnSite);

    private static readonly TrackSpec[] Tracks =
    [
        new("招生学院党总支、直属党支部书记", "书面述职和现场述职", [("现场测评", 40), ("交叉检查互评", 30), ("组织部日常考评", 30)], true),
        new("体育与艺术学院直属党支部、基教集团党总支和非教学单位直属党支部书记", "书面述职", [("述职报告评价", 40), ("组织部日常考评", 60)], false),
        new("学院基层党支部和基教集团基层党支部书记", "书面述职", [("上级党组织（党总支）考评", 60), ("组织部日常考评", 40)], false),
    ];

    [Fact]
    public async Task Staff_set_up_seed_004_with_three_tracks_and_their_reporters()
    {
        var orgIds = await ArrangeAsync();
        var (context, page, problems) = await OpenAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, AcceptDownloads = true });
        await using var _ = context;
        await LogInAsync(page);

        // The campaign: through its create page, not copied from the demo's 2022 one (whose tracks are set already).
        await page.GotoAsync(server.BaseUrl + "/Campaigns/Manage/Create");
        await page.Locator("#OrganizerId").SelectOptionAsync(new SelectOptionValue { Label = "中共深圳技术大学委员会" });
        await page.Locator("#Year").FillAsync(Year.ToString());
        await page.Locator("#CopyLastYear").SetCheckedAsync(false);
        await page.Locator("#Title").FillAsync($"深圳技术大学{Year}年度基层党组织书记述职考核");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/Campaigns/Details/\d+$"));
        var campaignId = int.Parse(new Uri(page.Url).Segments.Last());
        await page.Locator($"a[href='/Campaigns/Tracks/{campaignId}']").First.ClickAsync();
        await Expect(page).ToHaveURLAsync($"{server.BaseUrl}/Campaigns/Tracks/{campaignId}");
        await Expect(page.Locator(".track-tabs")).ToContainTextAsync("层面");
        for (var i = 0; i < Tracks.Length; i++)
        {
            var t = Tracks[i];
            await page.GetByRole(AriaRole.Link, new() { Name = "添加层面", Exact = true }).First.ClickAsync();
            await Expect(page).ToHaveURLAsync($"{server.BaseUrl}/Campaigns/Tracks/Edit/{campaignId}");
            await page.GetByLabel("层面名称").FillAsync(t.Name);
            await page.GetByLabel(t.Mode, new() { Exact = true }).CheckAsync();
            // The form starts with 现场测评 100%: clear it unless this track keeps it.
            await page.GetByLabel("现场测评", new() { Exact = true }).SetCheckedAsync(false);
            foreach (var (component, weight) in t.Weights)
            {
                await page.GetByLabel(component, new() { Exact = true }).CheckAsync();
                await page.GetByLabel($"{component}的权重", new() { Exact = true }).FillAsync(weight.ToString());
            }
            if (i == 0)
            {
                // As-you-type: a wrong weight shows the sum in red and the form is not sent.
                await page.GetByLabel("组织部日常考评的权重", new() { Exact = true }).FillAsync("20");
                await Expect(page.Locator("#weight-sum")).ToContainTextAsync("90");
                await Expect(page.Locator("#weight-sum")).ToHaveClassAsync(new Regex(@"\btext-danger\b"));
                await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
                await Expect(page).ToHaveURLAsync($"{server.BaseUrl}/Campaigns/Tracks/Edit/{campaignId}");
                await Expect(page.Locator("#client-errors")).ToContainTextAsync("各项权重之和应为100，当前为90。");
                await page.GetByLabel("组织部日常考评的权重", new() { Exact = true }).FillAsync("30");
                await Expect(page.Locator("#weight-sum")).ToHaveClassAsync(new Regex(@"\btext-success\b"));
                await page.GetByLabel("每人发言时间（分钟）").FillAsync("8");
                await page.GetByLabel("需准备PPT").CheckAsync();
                await Expect(page.Locator("#grade-section")).ToBeVisibleAsync();
                await Screenshots.TakeAsync(page, "20-track-edit.png");
            }
            else
            {
                await Expect(page.Locator("#onsite-section")).ToBeHiddenAsync();
            }
            await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync($"{server.BaseUrl}/Campaigns/Tracks/{campaignId}");
            await Expect(page.Locator(".alert-success")).ToContainTextAsync($"已保存层面“{t.Name}”");
        }
        var cards = page.Locator(".track-card");
        await Expect(cards).ToHaveCountAsync(3);
        await Expect(cards.Nth(0)).ToContainTextAsync("现场测评 40%，交叉检查互评 30%，组织部日常考评 30%");
        await Expect(cards.Nth(0)).ToContainTextAsync("每人8分钟，需准备PPT");
        await Expect(cards.Nth(1)).ToContainTextAsync("组织部日常考评 60%，述职报告评价 40%");
        await Expect(cards.Nth(2)).ToContainTextAsync("上级党组织（党总支）考评 60%，组织部日常考评 40%");
        await Screenshots.TakeAsync(page, "21-tracks.png");

        // Reporters: the 党总支 by kind into the first track (基教集团党总支 comes along and is moved),
        // the rest picked.
        await page.GetByRole(AriaRole.Link, new() { Name = "述职单位", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{server.BaseUrl}/Campaigns/Reporters/{campaignId}");
        await page.Locator("#kind-track").SelectOptionAsync(new SelectOptionValue { Label = Tracks[0].Name });
        await page.Locator("#kind").SelectOptionAsync(new SelectOptionValue { Label = "党总支" });
        await page.Locator("form[action*='handler=AddByKind'] button").ClickAsync();
        await Expect(page.Locator(".alert-success")).ToContainTextAsync("添加8个述职单位");
        await PickAsync(page, Tracks[0].Name, orgIds, "SZTU-D01", "SZTU-D02");
        await PickAsync(page, Tracks[1].Name, orgIds, "SZTU-D03", "SZTU-N01", "SZTU-N02", "SZTU-N03", "SZTU-N04", "SZTU-N05");
        await PickAsync(page, Tracks[2].Name, orgIds, orgIds.Keys.Where(c => Regex.IsMatch(c, @"^SZTU-(C\d\d|JJ)-B\d$")).ToArray());

        var jjRow = page.Locator("table.reporter-table tr").Filter(new() { HasText = "SZTU-JJ" }).Filter(new() { HasText = "基础教育集团党总支" });
        await jjRow.Locator("select[name=trackId]").SelectOptionAsync(new SelectOptionValue { Label = Tracks[1].Name });
        await jjRow.GetByRole(AriaRole.Button, new() { Name = "移动", Exact = true }).ClickAsync();
        await Expect(page.Locator(".alert-success")).ToContainTextAsync($"已移到层面“{Tracks[1].Name}”");

        var groups = page.Locator("table.reporter-table tbody");
        await Expect(groups.Nth(0).Locator("th[scope=rowgroup]")).ToContainTextAsync("（9）");
        await Expect(groups.Nth(1).Locator("th[scope=rowgroup]")).ToContainTextAsync("（7）");
        await Expect(groups.Nth(2).Locator("th[scope=rowgroup]")).ToContainTextAsync("（23）");
        // The art college's secretary post is vacant: its deputy reports, marked 代理.
        await Expect(page.Locator("table.reporter-table tr").Filter(new() { HasText = "SZTU-D03" })).ToContainTextAsync("代理");
        await Screenshots.TakeAsync(page, "22-reporters.png");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "导出Excel" }).ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename);

        await page.GetByRole(AriaRole.Link, new() { Name = "届期覆盖", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{server.BaseUrl}/Campaigns/Coverage/{campaignId}");
        await Expect(page.Locator("tr[data-org='SZTU-C01']")).ToContainTextAsync("2024 ✓");
        await Expect(page.Locator("tr[data-org='SZTU-N01']")).ToContainTextAsync("书面述职");
        await Screenshots.TakeAsync(page, "23-coverage.png");

        await using (var scope = server.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentScope>().UseUnrestricted();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var tracks = await db.Tracks.Where(t => t.CampaignId == campaignId).OrderBy(t => t.SortOrder).ToListAsync();
            Assert.Equal([DebriefMode.Both, DebriefMode.Written, DebriefMode.Written], tracks.Select(t => t.Mode));
            Assert.Equal(8, tracks[0].SpeakingMinutes);
            Assert.Equal(39, await db.CampaignReporters.CountAsync(r => r.CampaignId == campaignId));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "reporter-move" && a.Actor == User && a.Details.Contains("基础教育集团党总支")));
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task The_reporters_page_fits_a_phone_screen()
    {
        var campaignId = await DemoCampaignAsync();
        var (context, page, problems) = await OpenAsync(new()
        {
            ViewportSize = new() { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2,
        });
        await using var _ = context;
        await LogInAsync(page);
        await page.GotoAsync($"{server.BaseUrl}/Campaigns/Reporters/{campaignId}");
        await Expect(page.Locator("table.reporter-table")).ToContainTextAsync("中德智能制造学院党总支");
        var (scroll, viewport) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
        Assert.True(scroll <= viewport, $"The page is {scroll}px wide on a {viewport}px screen.");
        // The first screen as a phone shows it (the full page is long: 39 reporters).
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Directory, "24-phone-reporters.png"), Caret = ScreenshotCaret.Initial });
        await page.GotoAsync($"{server.BaseUrl}/Campaigns/Tracks/Edit/{campaignId}");
        (scroll, viewport) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
        Assert.True(scroll <= viewport, $"The track editor is {scroll}px wide on a {viewport}px screen.");
        await Screenshots.TakeAsync(page, "25-phone-track-edit.png");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static async Task PickAsync(IPage page, string track, IReadOnlyDictionary<string, int> orgIds, params string[] codes)
    {
        await page.Locator("#pick-track").SelectOptionAsync(new SelectOptionValue { Label = track });
        foreach (var code in codes) await page.Locator($"input[name=organizationIds][value='{orgIds[code]}']").CheckAsync();
        await page.Locator("form[action*='handler=AddPicked'] button").ClickAsync();
        await Expect(page.Locator(".alert-success")).ToContainTextAsync($"添加{codes.Length}个述职单位");
    }

    /// <summary>The staff account of the university; the organizations' ids by code.</summary>
    private Task<Dictionary<string, int>> ArrangeAsync() =>
        AtUniversityAsync((db, _) => db.Organizations.Where(o => o.Code.StartsWith("SZTU-")).ToDictionaryAsync(o => o.Code, o => o.Id));

    private Task<int> DemoCampaignAsync() =>
        AtUniversityAsync((db, uni) => db.Campaigns.Where(c => c.OrganizerId == uni.Id && c.Year == 2022).Select(c => c.Id).SingleAsync());

    private async Task<T> AtUniversityAsync<T>(Func<AppDbContext, Organization, Task<T>> read)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<CurrentScope>().UseUnrestricted();
        var db = sp.GetRequiredService<AppDbContext>();
        var uni = await db.Organizations.SingleAsync(o => o.Code == "SZTU");
        await EnsureUserAsync(sp, uni.Id);
        return await read(db, uni);
    }

    private static async Task EnsureUserAsync(IServiceProvider sp, int scopeId)
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(User) is not null) return;
        var user = new AppUser { UserName = User, DisplayName = "深圳技术大学党委组织部（测试）", ScopeOrganizationId = scopeId, CreatedAt = DateTimeOffset.UtcNow };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join(";", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, Roles.OrgStaff);
    }

    private Task<(IBrowserContext Context, IPage Page, List<string> Problems)> OpenAsync(BrowserNewContextOptions options) => Journeys.OpenAsync(browser.Browser, options);

    private Task LogInAsync(IPage page) => Journeys.LogInAsync(page, server.BaseUrl, User, Password);
}
