using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Shuzhi.Domain.Organizations;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Organizations;

public abstract class ImportTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private const string Page = "/Organizations/Manage/Import";

    private static byte[] Workbook(IEnumerable<object?[]> orgs, IEnumerable<object?[]> posts)
    {
        using var ms = new MemoryStream();
        Xlsx.Write(ms,
        [
            new XlsxSheet(OrganizationImport.OrganizationSheet, OrganizationImport.OrganizationColumns, orgs.Select(r => (IReadOnlyList<object?>)r)),
            new XlsxSheet(OrganizationImport.PositionSheet, OrganizationImport.PositionColumns, posts.Select(r => (IReadOnlyList<object?>)r)),
        ]);
        return ms.ToArray();
    }

    private static byte[] GoodFile() => Workbook(
    [
        ["CA-T-3", "甲县三村党支部", "党支部", "村", "CA-T", 3, "正常"],
        ["CA-T-3-1", "甲县三村第一党小组支部", "党支部", "村", "CA-T-3", 1, ""],
        ["CA-T-4", "甲县四社区党支部", "党支部", "社区", "CA-T", 4, ""],
    ],
    [
        ["CA-T-3", "孙七", "男", 1972, "", "书记", "", "", "2021-10-01", ""],
        ["CA-T-4", "周八", "女", 1983, "13900000000", "副书记", "", 1, "2021年10月1日", ""],
    ]);

    private async Task<int> AuditCountAsync() => await f.WithDbAsync((db, _) => db.AuditEntries.CountAsync());

    [Fact]
    public async Task A_good_file_imports_and_importing_it_again_changes_nothing()
    {
        var pages = await f.PagesAsync(f.Data.A.StaffUser);
        var res = await pages.PostFileAsync(Page, GoodFile(), "组织.xlsx", Page);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var summary = (await res.HtmlAsync()).QuerySelector("#import-summary")!.TextContent;
        Assert.Contains("新增组织 3 个", summary);
        Assert.Contains("新增任职 2 条", summary);
        await f.WithDbAsync(async db =>
        {
            Assert.Equal("/P/CA/CA-T/CA-T-3/CA-T-3-1/", await db.Organizations.Where(o => o.Code == "CA-T-3-1").Select(o => o.Path).SingleAsync());
            var post = await db.Positions.Include(p => p.Person).SingleAsync(p => p.Organization!.Code == "CA-T-4");
            Assert.Equal(new DateOnly(2021, 10, 1), post.StartDate);
            Assert.Equal("周八", post.Person!.Name);
        });

        var before = await AuditCountAsync();
        var again = await pages.PostFileAsync(Page, GoodFile(), "组织.xlsx", Page);
        Assert.Contains("没有任何变化", (await again.HtmlAsync()).QuerySelector("#import-summary")!.TextContent);
        Assert.Equal(before, await AuditCountAsync());
    }

    [Fact]
    public async Task A_bad_file_is_rejected_whole_with_a_message_per_row()
    {
        var pages = await f.PagesAsync(f.Data.A.StaffUser);
        var before = await f.WithDbAsync((db, _) => db.Organizations.CountAsync());
        var bad = Workbook(
        [
            ["CA-OK", "本来正确的一行", "党支部", "村", "CA-T", "", ""],
            ["CA-BAD-1", "上级不存在", "党支部", "村", "NOPE", "", ""],
            ["CA-BAD-2", "", "党支部", "村", "CA-T", "", ""],
            ["CA-OK", "重复编码", "党支部", "村", "CA-T", "", ""],
            ["CA-BAD-3", "乙县的下级", "党支部", "村", "CB-T", "", ""],
            ["CA-BAD-4", "循环", "党支部", "村", "CA-BAD-5", "", ""],
            ["CA-BAD-5", "循环", "党支部", "村", "CA-BAD-4", "", ""],
        ], [["CA-OK", "某人", "男", "一九七五", "", "书记", "", "", "2021-10-01", ""]]);
        var res = await pages.PostFileAsync(Page, bad, "bad.xlsx", Page);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, res.StatusCode);
        var rows = (await res.HtmlAsync()).QuerySelectorAll("#import-errors tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("党组织") && r.Contains("3") && r.Contains("上级组织编码“NOPE”不存在"));
        Assert.Contains(rows, r => r.Contains("4") && r.Contains("组织名称") && r.Contains("必填"));
        Assert.Contains(rows, r => r.Contains("5") && r.Contains("在文件中重复出现"));
        Assert.Contains(rows, r => r.Contains("6") && r.Contains("CB-T"));
        Assert.Contains(rows, r => r.Contains("7") && r.Contains("循环"));
        Assert.Contains(rows, r => r.Contains("任职") && r.Contains("出生年份"));
        Assert.Equal(before, await f.WithDbAsync((db, _) => db.Organizations.CountAsync()));
    }

    [Theory]
    [InlineData("not a workbook at all", "不是 Excel .xlsx 格式")]
    [InlineData("PK\u0003\u0004broken zip", "文件已损坏")]
    public async Task A_file_that_is_not_a_workbook_is_refused_in_chinese(string content, string message)
    {
        var pages = await f.PagesAsync(f.Data.A.StaffUser);
        var res = await pages.PostFileAsync(Page, System.Text.Encoding.Latin1.GetBytes(content), "伪装.xlsx", Page);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, res.StatusCode);
        Assert.Contains(message, await res.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_template_and_the_export_are_workbooks_in_the_import_layout()
    {
        var pages = await f.PagesAsync(f.Data.A.StaffUser);
        var template = Xlsx.Read(await pages.GetStreamAsync(Page + "?handler=Template"));
        Assert.Equal(OrganizationImport.OrganizationColumns, template.Single(t => t.SheetName == "党组织").Headers);
        Assert.Equal(OrganizationImport.PositionColumns, template.Single(t => t.SheetName == "任职").Headers);

        // The export re-imports without changes: the round trip is lossless.
        var export = await pages.GetByteArrayAsync("/Organizations/Export");
        var res = await pages.PostFileAsync(Page, export, "export.xlsx", Page);
        var html = await res.HtmlAsync();
        Assert.True(html.QuerySelector("#import-summary") is not null, html.QuerySelector("#import-errors")?.TextContent);
        Assert.Contains("没有任何变化", html.QuerySelector("#import-summary")!.TextContent);
    }

    [Fact]
    public async Task Viewers_cannot_import()
    {
        var pages = await f.PagesAsync(f.Data.A.ViewerUser);
        Assert.Equal(HttpStatusCode.Forbidden, (await pages.GetAsync(Page)).StatusCode);
    }
}

public sealed class ImportTests_Sqlite(SqliteFactory f) : ImportTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class ImportTests_Postgres(PostgresFactory f) : ImportTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
