using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Shuzhi.Domain.Organizations;
using Shuzhi.Web.Documents;
using static Microsoft.Playwright.Assertions;

namespace Shuzhi.E2E;

public sealed class OrganizationJourneyTests(ShuzhiServer server, BrowserFixture browser)
    : IClassFixture<ShuzhiServer>, IClassFixture<BrowserFixture>
{
    private const string Town = "中共乐至县童家镇委员会";
    private const string Village = "童家镇石佛村党支部";

    [Fact]
    public async Task Staff_browses_the_tree_and_imports_organizations()
    {
        var (context, page, problems) = await OpenAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, AcceptDownloads = true });
        await using var _ = context;

        await LogInAsync(page, "01-login.png");

        await page.GetByRole(AriaRole.Link, new() { Name = "组织架构", Exact = true }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(server.BaseUrl + "/Organizations");
        await TownToggle(page).ClickAsync();
        await Expect(page.Locator(".tree").GetByRole(AriaRole.Link, new() { Name = Village, Exact = true })).ToBeVisibleAsync();
        await Screenshots.TakeAsync(page, "02-tree.png");

        await page.Locator("input[name=q]").FillAsync("石佛");
        await page.GetByRole(AriaRole.Button, new() { Name = "搜索", Exact = true }).ClickAsync();
        var results = page.Locator("table tbody tr");
        await Expect(results).ToHaveCountAsync(1);
        await Expect(results).ToContainTextAsync("TJZ-02");
        await Screenshots.TakeAsync(page, "02-search.png");

        await results.GetByRole(AriaRole.Link, new() { Name = Village, Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(Village);
        await Expect(page.Locator(".breadcrumb")).ToContainTextAsync(Town);
        await Expect(page.Locator("table")).ToContainTextAsync("副书记");
        await Screenshots.TakeAsync(page, "03-details.png");

        await page.GotoAsync(server.BaseUrl + "/Organizations");
        await page.Locator("a[href='/Organizations/Manage/Import']").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("导入组织和任职");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "导入模板" }).ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename);
        var template = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.True(template.Length > 4 && template[0] == 'P' && template[1] == 'K', "The template is not a zip (.xlsx) file.");

        await UploadAsync(page, "组织导入.xlsx", GoodWorkbook());
        await Expect(page.Locator("#import-summary")).ToContainTextAsync("新增组织 2 个");
        await Expect(page.Locator("#import-summary")).ToContainTextAsync("新增任职 2 条");
        await Screenshots.TakeAsync(page, "04-import-ok.png");

        await page.GotoAsync(server.BaseUrl + "/Organizations?q=TJZ-3");
        await Expect(page.Locator("table tbody")).ToContainTextAsync("童家镇红星村党支部");
        await Expect(page.Locator("table tbody")).ToContainTextAsync("童家镇光明社区党支部");

        await page.GotoAsync(server.BaseUrl + "/Organizations/Manage/Import");
        await UploadAsync(page, "有错误的文件.xlsx", BadWorkbook());
        var errors = page.Locator("#import-errors tbody tr");
        await Expect(errors).ToHaveCountAsync(3);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("文件有 3 处错误，未导入任何数据");
        await ExpectErrorRowAsync(errors.Nth(0), "2", "上级组织编码", "上级组织编码“NOPE”不存在于文件中");
        await ExpectErrorRowAsync(errors.Nth(1), "4", "组织编码", "组织编码“TJZ-42”在文件中重复出现");
        await ExpectErrorRowAsync(errors.Nth(2), "5", "组织名称", "必填，不能为空");
        await Screenshots.TakeAsync(page, "05-import-errors.png");

        await UploadAsync(page, "不是表格.xlsx", Encoding.UTF8.GetBytes("组织编码,组织名称\nTJZ-50,童家镇某村党支部\n"));
        await Expect(page.Locator("#import-file-error")).ToContainTextAsync("文件不是 Excel .xlsx 格式");
        await Expect(page.Locator("#import-errors")).ToHaveCountAsync(0);
        await Screenshots.TakeAsync(page, "05-import-not-xlsx.png");

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task Tree_fits_a_phone_screen()
    {
        var (context, page, problems) = await OpenAsync(new()
        {
            ViewportSize = new() { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2,
        });
        await using var _ = context;
        await LogInAsync(page, screenshot: null);

        await page.GotoAsync(server.BaseUrl + "/Organizations");
        var toggler = page.Locator(".navbar-toggler");
        await Expect(toggler).ToBeVisibleAsync();
        await Expect(page.Locator("#mainNav")).ToBeHiddenAsync();
        await TownToggle(page).ClickAsync();
        await Expect(page.Locator(".tree").GetByRole(AriaRole.Link, new() { Name = Village, Exact = true })).ToBeVisibleAsync();
        await AssertNoHorizontalOverflowAsync(page);
        await Screenshots.TakeAsync(page, "06-phone-tree.png");

        await toggler.ClickAsync();
        // Bootstrap animates the opening; "show" is set once it has finished.
        await Expect(page.Locator("#mainNav")).ToHaveClassAsync(new Regex(@"\bshow\b"));
        await Expect(page.Locator("#mainNav").GetByRole(AriaRole.Button, new() { Name = "退出登录" })).ToBeVisibleAsync();
        await Screenshots.TakeAsync(page, "07-phone-nav-open.png");

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>A fresh browser context, and a list collecting script errors and failed requests of its page.</summary>
    private async Task<(IBrowserContext Context, IPage Page, List<string> Problems)> OpenAsync(BrowserNewContextOptions options)
    {
        options.Locale = "zh-CN";
        options.IgnoreHTTPSErrors = true; // the test server's certificate is self-signed
        var context = await browser.Browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add("script error: " + error);
        page.Console += (_, message) =>
        {
            // The rejected import answers 422 on purpose, and the app has no icon; Chromium logs both as failed loads.
            if (message.Type == "error" && !message.Text.Contains("422") && !message.Location.Contains("/favicon.ico"))
                problems.Add($"console: {message.Text} at {message.Location} on {page.Url}");
        };
        return (context, page, problems);
    }

    private async Task LogInAsync(IPage page, string? screenshot)
    {
        await page.GotoAsync(server.BaseUrl + "/Account/Login");
        await page.GetByLabel("用户名", new() { Exact = true }).FillAsync(ShuzhiServer.StaffUser);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(ShuzhiServer.StaffPassword);
        if (screenshot is not null) await Screenshots.TakeAsync(page, screenshot);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(server.BaseUrl + "/");
        await Expect(page.Locator("form[action='/Account/Logout']")).ToHaveCountAsync(1);
    }

    private static ILocator TownToggle(IPage page) =>
        page.Locator(".tree > ul > li").Filter(new() { HasText = Town }).Locator(":scope > button.toggle");

    private static async Task UploadAsync(IPage page, string fileName, byte[] content)
    {
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = Xlsx.ContentType, Buffer = content });
        await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "上传并导入" }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.Contains("/Organizations/Manage/Import"));
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    private static async Task ExpectErrorRowAsync(ILocator row, string rowNumber, string column, string reason)
    {
        var cells = row.Locator("td");
        await Expect(cells.Nth(0)).ToHaveTextAsync(OrganizationImport.OrganizationSheet);
        await Expect(cells.Nth(1)).ToHaveTextAsync(rowNumber);
        await Expect(cells.Nth(2)).ToHaveTextAsync(column);
        await Expect(cells.Nth(3)).ToContainTextAsync(reason);
    }

    private static async Task AssertNoHorizontalOverflowAsync(IPage page)
    {
        var (scroll, viewport) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
        Assert.True(scroll <= viewport, $"The page is {scroll}px wide on a {viewport}px screen.");
    }

    /// <summary>Two new branches under 童家镇, each with a secretary.</summary>
    private static byte[] GoodWorkbook() => Workbook(
        [
            ["TJZ-31", "童家镇红星村党支部", "党支部", "村", "TJZ", 31, "正常"],
            ["TJZ-32", "童家镇光明社区党支部", "党支部", "社区", "TJZ", 32, "正常"],
        ],
        [
            ["TJZ-31", "王建华", "男", 1978, "13800000031", "书记", "", "", new DateOnly(2024, 1, 2), null],
            ["TJZ-32", "李秀兰", "女", 1982, "", "书记", "", "", "2024年3月1日", null],
        ]);

    /// <summary>Row 2: unknown parent; row 4: a code already used in row 3; row 5: no name.</summary>
    private static byte[] BadWorkbook() => Workbook(
        [
            ["TJZ-41", "童家镇新建村党支部", "党支部", "村", "NOPE", 41, "正常"],
            ["TJZ-42", "童家镇新华村党支部", "党支部", "村", "TJZ", 42, "正常"],
            ["TJZ-42", "童家镇新华村第二党支部", "党支部", "村", "TJZ", 43, "正常"],
            ["TJZ-43", "", "党支部", "村", "TJZ", 44, "正常"],
        ],
        []);

    private static byte[] Workbook(IReadOnlyList<object?>[] organizations, IReadOnlyList<object?>[] positions)
    {
        using var stream = new MemoryStream();
        Xlsx.Write(stream,
        [
            new(OrganizationImport.OrganizationSheet, OrganizationImport.OrganizationColumns, organizations),
            new(OrganizationImport.PositionSheet, OrganizationImport.PositionColumns, positions),
        ]);
        return stream.ToArray();
    }
}
