using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shuzhi.Domain.Meetings;
using Shuzhi.Web.Data;
using Shuzhi.Web.Features;
using Shuzhi.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Shuzhi.E2E;

/// <summary>
/// The paper ballot, reconciliation and tally pages at 360 px (a phone): the town's staff enter one paper sheet with
/// the keyboard-sized controls, commit it, and read the tally after the close; no page scrolls sideways (wide tables
/// scroll inside their own box).
/// </summary>
public sealed class PaperTallyPhoneTests(ShuzhiServer server, BrowserFixture browser)
    : IClassFixture<ShuzhiServer>, IClassFixture<BrowserFixture>
{
    private static readonly ClaimsPrincipal Admin =
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "e2e"), new Claim(ClaimTypes.Role, Roles.Admin)], "e2e"));

    private async Task<(int MeetingId, int CategoryId)> ArrangeAsync()
    {
        await using var scope = server.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<CurrentScope>().UseUnrestricted();
        var db = sp.GetRequiredService<AppDbContext>();
        var town = await db.Organizations.SingleAsync(o => o.Code == "TJZ");
        var campaign = await db.Campaigns.SingleAsync(c => c.OrganizerId == town.Id && c.Year == 2023);
        var track = await db.Tracks.Where(t => t.CampaignId == campaign.Id).Select(t => t.Id).FirstAsync();
        var meetings = sp.GetRequiredService<MeetingCommands>();
        var m = await meetings.CreateAsync(Admin, campaign, "童家镇2023年度村（社区）党组织书记抓党建述职评议会", [track], default);
        m.SetRules(new BallotRules(MinShareMarked: 0m)); // one sheet marking two of the 21 speakers stays valid
        m.OpenVoting();
        await db.SaveChangesAsync();
        var category = await db.VoterCategories.Where(c => c.MeetingId == m.Id).OrderBy(c => c.SortOrder).FirstAsync();
        category.SetIssued(30);
        var forms = (await meetings.SpeakersAsync(m, default)).Select(s => s.ReporterForm).ToList();
        for (var i = 0; i < 5; i++)
            db.MeetingBallots.Add(MeetingBallot.FromPhone(m.Id, category.Id, forms,
                forms.Select((f, j) => Mark.ForGrade(f.ReporterId, (i + j) % 3 == 0 ? "较好" : "好")).ToList(), m.Rules));
        await db.SaveChangesAsync();
        return (m.Id, category.Id);
    }

    private async Task CloseAsync(int meetingId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<CurrentScope>().UseUnrestricted();
        var db = sp.GetRequiredService<AppDbContext>();
        var m = await db.Meetings.SingleAsync(x => x.Id == meetingId);
        await sp.GetRequiredService<MeetingCommands>().CloseVotingAsync(Admin, await db.Campaigns.SingleAsync(c => c.Id == m.CampaignId), m, default);
    }

    private static async Task NoSidewaysScrollAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            $"{page.Url} scrolls sideways at 360 px");

    [Fact]
    public async Task Staff_enter_a_paper_sheet_reconcile_and_read_the_tally_on_a_phone()
    {
        var (meetingId, _) = await ArrangeAsync();
        var context = await browser.Browser.NewContextAsync(new() { Locale = "zh-CN", IgnoreHTTPSErrors = true, ViewportSize = new() { Width = 360, Height = 780 } });
        await using var _ = context;
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.BaseUrl + "/Account/Login");
        await page.GetByLabel("用户名", new() { Exact = true }).FillAsync(ShuzhiServer.StaffUser);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(ShuzhiServer.StaffPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(server.BaseUrl + "/");

        await page.GotoAsync($"{server.BaseUrl}/Meetings/Paper/{meetingId}");
        await Expect(page.Locator("#sheet")).ToHaveValueAsync("1");
        // The first speaker's grade group has the focus: arrow keys choose, 好 is one step after 未填.
        await page.Keyboard.PressAsync("ArrowRight");
        var first = page.Locator("[data-speaker]").First;
        await Expect(first.Locator("input[type=radio]:checked")).ToHaveValueAsync("好");
        await page.Locator("[data-speaker]").Nth(1).Locator("label", new() { HasText = "较好" }).ClickAsync();
        await NoSidewaysScrollAsync(page);
        await Screenshots.TakeAsync(page, "paper-01-entry-360.png");
        await page.Locator("[data-save]").ClickAsync();
        await Expect(page.Locator("[data-message]")).ToContainTextAsync("第1号票已保存");
        await Expect(page.Locator("#sheet")).ToHaveValueAsync("2");

        page.Dialog += (_, d) => d.AcceptAsync();
        await page.Locator("#singleEntry").CheckAsync();
        await page.Locator("[data-commit]").ClickAsync();
        await Expect(page.Locator("[data-message]")).ToContainTextAsync("生成1张纸质选票（有效1张，无效0张）");
        await NoSidewaysScrollAsync(page);
        await Screenshots.TakeAsync(page, "paper-02-committed-360.png");

        await page.GotoAsync($"{server.BaseUrl}/Meetings/Reconcile/{meetingId}");
        await Expect(page.Locator("tr[data-total] [data-col=returned]")).ToHaveTextAsync("6");
        await NoSidewaysScrollAsync(page);
        await Screenshots.TakeAsync(page, "paper-03-reconcile-360.png");

        await page.GotoAsync($"{server.BaseUrl}/Meetings/Tally/{meetingId}");
        await Expect(page.Locator("[data-before-close]")).ToBeVisibleAsync();
        await CloseAsync(meetingId);
        await page.ReloadAsync();
        await Expect(page.Locator("table[data-track] tbody tr").First.Locator("[data-col=rank]")).ToHaveTextAsync("1");
        await NoSidewaysScrollAsync(page);
        await Screenshots.TakeAsync(page, "paper-04-tally-360.png");
    }
}
