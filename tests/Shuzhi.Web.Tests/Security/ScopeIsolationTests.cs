using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Security;

/// <summary>
/// An account scoped to county A gets 404 for every resource of county B, through the API and
/// the pages alike, and no list leaks B's rows.
/// </summary>
public abstract class ScopeIsolationTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    private async Task<(string AccountId, int PositionId)> OtherCountyIdsAsync() => await f.WithDbAsync(async (db, _) =>
    (
        await db.Users.Where(u => u.UserName == D.B.StaffUser).Select(u => u.Id).SingleAsync(),
        await db.Positions.Where(p => p.OrganizationId == D.B.Village1.Id).Select(p => p.Id).FirstAsync()
    ));

    [Fact]
    public async Task Every_api_route_answers_404_for_another_countys_resources()
    {
        var (accountId, positionId) = await OtherCountyIdsAsync();
        var api = await f.ApiAsync(D.A.StaffUser);
        var b = D.B;
        var requests = new List<HttpRequestMessage>
        {
            new(HttpMethod.Get, $"/api/v1/organizations/{b.Town.Id}"),
            new(HttpMethod.Get, $"/api/v1/organizations/{b.Town.Id}/children"),
            new(HttpMethod.Get, $"/api/v1/organizations/{b.Root.Id}/subtree"),
            new(HttpMethod.Get, $"/api/v1/organizations/{b.Village1.Id}/reporting-person"),
            new(HttpMethod.Put, $"/api/v1/organizations/{b.Town.Id}") { Content = JsonContent.Create(new { name = "x" }) },
            new(HttpMethod.Post, $"/api/v1/organizations/{b.Village1.Id}/move") { Content = JsonContent.Create(new { parentId = D.A.Town.Id }) },
            new(HttpMethod.Post, $"/api/v1/organizations/{b.Village1.Id}/deactivate"),
            new(HttpMethod.Post, $"/api/v1/organizations/{b.Village1.Id}/activate"),
            new(HttpMethod.Delete, $"/api/v1/organizations/{b.Village2.Id}"),
            new(HttpMethod.Get, $"/api/v1/people/{b.Secretary.Id}"),
            new(HttpMethod.Put, $"/api/v1/people/{b.Secretary.Id}") { Content = JsonContent.Create(new { name = "x", gender = "Male", birthYear = 1970 }) },
            new(HttpMethod.Delete, $"/api/v1/people/{b.Secretary.Id}"),
            new(HttpMethod.Get, $"/api/v1/positions/{positionId}"),
            new(HttpMethod.Put, $"/api/v1/positions/{positionId}") { Content = JsonContent.Create(new { role = "Secretary", startDate = "2020-01-01" }) },
            new(HttpMethod.Delete, $"/api/v1/positions/{positionId}"),
            new(HttpMethod.Get, $"/api/v1/accounts/{accountId}"),
            new(HttpMethod.Put, $"/api/v1/accounts/{accountId}") { Content = JsonContent.Create(new { displayName = "x", roles = new[] { "Viewer" }, scopeOrganizationId = D.A.Root.Id }) },
        };
        foreach (var req in requests)
        {
            var res = await api.SendAsync(req);
            Assert.True(res.StatusCode == HttpStatusCode.NotFound, $"{req.Method} {req.RequestUri}: {(int)res.StatusCode}");
        }
        // Each refusal is audited, inside the refusing account's own subtree, with no query string.
        await f.WithDbAsync(async db =>
        {
            var denied = await db.AuditEntries.Where(a => a.Action == "not-found" && a.Actor == D.A.StaffUser).ToListAsync();
            Assert.True(denied.Count >= requests.Count);
            Assert.All(denied, a => Assert.StartsWith("/P/CA/", a.OrgPath));
            Assert.Contains(denied, a => a.Details.Contains($"/api/v1/people/{b.Secretary.Id}"));
        });
        // Nothing of county B changed.
        await f.WithDbAsync(async db =>
        {
            var village = await db.Organizations.SingleAsync(o => o.Id == b.Village1.Id);
            Assert.True(village.IsActive);
            Assert.StartsWith("/P/CB/", village.Path);
            Assert.True(await db.Organizations.AnyAsync(o => o.Id == b.Village2.Id));
        });
    }

    [Fact]
    public async Task Writes_cannot_point_into_another_county()
    {
        var api = await f.ApiAsync(D.A.StaffUser);
        var create = await api.PostAsJsonAsync("/api/v1/organizations", new { code = "CA-X", name = "x", kind = "Branch", unitType = "Village", parentId = D.B.Town.Id });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, create.StatusCode);
        var move = await api.PostAsJsonAsync($"/api/v1/organizations/{D.A.Village2.Id}/move", new { parentId = D.B.Town.Id });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, move.StatusCode);
        var person = await api.PostAsJsonAsync("/api/v1/people", new { name = "x", gender = "Male", birthYear = 1970, organizationId = D.B.Town.Id });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, person.StatusCode);
        var account = await api.PostAsJsonAsync("/api/v1/accounts", new { userName = "ca_into_b", displayName = "x", password = "Secret-Pass-1", roles = new[] { "Viewer" }, scopeOrganizationId = D.B.Root.Id });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, account.StatusCode);
    }

    [Fact]
    public async Task Lists_and_searches_show_only_the_own_subtree()
    {
        var api = await f.ApiAsync(D.A.ViewerUser);
        var orgs = await api.GetFromJsonAsync<JsonElement>("/api/v1/organizations?pageSize=500");
        Assert.All(orgs.GetProperty("items").EnumerateArray(), o => Assert.StartsWith("/P/CA/", o.GetProperty("path").GetString()));
        Assert.Equal(0, (await api.GetFromJsonAsync<JsonElement>("/api/v1/organizations?q=乙县")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await api.GetFromJsonAsync<JsonElement>("/api/v1/people?q=乙县")).GetProperty("total").GetInt32());
        var positions = await api.GetFromJsonAsync<JsonElement>("/api/v1/positions?pageSize=500");
        Assert.DoesNotContain(positions.GetProperty("items").EnumerateArray(), p => p.GetProperty("organizationId").GetInt32() == D.B.Village1.Id);

        var staff = await f.ApiAsync(D.A.StaffUser);
        var accounts = await staff.GetFromJsonAsync<JsonElement>("/api/v1/accounts?pageSize=500");
        var names = accounts.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("userName").GetString()).ToList();
        Assert.Contains(D.A.SecretaryUser, names);
        Assert.DoesNotContain(D.B.StaffUser, names);
        Assert.DoesNotContain("admin", names);

        var pages = await f.PagesAsync(D.A.ViewerUser);
        Assert.DoesNotContain("乙县", await pages.GetStringAsync("/Organizations?q=县"));
        Assert.DoesNotContain("乙县", await pages.GetStringAsync("/People"));
    }

    [Fact]
    public async Task Every_page_of_another_countys_resource_answers_404()
    {
        var (accountId, positionId) = await OtherCountyIdsAsync();
        var pages = await f.PagesAsync(D.A.StaffUser);
        string[] urls =
        [
            $"/Organizations/Details/{D.B.Town.Id}",
            $"/Organizations?handler=Children&id={D.B.Town.Id}",
            $"/Organizations/Manage/Edit/{D.B.Town.Id}",
            $"/Organizations/Manage/Move/{D.B.Town.Id}",
            $"/Organizations/Manage/Position/{positionId}",
            $"/Organizations/Manage/Position?organizationId={D.B.Town.Id}",
            $"/People/Details/{D.B.Secretary.Id}",
            $"/Accounts/Edit/{accountId}",
        ];
        foreach (var url in urls)
            Assert.True((await pages.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, url);

        // State-changing posts too (with a valid anti-forgery token from an own page).
        var form = $"/Organizations/Details/{D.A.Town.Id}";
        foreach (var url in new[] { $"/Organizations/Manage/Status/{D.B.Village1.Id}?handler=Deactivate", $"/Organizations/Manage/Status/{D.B.Village2.Id}?handler=Delete" })
            Assert.Equal(HttpStatusCode.NotFound, (await pages.PostFormAsync(url, [], form)).StatusCode);
        var lookup = await pages.GetStringAsync("/Organizations?handler=Lookup&q=乙县");
        Assert.Equal("[]", lookup);
    }

    [Fact]
    public async Task The_export_holds_only_the_own_subtree()
    {
        var pages = await f.PagesAsync(D.A.ViewerUser);
        var res = await pages.GetAsync("/Organizations/Export");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var tables = Documents.Xlsx.Read(await res.Content.ReadAsStreamAsync());
        var orgCodes = tables.Single(t => t.SheetName == "党组织").Rows.Select(r => r.Cells[0]).ToList();
        Assert.Contains("CA-T-1", orgCodes);
        Assert.DoesNotContain(orgCodes, c => c.StartsWith("CB"));
        Assert.DoesNotContain("P", orgCodes);
    }
}

public sealed class ScopeIsolationTests_Sqlite(SqliteFactory f) : ScopeIsolationTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class ScopeIsolationTests_Postgres(PostgresFactory f) : ScopeIsolationTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
