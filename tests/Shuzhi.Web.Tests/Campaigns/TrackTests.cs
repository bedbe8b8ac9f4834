using System.Net;
using Microsoft.EntityFrameworkCore;
using Shuzhi.Domain.Campaigns;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Campaigns;

/// <summary>The track pages (层面): staff only, weights to 100, dimension points to the total, no deleting a track with reporters.</summary>
public abstract class TrackTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    private static Dictionary<string, string> Form(string name, params (ScoreComponent C, int W)[] weights)
    {
        var form = new Dictionary<string, string>
        {
            ["Form.Name"] = name, ["Form.Mode"] = "Both", ["Form.BallotKind"] = "Grade",
            ["Form.SpeakingMinutes"] = "8", ["Form.PptRequired"] = "true",
        };
        var all = Enum.GetValues<ScoreComponent>();
        for (var i = 0; i < all.Length; i++)
        {
            form[$"Form.Components[{i}].Component"] = all[i].ToString();
            var w = weights.FirstOrDefault(x => x.C == all[i]);
            if (w.W > 0) { form[$"Form.Components[{i}].Selected"] = "true"; form[$"Form.Components[{i}].Weight"] = w.W.ToString(); }
        }
        (string, int)[] grades = [("好", 100), ("较好", 90), ("一般", 75), ("差", 60)];
        for (var i = 0; i < grades.Length; i++) { form[$"Form.Grades[{i}].Label"] = grades[i].Item1; form[$"Form.Grades[{i}].Points"] = grades[i].Item2.ToString(); }
        return form;
    }

    [Fact]
    public async Task Staff_open_the_pages_viewers_get_403_and_other_counties_404()
    {
        var id = await CampaignTestKit.CampaignAsync(f, D.A.Town.Id, 2030);
        var trackId = await CampaignTestKit.TrackAsync(f, id, "村（社区）党组织书记");
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        foreach (var url in new[] { $"/Campaigns/Tracks/{id}", $"/Campaigns/Tracks/Edit/{id}", $"/Campaigns/Tracks/Edit/{id}/{trackId}", $"/Campaigns/Reporters/{id}", $"/Campaigns/Coverage/{id}" })
            Assert.True((await staff.GetAsync(url)).StatusCode == HttpStatusCode.OK, url);
        var list = await staff.GetHtmlAsync($"/Campaigns/Tracks/{id}");
        Assert.Contains("村（社区）党组织书记", list.Text());
        Assert.Contains("现场测评 70%，组织部日常考评 30%", list.Text());
        Assert.Contains("好100 / 较好90 / 一般75 / 差60", list.Text());

        var viewer = await f.PagesAsync(D.A.ViewerUser);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/Campaigns/Tracks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/Campaigns/Tracks/Edit/{id}")).StatusCode);

        var other = await f.PagesAsync(D.B.StaffUser);
        foreach (var url in new[] { $"/Campaigns/Tracks/{id}", $"/Campaigns/Tracks/Edit/{id}", $"/Campaigns/Tracks/Edit/{id}/{trackId}", $"/Campaigns/Reporters/{id}", $"/Campaigns/Coverage/{id}" })
            Assert.True((await other.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, url);
        var post = await other.PostFormAsync($"/Campaigns/Tracks/Edit/{id}", Form("偷偷加一个", (ScoreComponent.DailyReview, 100)), formPage: "/Organizations/Manage/Create");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    [Fact]
    public async Task The_upper_units_staff_read_a_subordinates_tracks_and_reporters_but_change_nothing()
    {
        var id = await CampaignTestKit.CampaignAsync(f, D.A.Town.Id, 2043);
        var trackId = await CampaignTestKit.TrackAsync(f, id, "村（社区）党组织书记");
        await CampaignTestKit.ReportersAsync(f, id, trackId, D.A.Village1.Id);
        var reporter = await f.WithDbAsync((db, _) => db.CampaignReporters.Where(r => r.CampaignId == id).Select(r => r.Id).SingleAsync());
        var county = await f.PagesAsync(D.A.StaffUser);

        var tracks = await county.GetHtmlAsync($"/Campaigns/Tracks/{id}");
        Assert.Contains("村（社区）党组织书记", tracks.Text());
        Assert.Null(tracks.QuerySelector($"a[href='/Campaigns/Tracks/Edit/{id}/{trackId}']"));
        var reporters = await county.GetHtmlAsync($"/Campaigns/Reporters/{id}");
        Assert.Contains(D.A.Village1.Name, reporters.Text());
        Assert.Null(reporters.QuerySelector("form[data-confirm]"));

        Assert.Equal(HttpStatusCode.Forbidden, (await county.GetAsync($"/Campaigns/Tracks/Edit/{id}/{trackId}")).StatusCode);
        var post = await county.PostFormAsync($"/Campaigns/Tracks/Edit/{id}", Form("上级代办", (ScoreComponent.DailyReview, 100)), formPage: "/Organizations/Manage/Create");
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        var remove = await county.PostFormAsync($"/Campaigns/Reporters/{id}?handler=Remove&reporterId={reporter}", [], formPage: "/Organizations/Manage/Create");
        Assert.Equal(HttpStatusCode.Forbidden, remove.StatusCode);
        var delete = await county.PostFormAsync($"/Campaigns/Tracks/{id}?handler=Delete&trackId={trackId}", [], formPage: "/Organizations/Manage/Create");
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);

        var api = await f.ApiAsync(D.A.StaffUser);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/campaigns/{id}/tracks")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.DeleteAsync($"/api/v1/campaigns/{id}/reporters/{reporter}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.DeleteAsync($"/api/v1/campaigns/{id}/tracks/{trackId}")).StatusCode);
        Assert.True(await f.WithDbAsync((db, _) => db.CampaignReporters.AnyAsync(r => r.Id == reporter)));
        Assert.Equal(1, await f.WithDbAsync((db, _) => db.Tracks.CountAsync(t => t.CampaignId == id)));
    }

    [Fact]
    public async Task Weights_must_add_up_to_100_and_the_track_is_saved_as_entered()
    {
        var id = await CampaignTestKit.CampaignAsync(f, D.A.Town.Id, 2031);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var url = $"/Campaigns/Tracks/Edit/{id}";
        var bad = await staff.PostFormAsync(url, Form("招生学院党总支、直属党支部书记", (ScoreComponent.OnSiteBallot, 40), (ScoreComponent.CrossInspection, 30), (ScoreComponent.DailyReview, 20)));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("各项权重之和应为100，当前为90。", (await bad.HtmlAsync()).Text());

        var oddMode = Form("招生学院党总支、直属党支部书记", (ScoreComponent.DailyReview, 100));
        oddMode["Form.Mode"] = "99";
        Assert.Contains("请选择述职方式", (await (await staff.PostFormAsync(url, oddMode)).HtmlAsync()).Text());

        var ok = await staff.PostFormAsync(url, Form("招生学院党总支、直属党支部书记", (ScoreComponent.OnSiteBallot, 40), (ScoreComponent.CrossInspection, 30), (ScoreComponent.DailyReview, 30)));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var track = await f.WithDbAsync((db, _) => db.Tracks.SingleAsync(t => t.CampaignId == id));
        Assert.Equal(DebriefMode.Both, track.Mode);
        Assert.Equal([new(ScoreComponent.OnSiteBallot, 40), new(ScoreComponent.CrossInspection, 30), new WeightedComponent(ScoreComponent.DailyReview, 30)], track.Components);
        Assert.Equal(8, track.SpeakingMinutes);
        Assert.True(track.PptRequired);
        Assert.Equal(["好", "较好", "一般", "差"], track.Ballot.Grades.Select(g => g.Label));

        // Edited: written only, so the on-site ballot is refused with the reason, then accepted without it.
        var editUrl = $"/Campaigns/Tracks/Edit/{id}/{track.Id}";
        var written = Form("招生学院党总支、直属党支部书记", (ScoreComponent.OnSiteBallot, 40), (ScoreComponent.CrossInspection, 30), (ScoreComponent.DailyReview, 30));
        written["Form.Mode"] = "Written";
        Assert.Contains("现场测评需要现场述职", (await (await staff.PostFormAsync(editUrl, written)).HtmlAsync()).Text());
        var fixedForm = Form("招生学院党总支、直属党支部书记", (ScoreComponent.ReportEvaluation, 40), (ScoreComponent.DailyReview, 60));
        fixedForm["Form.Mode"] = "Written";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(editUrl, fixedForm)).StatusCode);
        var edited = await f.WithDbAsync((db, _) => db.Tracks.SingleAsync(t => t.Id == track.Id));
        Assert.Equal(DebriefMode.Written, edited.Mode);
        Assert.Null(edited.SpeakingMinutes);
        Assert.False(edited.PptRequired);
    }

    [Fact]
    public async Task Dimension_points_must_add_up_to_the_ballot_total()
    {
        var id = await CampaignTestKit.CampaignAsync(f, D.A.Town.Id, 2032);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var form = Form("党支部书记", (ScoreComponent.OnSiteBallot, 100));
        form["Form.BallotKind"] = "Dimension";
        (string, int)[] dims = [("德", 20), ("能", 15), ("勤", 15), ("绩", 20), ("廉", 15), ("学", 10)];
        for (var i = 0; i < dims.Length; i++) { form[$"Form.Dimensions[{i}].Label"] = dims[i].Item1; form[$"Form.Dimensions[{i}].Points"] = dims[i].Item2.ToString(); }
        form["Form.Total"] = "100";
        var bad = await staff.PostFormAsync($"/Campaigns/Tracks/Edit/{id}", form);
        Assert.Contains("各分项满分之和为95，应等于总分100。", (await bad.HtmlAsync()).Text());
        form["Form.Dimensions[5].Points"] = "15";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"/Campaigns/Tracks/Edit/{id}", form)).StatusCode);
        var track = await f.WithDbAsync((db, _) => db.Tracks.SingleAsync(t => t.CampaignId == id));
        Assert.Equal(BallotForm.DefaultDimension().Dimensions, track.Ballot.Dimensions);
        Assert.Equal(BallotKind.Dimension, track.Ballot.Kind);
        // The edit page offers the saved dimensions back, and the track list shows them.
        var page = await staff.GetHtmlAsync($"/Campaigns/Tracks/{id}");
        Assert.Contains("德20 能15 勤15 绩20 廉15 学15", page.Text());
    }

    [Fact]
    public async Task A_track_with_reporters_cannot_be_deleted_an_empty_one_can()
    {
        var id = await CampaignTestKit.CampaignAsync(f, D.A.Town.Id, 2033);
        var full = await CampaignTestKit.TrackAsync(f, id, "有述职单位的层面");
        var empty = await CampaignTestKit.TrackAsync(f, id, "空层面");
        await CampaignTestKit.ReportersAsync(f, id, full, D.A.Village1.Id);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var index = $"/Campaigns/Tracks/{id}";
        var refused = await staff.PostFormAsync($"{index}?handler=Delete&trackId={full}", [], formPage: index);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("层面“有述职单位的层面”下还有1个述职单位", (await refused.HtmlAsync()).Text());
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"{index}?handler=Delete&trackId={empty}", [], formPage: index)).StatusCode);
        await f.WithDbAsync(async db =>
        {
            Assert.True(await db.Tracks.AnyAsync(t => t.Id == full));
            Assert.False(await db.Tracks.AnyAsync(t => t.Id == empty));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "Track" && a.EntityId == empty.ToString() && a.Action == "delete"));
        });
    }

    [Fact]
    public async Task Tracks_are_reordered_and_closed_once_the_meeting_stage_opens()
    {
        var id = await CampaignTestKit.CampaignAsync(f, D.A.Town.Id, 2034);
        var first = await CampaignTestKit.TrackAsync(f, id, "第一层面");
        var second = await CampaignTestKit.TrackAsync(f, id, "第二层面", DebriefMode.Written);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var index = $"/Campaigns/Tracks/{id}";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"{index}?handler=Move&trackId={second}&up=true", [], formPage: index)).StatusCode);
        var order = await f.WithDbAsync((db, _) => db.Tracks.Where(t => t.CampaignId == id).OrderBy(t => t.SortOrder).Select(t => t.Id).ToListAsync());
        Assert.Equal([second, first], order);

        await CampaignTestKit.ToMeetingStageAsync(f, id);
        var page = await staff.GetHtmlAsync(index);
        Assert.Contains("已进入述职评议阶段，层面和述职人不能再调整。", page.Text());
        Assert.Null(page.QuerySelector($"a[href='/Campaigns/Tracks/Edit/{id}']"));
        var res = await staff.PostFormAsync($"/Campaigns/Tracks/Edit/{id}/{first}", Form("改名", (ScoreComponent.OnSiteBallot, 100)), formPage: $"/Campaigns/Tracks/Edit/{id}/{first}");
        Assert.Contains("已进入述职评议阶段", (await res.HtmlAsync()).Text());
        Assert.Equal("第一层面", await f.WithDbAsync((db, _) => db.Tracks.Where(t => t.Id == first).Select(t => t.Name).SingleAsync()));
    }
}

public sealed class TrackTests_Sqlite(SqliteFactory f) : TrackTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class TrackTests_Postgres(PostgresFactory f) : TrackTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
