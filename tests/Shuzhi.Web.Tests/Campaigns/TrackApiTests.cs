using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Campaigns;

/// <summary>/api/v1/campaigns/{id}/tracks, reporters and coverage.</summary>
public abstract class TrackApiTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    private static object Track(string name, string mode, params (string Component, int Weight)[] weights) => new
    {
        name, mode, speakingMinutes = 8, pptRequired = true,
        components = weights.Select(w => new { component = w.Component, weight = w.Weight }),
    };

    private static string Errors(JsonElement problem) => problem.GetProperty("errors").ToString();

    [Fact]
    public async Task Staff_manage_tracks_and_reporters_through_the_api()
    {
        var id = await CampaignTestKit.CampaignAsync(f, D.A.Town.Id, 2040);
        var api = await f.ApiAsync(D.A.TownStaffUser);
        var bad = await api.PostAsJsonAsync($"/api/v1/campaigns/{id}/tracks", Track("现场层面", "Both", ("OnSiteBallot", 50), ("DailyReview", 40)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("各项权重之和应为100，当前为90。", Errors(await bad.Content.ReadFromJsonAsync<JsonElement>()));
        var dims = await api.PostAsJsonAsync($"/api/v1/campaigns/{id}/tracks", new
        {
            name = "分项层面", mode = "OnSite", components = new[] { new { component = "OnSiteBallot", weight = 100 } },
            ballot = new { kind = "Dimension", total = 100, dimensions = new[] { new { label = "德", maxPoints = 20 }, new { label = "能", maxPoints = 15 } } },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, dims.StatusCode);
        Assert.Contains("各分项满分之和为35，应等于总分100。", Errors(await dims.Content.ReadFromJsonAsync<JsonElement>()));

        var unknown = await api.PostAsJsonAsync($"/api/v1/campaigns/{id}/tracks", new { name = "x", mode = "OnSite", components = new[] { new { component = 99, weight = 100 } } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("计分项不在可选列表中", Errors(await unknown.Content.ReadFromJsonAsync<JsonElement>()));
        var noMode = await api.PostAsJsonAsync($"/api/v1/campaigns/{id}/tracks", new { name = "x", components = new[] { new { component = "DailyReview", weight = 100 } } });
        Assert.Contains("请指定述职方式", Errors(await noMode.Content.ReadFromJsonAsync<JsonElement>()));

        var created = await api.PostAsJsonAsync($"/api/v1/campaigns/{id}/tracks", Track("现场层面", "Both", ("OnSiteBallot", 60), ("DailyReview", 40)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var onSite = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var written = (await (await api.PostAsJsonAsync($"/api/v1/campaigns/{id}/tracks", Track("书面层面", "Written", ("DailyReview", 100))))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var put = await api.PutAsJsonAsync($"/api/v1/campaigns/{id}/tracks/{onSite}", Track("现场层面（改）", "OnSite", ("OnSiteBallot", 70), ("DailyReview", 30)));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var list = await api.GetFromJsonAsync<JsonElement>($"/api/v1/campaigns/{id}/tracks");
        Assert.Equal(["现场层面（改）", "书面层面"], list.EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(70, list[0].GetProperty("components")[0].GetProperty("weight").GetInt32());
        Assert.Equal("好", list[0].GetProperty("ballot").GetProperty("grades")[0].GetProperty("label").GetString());

        var none = await api.PostAsJsonAsync($"/api/v1/campaigns/{id}/reporters", new { trackId = onSite });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, none.StatusCode);
        Assert.Contains("请勾选至少一个组织", Errors(await none.Content.ReadFromJsonAsync<JsonElement>()));
        var added = await api.PostAsJsonAsync($"/api/v1/campaigns/{id}/reporters", new { trackId = onSite, kind = "Branch" });
        Assert.Equal(2, (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("added").GetInt32());
        var reporters = await api.GetFromJsonAsync<JsonElement>($"/api/v1/campaigns/{id}/reporters");
        Assert.Equal(2, reporters.GetArrayLength());
        var acting = reporters.EnumerateArray().Single(r => r.GetProperty("organizationId").GetInt32() == D.A.Village2.Id);
        Assert.True(acting.GetProperty("isActing").GetBoolean());
        var reporterId = acting.GetProperty("id").GetInt32();

        var moved = await api.PostAsJsonAsync($"/api/v1/campaigns/{id}/reporters/{reporterId}/move", new { trackId = written });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var same = await api.PostAsJsonAsync($"/api/v1/campaigns/{id}/reporters/{reporterId}/move", new { trackId = written });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, same.StatusCode);
        Assert.Contains("该述职单位已在层面“书面层面”中", Errors(await same.Content.ReadFromJsonAsync<JsonElement>()));

        var refused = await api.DeleteAsync($"/api/v1/campaigns/{id}/tracks/{written}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("下还有1个述职单位", Errors(await refused.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/campaigns/{id}/reporters/{reporterId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/campaigns/{id}/tracks/{written}")).StatusCode);

        var coverage = await api.GetFromJsonAsync<JsonElement>($"/api/v1/campaigns/{id}/coverage");
        Assert.Equal(2040, coverage.GetProperty("termStart").GetInt32());
        var v1 = coverage.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("organizationId").GetInt32() == D.A.Village1.Id);
        Assert.Equal([2040], v1.GetProperty("yearsOnSite").EnumerateArray().Select(y => y.GetInt32()));
        await f.WithDbAsync(async db => Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "reporter-move" && a.EntityId == reporterId.ToString())));
    }

    [Fact]
    public async Task Readers_may_not_write_and_other_counties_get_404()
    {
        var id = await CampaignTestKit.CampaignAsync(f, D.A.Town.Id, 2041);
        var track = await CampaignTestKit.TrackAsync(f, id, "村（社区）党组织书记");
        var viewer = await f.ApiAsync(D.A.ViewerUser);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/v1/campaigns/{id}/tracks")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/v1/campaigns/{id}/reporters")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync($"/api/v1/campaigns/{id}/tracks", Track("x", "OnSite", ("OnSiteBallot", 100)))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync($"/api/v1/campaigns/{id}/reporters", new { trackId = track, kind = "Branch" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DeleteAsync($"/api/v1/campaigns/{id}/tracks/{track}")).StatusCode);

        var other = await f.ApiAsync(D.B.StaffUser);
        foreach (var url in new[] { $"/api/v1/campaigns/{id}/tracks", $"/api/v1/campaigns/{id}/tracks/{track}", $"/api/v1/campaigns/{id}/reporters", $"/api/v1/campaigns/{id}/coverage" })
            Assert.True((await other.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, url);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/v1/campaigns/{id}/tracks/{track}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/campaigns/{id}/reporters", new { trackId = track, kind = "Branch" })).StatusCode);
        Assert.True(await f.WithDbAsync((db, _) => db.Tracks.AnyAsync(t => t.Id == track)));
    }
}

public sealed class TrackApiTests_Sqlite(SqliteFactory f) : TrackApiTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class TrackApiTests_Postgres(PostgresFactory f) : TrackApiTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
