using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Api;

public abstract class OrganizationApiTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    [Fact]
    public async Task Token_requires_the_right_password()
    {
        var res = await f.NewClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = D.A.StaffUser, password = "wrong-password" });
        Assert.Equal(HttpStatusCode.Unauthorized, res.StatusCode);
        Assert.Contains("用户名或密码错误", await res.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_api_refuses_requests_without_a_bearer_token_even_with_a_page_cookie()
    {
        var pages = await f.PagesAsync(D.A.StaffUser);
        Assert.Equal(HttpStatusCode.Unauthorized, (await pages.GetAsync($"/api/v1/organizations/{D.A.Root.Id}")).StatusCode);
    }

    [Fact]
    public async Task Staff_create_read_update_and_list_organizations_in_their_scope()
    {
        var api = await f.ApiAsync(D.A.StaffUser);
        var created = await api.PostAsJsonAsync("/api/v1/organizations",
            new { code = "CA-T-API", name = "甲县API村党支部", kind = "Branch", unitType = "Village", parentId = D.A.Town.Id, sortOrder = 9 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var org = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("/P/CA/CA-T/CA-T-API/", org.GetProperty("path").GetString());
        Assert.Equal("党支部", org.GetProperty("kindName").GetString());
        var id = org.GetProperty("id").GetInt32();

        var updated = await api.PutAsJsonAsync($"/api/v1/organizations/{id}", new { name = "甲县API社区党支部", kind = "Branch", unitType = "Community" });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("社区", (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unitTypeName").GetString());

        var list = await api.GetFromJsonAsync<JsonElement>("/api/v1/organizations?q=API社区");
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        var children = await api.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{D.A.Town.Id}/children");
        Assert.Contains(children.EnumerateArray(), c => c.GetProperty("id").GetInt32() == id);
    }

    [Fact]
    public async Task Validation_errors_answer_422_naming_the_field_in_chinese()
    {
        var api = await f.ApiAsync(D.A.StaffUser);
        var bad = await api.PostAsJsonAsync("/api/v1/organizations", new { code = "坏编码", name = "x", kind = "Branch", unitType = "Village", parentId = D.A.Town.Id });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("只能使用字母", problem.GetProperty("errors").GetProperty("code")[0].GetString());

        var taken = await api.PostAsJsonAsync("/api/v1/organizations", new { code = "CA-T-1", name = "重复", kind = "Branch", unitType = "Village", parentId = D.A.Town.Id });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken.StatusCode);
        Assert.Contains("已被使用", await taken.Content.ReadAsStringAsync());

        var noName = await api.PostAsJsonAsync("/api/v1/organizations", new { code = "CA-NONAME", name = "", kind = "Branch", unitType = "Village", parentId = D.A.Town.Id });
        Assert.Contains("请填写组织名称", (await noName.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("name")[0].GetString());
    }

    [Fact]
    public async Task Moving_an_organization_moves_its_subtree_and_refuses_cycles()
    {
        var api = await f.ApiAsync(D.A.StaffUser);
        async Task<int> Create(string code, int parent) => (await (await api.PostAsJsonAsync("/api/v1/organizations",
            new { code, name = code + "党组织", kind = "GeneralBranch", unitType = "Other", parentId = parent })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var m = await Create("CA-M", D.A.Root.Id);
        var m1 = await Create("CA-M-1", m);
        var m11 = await Create("CA-M-1-1", m1);

        var cycle = await api.PostAsJsonAsync($"/api/v1/organizations/{m}/move", new { parentId = m11 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, cycle.StatusCode);
        Assert.Contains("不能把", await cycle.Content.ReadAsStringAsync());

        var moved = await api.PostAsJsonAsync($"/api/v1/organizations/{m1}/move", new { parentId = D.A.Town.Id });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(1, (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("descendantsMoved").GetInt32());
        var grandchild = await api.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{m11}");
        Assert.Equal("/P/CA/CA-T/CA-M-1/CA-M-1-1/", grandchild.GetProperty("path").GetString());
        Assert.Equal(5, grandchild.GetProperty("depth").GetInt32());
        var subtree = await api.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{D.A.Town.Id}/subtree");
        Assert.Contains(subtree.GetProperty("items").EnumerateArray(), o => o.GetProperty("id").GetInt32() == m11);
    }

    [Fact]
    public async Task Deactivation_covers_the_subtree_and_referenced_organizations_are_not_deleted()
    {
        var api = await f.ApiAsync(D.A.StaffUser);
        var del = await api.DeleteAsync($"/api/v1/organizations/{D.A.Village1.Id}");
        Assert.Equal(HttpStatusCode.Conflict, del.StatusCode); // it has posts and people
        Assert.Contains("停用", await del.Content.ReadAsStringAsync());

        var parent = (await (await api.PostAsJsonAsync("/api/v1/organizations", new { code = "CA-D", name = "待停用党委", kind = "PartyCommittee", unitType = "Other", parentId = D.A.Root.Id })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var child = (await (await api.PostAsJsonAsync("/api/v1/organizations", new { code = "CA-D-1", name = "待停用支部", kind = "Branch", unitType = "Other", parentId = parent })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var res = await api.PostAsync($"/api/v1/organizations/{parent}/deactivate", null);
        Assert.Equal(1, (await res.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("descendantsDeactivated").GetInt32());
        Assert.False((await api.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{child}")).GetProperty("isActive").GetBoolean());

        Assert.Equal(HttpStatusCode.Conflict, (await api.DeleteAsync($"/api/v1/organizations/{parent}")).StatusCode); // has a child
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/organizations/{child}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/organizations/{child}")).StatusCode);
    }

    [Fact]
    public async Task The_reporting_person_is_the_secretary_or_the_acting_deputy()
    {
        var api = await f.ApiAsync(D.A.ViewerUser);
        var v1 = await api.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{D.A.Village1.Id}/reporting-person?date=2024-01-15");
        Assert.Equal(D.A.Secretary.Name, v1.GetProperty("person").GetProperty("name").GetString());
        Assert.False(v1.GetProperty("isActing").GetBoolean());
        var v2 = await api.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{D.A.Village2.Id}/reporting-person?date=2024-01-15");
        Assert.True(v2.GetProperty("isActing").GetBoolean());
    }

    [Fact]
    public async Task Viewers_read_but_cannot_write()
    {
        var api = await f.ApiAsync(D.A.ViewerUser);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/organizations/{D.A.Town.Id}")).StatusCode);
        var res = await api.PostAsJsonAsync("/api/v1/organizations", new { code = "CA-V", name = "x", kind = "Branch", unitType = "Village", parentId = D.A.Town.Id });
        Assert.Equal(HttpStatusCode.Forbidden, res.StatusCode);
    }

    [Fact]
    public async Task People_positions_and_accounts_are_written_through_the_api()
    {
        var api = await f.ApiAsync(D.A.StaffUser);
        var person = await (await api.PostAsJsonAsync("/api/v1/people", new { name = "王五", gender = "Male", birthYear = 1980, organizationId = D.A.Village2.Id }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var personId = person.GetProperty("id").GetInt32();
        var post = await api.PostAsJsonAsync("/api/v1/positions", new { organizationId = D.A.Village2.Id, personId, role = "Secretary", startDate = "2023-09-01" });
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        var badPost = await api.PostAsJsonAsync("/api/v1/positions", new { organizationId = D.A.Village2.Id, personId, role = "Secretary", startDate = "2023-09-01", endDate = "2023-01-01" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badPost.StatusCode);
        Assert.Contains("不能早于", await badPost.Content.ReadAsStringAsync());

        var badPerson = await api.PostAsJsonAsync("/api/v1/people", new { name = "赵六", gender = "Male", birthYear = 1800, organizationId = D.A.Village2.Id });
        Assert.Contains("birthYear", await badPerson.Content.ReadAsStringAsync());

        var account = await api.PostAsJsonAsync("/api/v1/accounts", new { userName = "ca_new_sec", displayName = "新书记", password = "Secret-Pass-1", roles = new[] { "Secretary" }, scopeOrganizationId = D.A.Village2.Id });
        Assert.Equal(HttpStatusCode.Created, account.StatusCode);
        var admin = await api.PostAsJsonAsync("/api/v1/accounts", new { userName = "ca_fake_admin", displayName = "x", password = "Secret-Pass-1", roles = new[] { "Admin" }, scopeOrganizationId = D.A.Root.Id });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, admin.StatusCode);
        Assert.Contains("只有系统管理员", await admin.Content.ReadAsStringAsync());
        var shortPw = await api.PostAsJsonAsync("/api/v1/accounts", new { userName = "ca_short", displayName = "x", password = "short", roles = new[] { "Viewer" }, scopeOrganizationId = D.A.Root.Id });
        Assert.Contains("密码至少需要8个字符", await shortPw.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        var doc = await f.NewClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/organizations/{id}/subtree", doc);
        Assert.Contains("/api/v1/auth/token", doc);
        Assert.Contains("bearer", doc);
    }
}

public sealed class OrganizationApiTests_Sqlite(SqliteFactory f) : OrganizationApiTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class OrganizationApiTests_Postgres(PostgresFactory f) : OrganizationApiTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
