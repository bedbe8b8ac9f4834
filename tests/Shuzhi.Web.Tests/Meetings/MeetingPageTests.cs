using System.Net;
using Microsoft.EntityFrameworkCore;
using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Meetings;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Resources;
using Shuzhi.Web.Tests.Campaigns;
using Shuzhi.Web.Tests.Infrastructure;
using Shuzhi.Web.Tests.Reports;

namespace Shuzhi.Web.Tests.Meetings;

/// <summary>
/// The organizer's meeting pages (issue #5): setup from on-site tracks, speaking order, voter categories, ballot rules,
/// rehearsal and vote control with the digest check, the chair's screen and the 一述一评 comments.
/// </summary>
public abstract class MeetingPageTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    /// <summary>A town campaign with one on-site track of two village reporters and a meeting created through the page.</summary>
    private async Task<(ReportTestKit.Setup S, int MeetingId, HttpClient Staff)> ArrangeAsync(int year)
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, year, mode: DebriefMode.OnSite);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var res = await staff.PostPairsAsync($"/Meetings/Create/{s.CampaignId}",
            [new("Title", $"{year}年度述职评议会"), new("TrackIds", s.TrackId.ToString())], $"/Meetings/Create/{s.CampaignId}");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var id = await f.WithDbAsync((db, _) => db.Meetings.Where(m => m.CampaignId == s.CampaignId).Select(m => m.Id).SingleAsync());
        Assert.Equal($"/Meetings/Details/{id}", res.Headers.Location!.OriginalString);
        return (s, id, staff);
    }

    private Task<Meeting> MeetingAsync(int id) => f.WithDbAsync((db, _) => db.Meetings.AsNoTracking().SingleAsync(m => m.Id == id));

    private Task<List<VoterCategory>> CategoriesAsync(int id) =>
        f.WithDbAsync((db, _) => db.VoterCategories.AsNoTracking().Where(c => c.MeetingId == id).OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync());

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, int id, string handler, params KeyValuePair<string, string>[] fields) =>
        client.PostPairsAsync($"/Meetings/Details/{id}?handler={handler}", fields, $"/Meetings/Details/{id}");

    /// <summary>The categories form as it stands, with <paramref name="change"/> applied to the rows.</summary>
    private async Task<List<KeyValuePair<string, string>>> CategoryFormAsync(int id, Func<VoterCategory, (string Name, string Weight, string Issued, string Sort)?>? change = null)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var c in await CategoriesAsync(id))
        {
            var row = change?.Invoke(c) ?? (c.Name, c.Weight.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Issued.ToString(), c.SortOrder.ToString());
            fields.AddRange([new("catId", c.Id.ToString()), new("catName", row.Name), new("catWeight", row.Weight), new("catIssued", row.Issued), new("catSort", row.Sort)]);
        }
        return fields;
    }

    [Fact]
    public async Task Every_page_answers_the_organizer_forbids_the_county_and_hides_from_another_county()
    {
        var (s, id, staff) = await ArrangeAsync(2011);
        var county = await f.PagesAsync(D.A.StaffUser);
        var other = await f.PagesAsync(D.B.StaffUser);
        string[] urls = [$"/Meetings?campaignId={s.CampaignId}", $"/Meetings/Create/{s.CampaignId}", $"/Meetings/Details/{id}", $"/Meetings/Chair/{id}",
            $"/Meetings/Chair/{id}?n=2", $"/Meetings/Comments/{id}", $"/Meetings/Comments/{id}?handler=Export"];
        foreach (var url in urls)
        {
            Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await county.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/Meetings/Details/999999")).StatusCode);
        // A post from another county changes nothing and says 404.
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostPairsAsync($"/Meetings/Details/{id}?handler=OpenVoting", [], "/Campaigns/Manage/Create")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await county.PostPairsAsync($"/Meetings/Details/{id}?handler=OpenVoting", [], "/Campaigns/Manage/Create")).StatusCode);
        Assert.Equal(VotingState.Draft, (await MeetingAsync(id)).State);

        var list = await staff.GetHtmlAsync($"/Meetings?campaignId={s.CampaignId}");
        Assert.NotNull(list.QuerySelector($"[data-meeting='{id}']"));
        var details = await staff.GetHtmlAsync($"/Campaigns/Details/{s.CampaignId}");
        Assert.Equal($"/Meetings?campaignId={s.CampaignId}", details.QuerySelector("[data-meetings-link]")!.GetAttribute("href"));

        // The chair's screen: the second speaker now, nobody after.
        var chair = await staff.GetHtmlAsync($"/Meetings/Chair/{id}?n=2");
        var shown = chair.QuerySelectorAll(".chair-speaker").Where(x => !x.HasAttribute("hidden")).ToList();
        Assert.Single(shown);
        Assert.Equal("1", shown[0].GetAttribute("data-index"));
        Assert.Equal("480", shown[0].GetAttribute("data-seconds"));
        Assert.Contains(D.A.Village2.Name, shown[0].QuerySelector("[data-now-org]")!.TextContent);
        Assert.Contains(MeetingPageStrings.Mt_LastSpeaker, shown[0].QuerySelector("[data-next]")!.TextContent);
        Assert.Equal("08:00", chair.QuerySelector("[data-clock]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Create_offers_on_site_tracks_only_and_explains_what_is_wrong_in_Chinese()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2012, mode: DebriefMode.OnSite);
        var written = await CampaignTestKit.TrackAsync(f, s.CampaignId, "书面述职类别", DebriefMode.Written);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var url = $"/Meetings/Create/{s.CampaignId}";
        var form = await staff.GetHtmlAsync(url);
        Assert.NotNull(form.QuerySelector($"[data-track='{s.TrackId}']"));
        Assert.Null(form.QuerySelector($"[data-track='{written}']"));
        Assert.StartsWith("2012年度", form.QuerySelector("#Title")!.GetAttribute("value"));

        var empty = await (await staff.PostPairsAsync(url, [new("Title", " ")], url)).HtmlAsync();
        Assert.Contains(MeetingStrings.Meeting_TitleRequired, empty.Text());
        Assert.Contains(MeetingPageStrings.Mt_TracksRequired, empty.Text());

        var wrong = await (await staff.PostPairsAsync(url, [new("Title", "评议会"), new("TrackIds", written.ToString())], url)).HtmlAsync();
        Assert.Contains(MeetingStrings.Meeting_TrackNotOnSite, wrong.Text());
        Assert.Equal(0, await f.WithDbAsync((db, _) => db.Meetings.CountAsync(m => m.CampaignId == s.CampaignId)));

        var county = await f.PagesAsync(D.A.StaffUser);
        Assert.Equal(HttpStatusCode.Forbidden, (await county.PostPairsAsync(url, [new("Title", "评议会"), new("TrackIds", s.TrackId.ToString())], "/Campaigns/Manage/Create")).StatusCode);
        Assert.Equal(0, await f.WithDbAsync((db, _) => db.Meetings.CountAsync(m => m.CampaignId == s.CampaignId)));
    }

    [Fact]
    public async Task Speakers_move_up_and_down()
    {
        var (s, id, staff) = await ArrangeAsync(2013);
        Assert.Equal([s.Reporter1, s.Reporter2], (await MeetingAsync(id)).SpeakerOrder);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(staff, id, "Move", new("reporterId", s.Reporter2.ToString()), new("delta", "-1"))).StatusCode);
        Assert.Equal([s.Reporter2, s.Reporter1], (await MeetingAsync(id)).SpeakerOrder);
        var page = await staff.GetHtmlAsync($"/Meetings/Details/{id}");
        Assert.Equal([s.Reporter2.ToString(), s.Reporter1.ToString()], page.QuerySelectorAll("[data-speaker]").Select(x => x.GetAttribute("data-speaker")!).ToList());
        Assert.True(page.QuerySelector($"[data-speaker='{s.Reporter2}'] [data-up]")!.HasAttribute("disabled"));
    }

    [Fact]
    public async Task Categories_are_edited_as_a_table_with_Chinese_errors_and_a_used_one_stays()
    {
        var (_, id, staff) = await ArrangeAsync(2014);
        var cats = await CategoriesAsync(id);
        Assert.Equal(VoterCategory.DefaultNames.Count, cats.Count);
        var first = cats[0];

        var bad = await CategoryFormAsync(id, c => c.Id == first.Id ? (c.Name, "-1", "0", "1") : null);
        var badPage = await (await PostAsync(staff, id, "Categories", [.. bad])).HtmlAsync();
        Assert.Contains(string.Format(MeetingPageStrings.Mt_WeightInvalid, 1), badPage.Text());
        var zero = await CategoryFormAsync(id, c => (c.Name, "0", "0", c.SortOrder.ToString()));
        Assert.Contains(MeetingStrings.Meeting_NoPositiveWeight, (await (await PostAsync(staff, id, "Categories", [.. zero])).HtmlAsync()).Text());
        Assert.Equal(1m, (await CategoriesAsync(id))[0].Weight);

        var good = await CategoryFormAsync(id, c => c.Id == first.Id ? ("班子成员", "2.5", "12", "1") : null);
        good.AddRange([new("remove", cats[^1].Id.ToString()), new("newName", "特邀代表"), new("newWeight", "0.5"), new("newIssued", "3")]);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(staff, id, "Categories", [.. good])).StatusCode);
        var after = await CategoriesAsync(id);
        Assert.Equal(("班子成员", 2.5m, 12), (after[0].Name, after[0].Weight, after[0].Issued));
        Assert.DoesNotContain(after, c => c.Id == cats[^1].Id);
        Assert.Contains(after, c => c.Name == "特邀代表" && c.Weight == 0.5m && c.Issued == 3);

        // A category a voting code refers to cannot be removed.
        await f.WithDbAsync(async db => { db.VotingCodes.Add(VotingCode.Create(id, after[1].Id, CodeKind.Real, new string('a', 64))); await db.SaveChangesAsync(); });
        var removeUsed = await CategoryFormAsync(id);
        removeUsed.Add(new("remove", after[1].Id.ToString()));
        Assert.Contains(string.Format(MeetingPageStrings.MeetingPage_CategoryInUse, after[1].Name), (await (await PostAsync(staff, id, "Categories", [.. removeUsed])).HtmlAsync()).Text());
        Assert.Contains(await CategoriesAsync(id), c => c.Id == after[1].Id);
    }

    [Fact]
    public async Task Rules_change_while_draft_and_lock_once_voting_opens()
    {
        var (_, id, staff) = await ArrangeAsync(2015);
        var badPage = await (await PostAsync(staff, id, "Rules", new("minSharePercent", "150"), new("trimK", "1"))).HtmlAsync();
        Assert.Contains(MeetingPageStrings.Mt_MinShareInvalid, badPage.Text());
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(staff, id, "Rules", new("minSharePercent", "60"), new("blankInvalid", "true"), new("trimK", "1"))).StatusCode);
        Assert.Equal(new BallotRules(0.6m, true, false, 1), (await MeetingAsync(id)).Rules);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(staff, id, "OpenVoting")).StatusCode);
        var locked = await (await PostAsync(staff, id, "Rules", new("minSharePercent", "10"), new("trimK", "0"))).HtmlAsync();
        Assert.Contains(MeetingStrings.Meeting_RulesLocked, locked.Text());
        Assert.Equal(new BallotRules(0.6m, true, false, 1), (await MeetingAsync(id)).Rules);
        var page = await staff.GetHtmlAsync($"/Meetings/Details/{id}");
        Assert.True(page.QuerySelector("[data-rules-form] fieldset")!.HasAttribute("disabled"));
        Assert.NotNull(page.QuerySelector("[data-rules-locked]"));

        // After opening no category is added; weights may still change.
        var add = await CategoryFormAsync(id);
        add.Add(new("newName", "迟到的类别"));
        Assert.Contains(MeetingPageStrings.MeetingPage_CategoriesFixed, (await (await PostAsync(staff, id, "Categories", [.. add])).HtmlAsync()).Text());
    }

    [Fact]
    public async Task Rehearsal_then_voting_opens_and_closes_with_a_digest_that_reverifies_until_a_ballot_is_tampered_with()
    {
        var (s, id, staff) = await ArrangeAsync(2016);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(staff, id, "OpenRehearsal")).StatusCode);
        Assert.Equal(RehearsalState.Open, (await MeetingAsync(id)).Rehearsal);
        var page = await staff.GetHtmlAsync($"/Meetings/Details/{id}");
        Assert.NotNull(page.QuerySelector("[data-close-rehearsal]"));
        Assert.NotNull(page.QuerySelector("form[data-confirm] [data-open-voting]"));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(staff, id, "CloseRehearsal")).StatusCode);
        Assert.Equal(RehearsalState.Closed, (await MeetingAsync(id)).Rehearsal);

        // Closing before opening is refused in Chinese.
        Assert.Contains(MeetingStrings.Meeting_VotingNotOpen, (await (await PostAsync(staff, id, "CloseVoting")).HtmlAsync()).Text());
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(staff, id, "OpenVoting")).StatusCode);
        Assert.Equal(VotingState.Open, (await MeetingAsync(id)).State);

        var cat = (await CategoriesAsync(id))[0];
        await f.WithDbAsync(async db =>
        {
            var forms = new[] { new ReporterForm(s.Reporter1, s.TrackId, BallotForm.DefaultGrade()), new ReporterForm(s.Reporter2, s.TrackId, BallotForm.DefaultGrade()) };
            db.MeetingBallots.Add(MeetingBallot.FromPaper(id, cat.Id, forms, [Mark.ForGrade(s.Reporter1, "好"), Mark.ForGrade(s.Reporter2, "较好")], BallotRules.Default));
            await db.SaveChangesAsync();
        });
        var open = await staff.GetHtmlAsync($"/Meetings/Details/{id}");
        Assert.Equal("1", open.QuerySelector($"[data-turnout-category='{cat.Id}'] [data-received]")!.TextContent);
        Assert.Null(open.QuerySelector("[data-tally-link]"));
        Assert.Null(open.QuerySelector("[data-digest]"));

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(staff, id, "CloseVoting")).StatusCode);
        var closed = await MeetingAsync(id);
        Assert.Equal(VotingState.Closed, closed.State);
        var audit = await f.WithDbAsync((db, _) => db.AuditEntries.AsNoTracking().Where(a => a.EntityType == "Meeting" && a.EntityId == id.ToString()).ToListAsync());
        Assert.Contains(audit, a => a.Action == "open-voting" && a.Details.Contains("\"received\":0"));
        Assert.Contains(audit, a => a.Action == "close-voting" && a.Details.Contains("\"received\":1") && a.Details.Contains(closed.Digest!));
        Assert.Contains(audit, a => a.Action == "update" && a.Details.Contains("Rehearsal"));

        var done = await staff.GetHtmlAsync($"/Meetings/Details/{id}");
        Assert.Equal(closed.Digest, done.QuerySelector("[data-digest]")!.TextContent.Trim());
        Assert.Equal($"/Meetings/Tally/{id}", done.QuerySelector("[data-tally-link]")!.GetAttribute("href"));
        Assert.Null(done.QuerySelector("[data-up]"));
        Assert.Contains(MeetingStrings.Meeting_VotingClosed, (await (await PostAsync(staff, id, "Move", new("reporterId", s.Reporter2.ToString()), new("delta", "-1"))).HtmlAsync()).Text());
        Assert.Equal([s.Reporter1, s.Reporter2], (await MeetingAsync(id)).SpeakerOrder);
        var verified = await (await PostAsync(staff, id, "Verify")).HtmlAsync();
        Assert.Equal("match", verified.QuerySelector("[data-digest-result]")!.GetAttribute("data-digest-result"));
        Assert.Contains("一致", verified.QuerySelector("[data-digest-result]")!.TextContent);

        await f.WithDbAsync(async db => await db.Database.ExecuteSqlRawAsync("UPDATE \"MeetingBallots\" SET \"Marks\" = '[]' WHERE \"MeetingId\" = {0}", id));
        var tampered = await (await PostAsync(staff, id, "Verify")).HtmlAsync();
        var result = tampered.QuerySelector("[data-digest-result]")!;
        Assert.Equal("differ", result.GetAttribute("data-digest-result"));
        Assert.Contains("不一致", result.TextContent);
        Assert.NotEqual(closed.Digest, result.QuerySelector("[data-recomputed]")!.TextContent.Trim());
        Assert.True(await f.WithDbAsync((db, _) => db.AuditEntries.AnyAsync(a => a.Action == "digest-mismatch" && a.EntityId == id.ToString())));
    }

    [Fact]
    public async Task Comments_are_added_marked_as_problems_edited_deleted_and_exported()
    {
        var (s, id, staff) = await ArrangeAsync(2017);
        var url = $"/Meetings/Comments/{id}";
        var page = await staff.GetHtmlAsync(url);
        Assert.Equal(D.A.TownStaffUser, page.QuerySelector($"#r{s.Reporter1} input[name=authorName]")!.GetAttribute("value"));

        var empty = await (await staff.PostPairsAsync($"{url}?handler=Add", [new("reporterId", s.Reporter1.ToString()), new("authorName", "张书记"), new("text", " ")], url)).HtmlAsync();
        Assert.Contains(MeetingStrings.Meeting_CommentRequired, empty.QuerySelector($"#r{s.Reporter1} [data-form-error]")!.TextContent);
        var tooLong = await (await staff.PostPairsAsync($"{url}?handler=Add", [new("reporterId", s.Reporter1.ToString()), new("authorName", "张书记"), new("text", new string('长', 2001))], url)).HtmlAsync();
        Assert.Contains(string.Format(MeetingStrings.Meeting_CommentTooLong, 2000), tooLong.Text());

        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostPairsAsync($"{url}?handler=Add",
            [new("reporterId", s.Reporter1.ToString()), new("authorName", "张书记"), new("text", "党员发展工作滞后。"), new("isProblem", "true")], url)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostPairsAsync($"{url}?handler=Add",
            [new("reporterId", s.Reporter2.ToString()), new("authorName", "李委员"), new("text", "组织生活规范。")], url)).StatusCode);
        var comments = await f.WithDbAsync((db, _) => db.MeetingComments.AsNoTracking().Where(c => c.MeetingId == id).OrderBy(c => c.Id).ToListAsync());
        Assert.Equal(2, comments.Count);
        Assert.True(comments[0].IsProblem);
        Assert.False(comments[1].IsProblem);
        var shown = await staff.GetHtmlAsync(url);
        Assert.Equal("True", shown.QuerySelector($"[data-comment='{comments[0].Id}']")!.GetAttribute("data-problem"));
        Assert.NotNull(shown.QuerySelector($"[data-problems] [data-problem-comment='{comments[0].Id}']"));
        Assert.Null(shown.QuerySelector($"[data-problems] [data-problem-comment='{comments[1].Id}']"));

        var export = await staff.GetAsync($"{url}?handler=Export");
        Assert.Equal(Xlsx.ContentType, export.Content.Headers.ContentType!.MediaType);
        var sheets = Xlsx.Read(await export.Content.ReadAsStreamAsync());
        Assert.Equal([MeetingPageStrings.Mt_Col_Speaker, MeetingPageStrings.Mt_Col_Track, MeetingPageStrings.Mt_Author, MeetingPageStrings.Mt_Text, MeetingPageStrings.Mt_Col_Problem], sheets[0].Headers);
        Assert.Equal(2, sheets[0].Rows.Count);
        Assert.Equal(["张书记", "党员发展工作滞后。", MeetingPageStrings.Mt_Yes], sheets[0].Rows[0].Cells.Skip(2).Take(3));
        Assert.Equal(MeetingPageStrings.Mt_No, sheets[0].Rows[1].Cells[4]);
        Assert.Single(sheets[1].Rows);

        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostPairsAsync($"{url}?handler=Edit",
            [new("commentId", comments[0].Id.ToString()), new("authorName", "张书记"), new("text", "党员发展工作仍需加强。")], url)).StatusCode);
        var edited = await f.WithDbAsync((db, _) => db.MeetingComments.AsNoTracking().SingleAsync(c => c.Id == comments[0].Id));
        Assert.Equal(("党员发展工作仍需加强。", false), (edited.Text, edited.IsProblem));

        var del = await staff.GetHtmlAsync(url);
        Assert.NotNull(del.QuerySelector($"[data-comment='{comments[1].Id}'] form[data-confirm] [data-delete]"));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostPairsAsync($"{url}?handler=Delete", [new("commentId", comments[1].Id.ToString())], url)).StatusCode);
        Assert.False(await f.WithDbAsync((db, _) => db.MeetingComments.AnyAsync(c => c.Id == comments[1].Id)));
        Assert.True(await f.WithDbAsync((db, _) => db.AuditEntries.AnyAsync(a => a.Action == "delete" && a.EntityType == "MeetingComment" && a.EntityId == comments[1].Id.ToString())));

        // 总体点评: on all together, no speaker; it cannot be marked as a problem (those go under a speaker).
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostPairsAsync($"{url}?handler=Add",
            [new("authorName", "王书记"), new("text", "今年各村书记述职总体较好，问题查摆还需更具体。")], url)).StatusCode);
        var general = await f.WithDbAsync((db, _) => db.MeetingComments.AsNoTracking().SingleAsync(c => c.MeetingId == id && c.ReporterId == null));
        Assert.Equal("王书记", general.AuthorName);
        var generalProblem = await (await staff.PostPairsAsync($"{url}?handler=Add",
            [new("authorName", "王书记"), new("text", "普遍存在台账不全。"), new("isProblem", "true")], url)).HtmlAsync();
        Assert.Contains(MeetingStrings.Meeting_GeneralCommentNotProblem, generalProblem.QuerySelector("#general [data-form-error]")!.TextContent);
        var withGeneral = await staff.GetHtmlAsync(url);
        Assert.NotNull(withGeneral.QuerySelector($"[data-general] [data-comment='{general.Id}']"));
        Assert.Null(withGeneral.QuerySelector("[data-general] input[name=isProblem]"));
        var exported = Xlsx.Read(await (await staff.GetAsync($"{url}?handler=Export")).Content.ReadAsStreamAsync());
        Assert.Contains(exported[0].Rows, r => r.Cells[0] == MeetingPageStrings.Mt_General && r.Cells[3] == general.Text);

        // Another county cannot delete.
        var other = await f.PagesAsync(D.B.StaffUser);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
    }
}

public sealed class MeetingPageTests_Sqlite(SqliteFactory f) : MeetingPageTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class MeetingPageTests_Postgres(PostgresFactory f) : MeetingPageTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
