using System.Net;
using Microsoft.EntityFrameworkCore;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Pages;

/// <summary>Every page answers for the roles that may use it, refuses the others, and speaks Chinese.</summary>
public abstract class PageTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    private async Task<string[]> StaffPagesAsync()
    {
        var (positionId, accountId) = await f.WithDbAsync(async (db, _) => (
            await db.Positions.Where(p => p.OrganizationId == D.A.Village1.Id).Select(p => p.Id).FirstAsync(),
            await db.Users.Where(u => u.UserName == D.A.SecretaryUser).Select(u => u.Id).SingleAsync()));
        return
        [
            "/", "/Organizations", $"/Organizations?q=甲县", $"/Organizations?handler=Children&id={D.A.Town.Id}", "/Organizations?handler=Lookup&q=CA",
            $"/Organizations/Details/{D.A.Village1.Id}", "/Organizations/Manage/Create", $"/Organizations/Manage/Create?parentCode={D.A.Town.Code}",
            $"/Organizations/Manage/Edit/{D.A.Town.Id}", $"/Organizations/Manage/Move/{D.A.Village1.Id}",
            $"/Organizations/Manage/Position?organizationId={D.A.Village1.Id}", $"/Organizations/Manage/Position/{positionId}",
            "/Organizations/Manage/Import", "/People", "/People?q=甲县&sort=birth&desc=true&page=1", $"/People/Details/{D.A.Secretary.Id}",
            "/Accounts", "/Accounts?sort=scope", "/Accounts/Edit", $"/Accounts/Edit/{accountId}", "/Audit", "/Account/TwoFactor",
        ];
    }

    [Fact]
    public async Task Staff_open_every_page_of_their_area()
    {
        var client = await f.PagesAsync(D.A.StaffUser);
        foreach (var url in await StaffPagesAsync())
        {
            var res = await client.GetAsync(url);
            Assert.True(res.StatusCode == HttpStatusCode.OK, $"{url}: {(int)res.StatusCode}");
        }
    }

    [Theory]
    [InlineData("/People?handler=Export")]
    [InlineData("/Accounts?handler=Export")]
    [InlineData("/Audit?handler=Export")]
    [InlineData("/Organizations/Export")]
    public async Task Lists_download_as_xlsx(string url)
    {
        var client = await f.PagesAsync(D.A.StaffUser);
        var res = await client.GetAsync(url);
        Assert.Equal(Documents.Xlsx.ContentType, res.Content.Headers.ContentType!.MediaType);
        Assert.Contains(".xlsx", res.Content.Headers.ContentDisposition!.ToString());
        Assert.NotEmpty(Documents.Xlsx.Read(await res.Content.ReadAsStreamAsync()));
    }

    [Fact]
    public async Task Readers_browse_but_management_pages_answer_403()
    {
        var client = await f.PagesAsync(D.A.ViewerUser);
        foreach (var url in new[] { "/", "/Organizations", $"/Organizations/Details/{D.A.Town.Id}", "/People", $"/People/Details/{D.A.Secretary.Id}" })
            Assert.True((await client.GetAsync(url)).StatusCode == HttpStatusCode.OK, url);
        foreach (var url in new[] { "/Organizations/Manage/Create", $"/Organizations/Manage/Edit/{D.A.Town.Id}", "/Organizations/Manage/Import", "/Accounts", "/Audit", "/Admin/Security" })
        {
            var res = await client.GetAsync(url);
            Assert.True(res.StatusCode == HttpStatusCode.Forbidden, $"{url}: {(int)res.StatusCode}");
            Assert.Contains("无权访问", await res.Content.ReadAsStringAsync());
        }
        await f.WithDbAsync(async db => Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "access-denied" && a.Actor == D.A.ViewerUser && a.Details.Contains("/Admin/Security"))));
        var edit = await client.PostFormAsync($"/People/Details/{D.A.Secretary.Id}", new() { ["Input.Name"] = "x", ["Input.Gender"] = "Male", ["Input.BirthYear"] = "1970" });
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_login_page()
    {
        var res = await f.NewClient().GetAsync("/Organizations");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.Contains("/Account/Login", res.Headers.Location!.ToString());
        var login = await f.NewClient().GetStringAsync("/Account/Login");
        Assert.Contains("党组织书记抓基层党建工作述职评议考核系统", login);
    }

    [Fact]
    public async Task Administrators_set_which_roles_require_totp()
    {
        var admin = await f.PagesAsync("admin", ShuzhiFactory.AdminPassword);
        var html = await admin.GetStringAsync("/Admin/Security");
        Assert.Contains("检查人员", html);
        var res = await admin.PostFormAsync("/Admin/Security", new() { ["RequireTwoFactor"] = "Admin" });
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        await f.WithDbAsync(async db =>
        {
            Assert.True((await db.RolePolicies.SingleAsync(p => p.RoleName == "Admin")).RequireTwoFactor);
            (await db.RolePolicies.SingleAsync(p => p.RoleName == "Admin")).RequireTwoFactor = false;
            await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task Forms_validate_on_the_server_with_chinese_messages()
    {
        var client = await f.PagesAsync(D.A.StaffUser);
        var res = await client.PostFormAsync("/Organizations/Manage/Create",
            new() { ["ParentCode"] = D.A.Town.Code, ["Code"] = "坏", ["Fields.Name"] = "", ["Fields.SortOrder"] = "0" });
        var body = await res.Content.ReadAsStringAsync();
        Assert.Contains("组织编码只能使用字母", body);
        Assert.Contains("请填写组织名称", body);
        Assert.Contains("请选择组织类别", body);

        var ok = await client.PostFormAsync("/Organizations/Manage/Create",
            new() { ["ParentCode"] = D.A.Town.Code, ["Code"] = "CA-T-PAGE", ["Fields.Name"] = "页面新增党支部", ["Fields.Kind"] = "Branch", ["Fields.UnitType"] = "Village", ["Fields.SortOrder"] = "5" });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var details = await client.GetStringAsync(ok.Headers.Location!.ToString());
        Assert.Contains("页面新增党支部", details);

        var post = await client.PostFormAsync($"/Organizations/Manage/Position?organizationId={D.A.Village2.Id}",
            new() { ["Input.NewPersonName"] = "新书记", ["Input.NewPersonGender"] = "Female", ["Input.NewPersonBirthYear"] = "1985", ["Input.Role"] = "Secretary", ["Input.Rank"] = "0", ["Input.StartDate"] = "2023-09-01" });
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Contains("新书记", await client.GetStringAsync($"/Organizations/Details/{D.A.Village2.Id}"));

        var move = await client.PostFormAsync($"/Organizations/Manage/Move/{D.A.Town.Id}", new() { ["NewParentCode"] = D.A.Village1.Code });
        Assert.Contains("不能把", await move.Content.ReadAsStringAsync());
    }
}

public sealed class PageTests_Sqlite(SqliteFactory f) : PageTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class PageTests_Postgres(PostgresFactory f) : PageTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
