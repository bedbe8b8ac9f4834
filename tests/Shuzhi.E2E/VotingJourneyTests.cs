using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shuzhi.Domain.Campaigns;
using Shuzhi.Web.Data;
using Shuzhi.Web.Features;
using Shuzhi.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Shuzhi.E2E;

/// <summary>
/// 童家镇's debrief meeting (seed 001 第五条): staff print slips (the code read off the page), open the vote; a voter's
/// phone (360 px, touch) opens the slip's link as a scan would, marks every reporter, confirms and sees only "已提交";
/// the same code is refused the second time; the big screen's turnout goes from 0 to 1 as the ballot arrives.
/// </summary>
public sealed class VotingJourneyTests(ShuzhiServer server, BrowserFixture browser)
    : IClassFixture<ShuzhiServer>, IClassFixture<BrowserFixture>
{
    private static readonly ClaimsPrincipal Staff = new(new ClaimsIdentity([new Claim(ClaimTypes.Role, Roles.OrgStaff)], "e2e"));

    [Fact]
    public async Task A_phone_votes_with_a_slip_code_and_the_board_counts_it()
    {
        var meetingId = await ArrangeAsync();
        var staffContext = await browser.Browser.NewContextAsync(new() { Locale = "zh-CN", IgnoreHTTPSErrors = true, ViewportSize = new() { Width = 1280, Height = 900 } });
        await using var _ = staffContext;
        var staff = await staffContext.NewPageAsync();
        await staff.GotoAsync(server.BaseUrl + "/Account/Login");
        await staff.GetByLabel("用户名", new() { Exact = true }).FillAsync(ShuzhiServer.StaffUser);
        await staff.GetByLabel("密码", new() { Exact = true }).FillAsync(ShuzhiServer.StaffPassword);
        await staff.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Expect(staff).ToHaveURLAsync(server.BaseUrl + "/");

        // Slips: three codes for 党员代表, shown once.
        await staff.GotoAsync($"{server.BaseUrl}/Meetings/Slips/{meetingId}");
        await staff.Locator("#CategoryId").SelectOptionAsync(new SelectOptionValue { Index = 3 });
        await staff.Locator("#Count").FillAsync("3");
        staff.Dialog += (_, d) => d.AcceptAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "生成并显示投票码", Exact = true }).ClickAsync();
        await Expect(staff.Locator("[data-slip]")).ToHaveCountAsync(3);
        await Expect(staff.Locator("[data-slip] svg.qr")).ToHaveCountAsync(3);
        var code = (await staff.Locator("[data-code]").First.TextContentAsync())!.Trim();
        foreach (var printed in await staff.Locator("[data-code]").AllTextContentsAsync()) E2ELogs.Code(printed);
        await Screenshots.TakeAsync(staff, "vote-01-slips.png");

        await ActAsync(meetingId, (cmd, c, m) => cmd.OpenVotingAsync(Staff, c, m, default));

        // The big screen, before any ballot.
        var board = await staffContext.NewPageAsync();
        await board.GotoAsync($"{server.BaseUrl}/Meetings/Board/{meetingId}");
        await Expect(board.Locator("[data-total-received]")).ToHaveTextAsync("0");
        await Expect(board.Locator("#live")).ToBeVisibleAsync();

        // The phone scans the slip: the code is in the fragment, then gone from the address bar.
        var phoneContext = await browser.Browser.NewContextAsync(new()
        {
            Locale = "zh-CN", IgnoreHTTPSErrors = true, ViewportSize = new() { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2,
            UserAgent = "Mozilla/5.0 (Linux; Android 13; Phone) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 MicroMessenger/8.0.47",
        });
        await using var __ = phoneContext;
        var phone = await phoneContext.NewPageAsync();
        await phone.GotoAsync($"{server.BaseUrl}/v#{code}");
        await Expect(phone.Locator("#sheet-step")).ToBeVisibleAsync();
        await Expect(phone).ToHaveURLAsync(server.BaseUrl + "/v");
        var speakers = phone.Locator("li.speaker");
        var count = await speakers.CountAsync();
        Assert.True(count >= 2, $"{count} speakers");
        await Screenshots.TakeAsync(phone, "vote-02-phone-ballot.png");

        // Nothing marked: the page says how many are needed before it asks to confirm.
        await phone.Locator("#review").TapAsync();
        await Expect(phone.Locator("#sheet-error")).ToContainTextAsync("至少需要评价");
        for (var i = 0; i < count; i++)
            await speakers.Nth(i).Locator("label.grade", new() { HasTextString = i % 3 == 0 ? "较好" : "好" }).First.TapAsync();
        await Expect(phone.Locator("#counter")).ToHaveTextAsync($"{count} / {count}");
        await phone.Locator("#review").TapAsync();
        await Expect(phone.Locator("#confirm-step")).ToBeVisibleAsync();
        await Screenshots.TakeAsync(phone, "vote-03-phone-confirm.png");
        await phone.Locator("#confirm-yes").TapAsync();
        await Expect(phone.Locator("[data-done]")).ToHaveTextAsync("已提交");
        await Expect(phone.Locator("#speakers li")).ToHaveCountAsync(0); // nothing of the ballot stays
        await Screenshots.TakeAsync(phone, "vote-04-phone-done.png");

        // The board counts it.
        await Expect(board.Locator("[data-total-received]")).ToHaveTextAsync("1", new() { Timeout = 10000 });
        await Screenshots.TakeAsync(board, "vote-05-board.png");

        // The same code again (typed this time) is refused.
        var again = await phoneContext.NewPageAsync();
        await again.GotoAsync($"{server.BaseUrl}/v");
        await again.Locator("#code").FillAsync(code.ToLowerInvariant());
        await again.GetByRole(AriaRole.Button, new() { Name = "开始投票", Exact = true }).TapAsync();
        await Expect(again.Locator("#code-error")).ToContainTextAsync("已经投过票");
        await Screenshots.TakeAsync(again, "vote-06-phone-used.png");
    }

    /// <summary>A meeting of 童家镇's 2023 campaign for its on-site track, through the commands.</summary>
    private async Task<int> ArrangeAsync()
    {
        await using var scope = server.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<CurrentScope>().UseUnrestricted();
        var db = sp.GetRequiredService<AppDbContext>();
        var campaign = await db.Campaigns.SingleAsync(c => c.Organizer!.Code == "TJZ" && c.Year == 2023);
        var tracks = await db.Tracks.Where(t => t.CampaignId == campaign.Id).ToListAsync();
        var onSite = tracks.Where(t => t.Mode.IsOnSite()).Select(t => t.Id).ToList();
        var meeting = await sp.GetRequiredService<MeetingCommands>().CreateAsync(Staff, campaign, "童家镇2023年度基层党建述职评议会", onSite, default);
        return meeting.Id;
    }

    private async Task ActAsync(int meetingId, Func<MeetingCommands, Campaign, Shuzhi.Domain.Meetings.Meeting, Task> act)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<CurrentScope>().UseUnrestricted();
        var db = sp.GetRequiredService<AppDbContext>();
        var m = await db.Meetings.SingleAsync(x => x.Id == meetingId);
        var c = await db.Campaigns.SingleAsync(x => x.Id == m.CampaignId);
        await act(sp.GetRequiredService<MeetingCommands>(), c, m);
    }
}
