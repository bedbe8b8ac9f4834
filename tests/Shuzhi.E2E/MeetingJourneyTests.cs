using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shuzhi.Web.Data;
using Shuzhi.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Shuzhi.E2E;

/// <summary>
/// The organizer runs the debrief meeting of 童家镇 2023 (issue #5): sets it up from the on-site track, moves a speaker,
/// weights a voter category, shows the chair's screen, records a 一述一评 comment as a problem, opens and closes the
/// vote and checks the digest; then the pages on a 360 px phone.
/// </summary>
public sealed class MeetingJourneyTests(ShuzhiServer server, BrowserFixture browser)
    : IClassFixture<ShuzhiServer>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Staff_prepare_and_run_the_debrief_meeting()
    {
        var campaignId = await CampaignIdAsync();
        var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 860 }, Locale = "zh-CN", IgnoreHTTPSErrors = true });
        await using var _ = context;
        var page = await context.NewPageAsync();
        var problems = Watch(page);
        page.Dialog += async (_, d) => await d.AcceptAsync();
        await LoginAsync(page);

        await page.GotoAsync($"{server.BaseUrl}/Campaigns/Details/{campaignId}");
        await page.Locator("[data-meetings-link]").ClickAsync();
        await page.Locator("[data-create-meeting]").ClickAsync();
        await Expect(page.Locator("#Title")).ToHaveValueAsync(new Regex("^2023年度.*述职评议会$"));
        await Expect(page.Locator("input[name=TrackIds]")).ToHaveCountAsync(await OnSiteTracksAsync(campaignId));
        await page.Locator("#Title").FillAsync("");
        await page.Locator("#Title").BlurAsync();
        await Expect(page.Locator(".invalid-feedback[data-for='Title']")).ToHaveTextAsync("请填写评议会名称。");
        await page.Locator("#Title").FillAsync("童家镇2023年度村（社区）党组织书记抓基层党建工作述职评议会");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Meetings/Details/\\d+$"));
        var meetingUrl = page.Url;
        var meetingId = meetingUrl[(meetingUrl.LastIndexOf('/') + 1)..];
        var speakers = page.Locator("[data-speakers] > li");
        Assert.True(await speakers.CountAsync() >= 21);

        // The second speaker moves up.
        var second = await speakers.Nth(1).GetAttributeAsync("data-speaker");
        await speakers.Nth(1).Locator("[data-up]").ClickAsync();
        await Expect(page.Locator("main > .alert[role=status]")).ToHaveTextAsync("发言顺序已调整。");
        await Expect(speakers.First).ToHaveAttributeAsync("data-speaker", second!);

        // A category's weight: a negative one is refused as typed, 2 is saved.
        var weight = page.Locator("input[name=catWeight]").First;
        await weight.FillAsync("-1");
        await weight.BlurAsync();
        await Expect(page.Locator("[data-categories-form] .invalid-feedback[data-for='catWeight']").First).ToHaveTextAsync("权重请填写0或正数。");
        await weight.FillAsync("2");
        await page.Locator("[data-save-categories]").ClickAsync();
        await Expect(page.Locator("main > .alert[role=status]")).ToHaveTextAsync("参会人员类别已保存。");
        await Expect(page.Locator("input[name=catWeight]").First).ToHaveValueAsync("2");
        await Screenshots.TakeAsync(page, "meeting-01-details.png");

        // The chair's screen: the demo track sets no time (the clock counts up); with 3 minutes it counts down and
        // turns red in the last minute. The next speaker follows.
        await SetMinutesAsync(campaignId, 3);
        await page.Clock.InstallAsync();
        await page.GotoAsync($"{server.BaseUrl}/Meetings/Chair/{meetingId}");
        var now = page.Locator(".chair-speaker:not([hidden]) [data-now-org]");
        var first = await now.TextContentAsync();
        var clock = page.Locator("[data-clock]");
        await Expect(clock).ToHaveTextAsync("03:00");
        await page.Locator("[data-start]").ClickAsync();
        await Expect(page.Locator("[data-start]")).ToHaveTextAsync("暂停");
        await page.Clock.RunForAsync(125_000);
        await Expect(clock).ToHaveTextAsync("00:55");
        await Expect(clock).ToHaveClassAsync(new Regex("is-warning"));
        await Screenshots.TakeAsync(page, "meeting-02-chair.png");
        await page.Clock.RunForAsync(60_000);
        await Expect(clock).ToContainTextAsync("时间到");
        await page.Locator("[data-nextbtn]").ClickAsync();
        await Expect(now).Not.ToHaveTextAsync(first!);
        await Expect(page).ToHaveURLAsync(new Regex("\\?n=2$"));

        // 一述一评: a comment on the first speaker, marked as a problem.
        await page.GotoAsync($"{server.BaseUrl}/Meetings/Comments/{meetingId}");
        var card = page.Locator($"[data-speaker='{second}']");
        await card.Locator("[data-add-toggle]").ClickAsync();
        await Expect(card.Locator("input[name=authorName]")).ToHaveValueAsync("童家镇党建办（测试）");
        await card.Locator("input[name=authorName]").FillAsync("镇党委书记");
        await card.Locator("textarea[name=text]").FillAsync("发展党员工作偏慢，村级活动阵地使用率不高，要限期整改。");
        await card.Locator("input[name=isProblem]").CheckAsync();
        await card.Locator("[data-add]").ClickAsync();
        await Expect(page.Locator("main > .alert[role=status]")).ToHaveTextAsync("点评已添加。");
        await Expect(card.Locator("[data-comment] .badge")).ToHaveTextAsync("问题");
        await Expect(page.Locator("[data-problems] tbody tr")).ToHaveCountAsync(1);
        await Screenshots.TakeAsync(page, "meeting-03-comments.png");

        // Vote control: rehearsal, open, close; the digest re-verifies.
        await page.GotoAsync(meetingUrl);
        await page.Locator("[data-open-rehearsal]").ClickAsync();
        await Expect(page.Locator("[data-rehearsal]")).ToHaveTextAsync("演练中");
        await page.Locator("[data-close-rehearsal]").ClickAsync();
        await Expect(page.Locator("[data-rehearsal]")).ToHaveTextAsync("演练已结束");
        await page.Locator("[data-open-voting]").ClickAsync();
        await Expect(page.Locator("[data-state]")).ToHaveTextAsync("投票中");
        await Expect(page.Locator("[data-rules-locked]")).ToBeVisibleAsync();
        await page.Locator("[data-close-voting]").ClickAsync();
        await Expect(page.Locator("[data-state]")).ToHaveTextAsync("投票已结束");
        await Expect(page.Locator("[data-digest]")).ToHaveTextAsync(new Regex("^[0-9a-f]{64}$"));
        await page.Locator("[data-verify]").ClickAsync();
        await Expect(page.Locator("[data-digest-result]")).ToContainTextAsync("一致");
        await Screenshots.TakeAsync(page, "meeting-04-digest.png");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));

        // On a phone.
        var phone = await browser.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2, Locale = "zh-CN", IgnoreHTTPSErrors = true,
        });
        await using var __ = phone;
        var small = await phone.NewPageAsync();
        var phoneProblems = Watch(small);
        await LoginAsync(small);
        foreach (var (url, shot) in new[] { (meetingUrl, "meeting-05-details-phone.png"), ($"{server.BaseUrl}/Meetings/Chair/{meetingId}", "meeting-06-chair-phone.png"),
                     ($"{server.BaseUrl}/Meetings/Comments/{meetingId}", "meeting-07-comments-phone.png") })
        {
            await small.GotoAsync(url);
            await AssertFitsAsync(small);
            await Screenshots.TakeAsync(small, shot);
            await small.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Directory, shot.Replace(".png", "-top.png")) });
        }
        await small.GotoAsync(meetingUrl);
        await small.Locator("[data-categories-form]").ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Directory, "meeting-08-categories-phone.png") });
        Assert.True(phoneProblems.Count == 0, string.Join(Environment.NewLine, phoneProblems));
    }

    private static List<string> Watch(IPage page)
    {
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add("script error: " + error);
        page.Console += (_, m) => { if (m.Type == "error" && !m.Location.Contains("/favicon.ico")) problems.Add($"console: {m.Text} on {page.Url}"); };
        return problems;
    }

    private async Task LoginAsync(IPage page)
    {
        await page.GotoAsync(server.BaseUrl + "/Account/Login");
        await page.GetByLabel("用户名", new() { Exact = true }).FillAsync(ShuzhiServer.StaffUser);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(ShuzhiServer.StaffPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(server.BaseUrl + "/");
    }

    private static async Task AssertFitsAsync(IPage page)
    {
        var (scroll, viewport) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
        Assert.True(scroll <= viewport, $"{page.Url} is {scroll}px wide on a {viewport}px screen.");
    }

    private async Task<int> CampaignIdAsync()
    {
        await using var scope = server.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().UseUnrestricted();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Campaigns.Where(c => c.Organizer!.Code == "TJZ" && c.Year == 2023).Select(c => c.Id).SingleAsync();
    }

    private async Task SetMinutesAsync(int campaignId, int minutes)
    {
        await using var scope = server.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().UseUnrestricted();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        foreach (var t in await db.Tracks.Where(t => t.CampaignId == campaignId).ToListAsync())
            if (t.Mode is Shuzhi.Domain.Campaigns.DebriefMode.OnSite or Shuzhi.Domain.Campaigns.DebriefMode.Both)
                t.Update(t.Name, t.SortOrder, t.Mode, t.Components, t.Ballot, minutes, true);
        await db.SaveChangesAsync();
    }

    private async Task<int> OnSiteTracksAsync(int campaignId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().UseUnrestricted();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var modes = await db.Tracks.Where(t => t.CampaignId == campaignId).Select(t => t.Mode).ToListAsync();
        return modes.Count(m => m is Shuzhi.Domain.Campaigns.DebriefMode.OnSite or Shuzhi.Domain.Campaigns.DebriefMode.Both);
    }
}
