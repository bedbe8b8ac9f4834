using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shuzhi.Domain.Meetings;
using Shuzhi.Web.Features;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Meetings;

/// <summary>
/// The staff side of the vote: the slips page (codes shown once, as printable slips with QR codes; only their keyed
/// hashes stored) and the live board (turnout as ballots arrive; results only after the close and once shown).
/// </summary>
public abstract class SlipsAndBoardTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    private static Dictionary<string, string> Form(int categoryId, string count, string kind = "Real") =>
        new() { ["CategoryId"] = categoryId.ToString(), ["Count"] = count, ["Kind"] = kind };

    [Fact]
    public async Task Slips_are_for_the_organizers_own_staff_only()
    {
        var s = await VotingTestKit.MeetingAsync(f, D.A, 2011);
        var url = $"/Meetings/Slips/{s.MeetingId}";
        Assert.Equal(HttpStatusCode.OK, (await (await f.PagesAsync(D.A.TownStaffUser)).GetAsync(url)).StatusCode);
        var county = await f.PagesAsync(D.A.StaffUser); // the unit above sees the meeting but does not run it
        Assert.Equal(HttpStatusCode.Forbidden, (await county.GetAsync(url)).StatusCode);
        var other = await f.PagesAsync(D.B.StaffUser);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Meetings/Board/{s.MeetingId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await county.GetAsync($"/Meetings/Board/{s.MeetingId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await county.GetAsync($"/Meetings/Board/{s.MeetingId}?handler=Turnout")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Meetings/Board/{s.MeetingId}?handler=Stream")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await f.PagesAsync(D.A.ViewerUser)).GetAsync(url)).StatusCode); // no staff role
        Assert.Equal(0, await f.WithDbAsync(async (db, _) => await db.VotingCodes.CountAsync(c => c.MeetingId == s.MeetingId)));
    }

    [Fact]
    public async Task Generating_shows_the_codes_once_as_slips_with_QR_codes_and_stores_only_their_hashes()
    {
        var s = await VotingTestKit.MeetingAsync(f, D.A, 2012);
        var client = await f.PagesAsync(D.A.TownStaffUser);
        var url = $"/Meetings/Slips/{s.MeetingId}";
        var res = await client.PostFormAsync(url, Form(s.Category1, "30"));
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Contains("no-store", res.Headers.CacheControl!.ToString());
        var html = await res.Content.ReadAsStringAsync();
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var codes = doc.QuerySelectorAll("[data-slip] [data-code]").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(30, codes.Count);
        Assert.Equal(30, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Equal(c, VotingCodes.Format(VotingCodes.Normalize(c))));
        Assert.Equal(30, doc.QuerySelectorAll("[data-slip] svg.qr path").Length);
        Assert.Equal(2, doc.QuerySelectorAll(".slip-sheet").Length); // 24 to an A4 sheet
        Assert.NotNull(doc.QuerySelector("[data-once]"));
        Assert.Empty(doc.QuerySelectorAll("[style]")); // the CSP allows no inline style, inside the SVG neither
        Assert.Contains(VoterCategory.DefaultNames[0], doc.QuerySelector("[data-slip]")!.TextContent);

        var (hashes, issued) = await f.WithDbAsync(async (db, _) => (
            await db.VotingCodes.Where(c => c.MeetingId == s.MeetingId).Select(c => c.Hash).ToListAsync(),
            await db.VoterCategories.Where(c => c.Id == s.Category1).Select(c => c.Issued).SingleAsync()));
        var key = f.Services.GetRequiredService<VotingKey>();
        Assert.Equal(codes.Select(key.Hash).Order(), hashes.Order());
        Assert.Equal(30, issued);
        Assert.DoesNotContain(hashes, h => codes.Any(c => h.Contains(VotingCodes.Normalize(c), StringComparison.OrdinalIgnoreCase)));

        // A code printed on a slip votes.
        await VotingTestKit.OpenAsync(f, s.MeetingId);
        Assert.Equal(HttpStatusCode.OK, (await VotingTestKit.CastAsync(f.NewClient(), VotingTestKit.Ballot(s, codes[7]))).StatusCode);

        // A GET never shows a code.
        var again = await client.GetAsync(url);
        Assert.Contains("no-store", again.Headers.CacheControl!.ToString());
        var page = await again.Content.ReadAsStringAsync();
        Assert.DoesNotContain(codes, c => page.Contains(c, StringComparison.Ordinal) || page.Contains(VotingCodes.Normalize(c), StringComparison.Ordinal));
        Assert.Empty((await again.HtmlAsync()).QuerySelectorAll("[data-code], svg.qr"));
    }

    [Fact]
    public async Task Rehearsal_slips_do_not_count_as_issued_and_a_wrong_count_is_refused_in_Chinese()
    {
        var s = await VotingTestKit.MeetingAsync(f, D.A, 2013);
        var client = await f.PagesAsync(D.A.TownStaffUser);
        var url = $"/Meetings/Slips/{s.MeetingId}";
        foreach (var bad in new[] { "0", "501", "abc" })
        {
            var res = await client.PostFormAsync(url, Form(s.Category1, bad));
            var doc = await res.HtmlAsync();
            Assert.True(doc.QuerySelector("[data-valmsg-for=Count]")?.TextContent.Contains("数量应为1到500") == true, $"{bad}: {(int)res.StatusCode} {doc.QuerySelector("form")?.InnerHtml}");
            Assert.Empty(doc.QuerySelectorAll("[data-code]"));
        }
        var noCategory = await (await client.PostFormAsync(url, Form(0, "3"))).HtmlAsync();
        Assert.Contains("请选择参会人员类别", noCategory.QuerySelector("[data-valmsg-for=CategoryId]")!.TextContent);

        var rehearsal = await (await client.PostFormAsync(url, Form(s.Category2, "3", "Rehearsal"))).HtmlAsync();
        Assert.Equal(3, rehearsal.QuerySelectorAll("[data-code]").Length);
        var stored = await f.WithDbAsync(async (db, _) => (
            await db.VotingCodes.Where(c => c.MeetingId == s.MeetingId).Select(c => c.Kind).ToListAsync(),
            await db.VoterCategories.Where(c => c.Id == s.Category2).Select(c => c.Issued).SingleAsync()));
        Assert.Equal([CodeKind.Rehearsal, CodeKind.Rehearsal, CodeKind.Rehearsal], stored.Item1);
        Assert.Equal(0, stored.Item2);

        await VotingTestKit.OpenAsync(f, s.MeetingId);
        await VotingTestKit.CloseAsync(f, s.MeetingId);
        var closed = await client.GetHtmlAsync(url);
        Assert.NotNull(closed.QuerySelector("[data-closed]"));
        Assert.Null(closed.QuerySelector("form[method=post] select"));
    }

    [Fact]
    public async Task The_board_counts_ballots_as_they_arrive_by_json_and_by_the_event_stream()
    {
        var s = await VotingTestKit.MeetingAsync(f, D.A, 2021);
        var codes = await VotingTestKit.CodesAsync(f, s.MeetingId, s.Category1, 6);
        await VotingTestKit.OpenAsync(f, s.MeetingId);
        var client = await f.PagesAsync(D.A.TownStaffUser);
        var phone = f.NewClient();
        await VotingTestKit.CastAsync(phone, VotingTestKit.Ballot(s, codes[0]));

        var turnout = await client.GetFromJsonAsync<JsonElement>($"/Meetings/Board/{s.MeetingId}?handler=Turnout");
        Assert.Equal(1, turnout.GetProperty("received").GetInt32());
        Assert.Equal(6, turnout.GetProperty("issued").GetInt32());
        var first = turnout.GetProperty("categories")[0];
        Assert.Equal((s.Category1, 1, 6), (first.GetProperty("categoryId").GetInt32(), first.GetProperty("received").GetInt32(), first.GetProperty("issued").GetInt32()));
        Assert.Equal("Open", turnout.GetProperty("state").GetString());

        var board = await client.GetHtmlAsync($"/Meetings/Board/{s.MeetingId}");
        Assert.Equal("1", board.QuerySelector("[data-total-received]")!.TextContent);
        Assert.Equal("1", board.QuerySelector($"tr[data-category='{s.Category1}'] [data-received]")!.TextContent);
        Assert.NotNull(board.QuerySelector("[data-results-hidden]"));

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var req = new HttpRequestMessage(HttpMethod.Get, $"/Meetings/Board/{s.MeetingId}?handler=Stream");
        using var stream = await client.SendAsync(req, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(cts.Token));
        async Task<JsonElement> NextEventAsync()
        {
            while (true)
            {
                var line = await reader.ReadLineAsync(cts.Token) ?? throw new EndOfStreamException();
                if (line.StartsWith("data: ", StringComparison.Ordinal)) return JsonDocument.Parse(line[6..]).RootElement;
            }
        }
        Assert.Equal(1, (await NextEventAsync()).GetProperty("received").GetInt32());
        await VotingTestKit.CastAsync(phone, VotingTestKit.Ballot(s, codes[1]));
        Assert.Equal(2, (await NextEventAsync()).GetProperty("received").GetInt32());
        await cts.CancelAsync();
    }

    [Fact]
    public async Task Results_show_only_after_the_close_and_once_the_chair_shows_them_and_small_categories_stay_hidden()
    {
        var s = await VotingTestKit.MeetingAsync(f, D.A, 2022);
        var big = await VotingTestKit.CodesAsync(f, s.MeetingId, s.Category1, 5);
        var small = await VotingTestKit.CodesAsync(f, s.MeetingId, s.Category2, 2);
        await VotingTestKit.OpenAsync(f, s.MeetingId);
        var phone = f.NewClient();
        foreach (var c in big) Assert.Equal(HttpStatusCode.OK, (await VotingTestKit.CastAsync(phone, VotingTestKit.Ballot(s, c, "好", "一般"))).StatusCode);
        foreach (var c in small) Assert.Equal(HttpStatusCode.OK, (await VotingTestKit.CastAsync(phone, VotingTestKit.Ballot(s, c, "较好", "差"))).StatusCode);
        var client = await f.PagesAsync(D.A.TownStaffUser);
        var url = $"/Meetings/Board/{s.MeetingId}";

        var open = await client.GetHtmlAsync(url);
        Assert.Empty(open.QuerySelectorAll("[data-results]"));
        Assert.Null(open.QuerySelector("[data-toggle-results]")); // nothing to show while voting runs

        await VotingTestKit.CloseAsync(f, s.MeetingId);
        var closed = await client.GetHtmlAsync(url);
        Assert.Empty(closed.QuerySelectorAll("[data-results]"));
        Assert.NotNull(closed.QuerySelector("[data-results-hidden]"));
        Assert.Equal(7, int.Parse(closed.QuerySelector("[data-total-received]")!.TextContent));

        var shown = await client.PostFormAsync($"{url}?handler=Results", new() { ["show"] = "true" }, url);
        Assert.Equal(HttpStatusCode.Redirect, shown.StatusCode);
        Assert.True(await f.WithDbAsync(async (db, _) => await db.Meetings.Where(m => m.Id == s.MeetingId).Select(m => m.ResultsShown).SingleAsync()));
        var results = await client.GetHtmlAsync(url);
        var r1 = results.QuerySelector($"[data-results] tr[data-reporter='{s.Reporter1}']")!;
        var r2 = results.QuerySelector($"[data-results] tr[data-reporter='{s.Reporter2}']")!;
        // Reporter 1: 5 × 好 (100) in category 1, 2 × 较好 (90) in category 2, weights 1 and 1 → 95.00, rank 1.
        Assert.Equal("95.00", r1.QuerySelector("[data-score]")!.TextContent);
        Assert.Equal("1", r1.QuerySelector("td")!.TextContent);
        // Reporter 2: 5 × 一般 (75), 2 × 差 (60) → 67.50, rank 2.
        Assert.Equal("67.50", r2.QuerySelector("[data-score]")!.TextContent);
        Assert.Contains(VoterCategory.DefaultNames[0], r1.QuerySelector(".cats")!.TextContent);
        Assert.DoesNotContain(VoterCategory.DefaultNames[1], r1.QuerySelector(".cats")!.TextContent); // 2 marks: not shown apart

        var hidden = await client.PostFormAsync($"{url}?handler=Results", new() { ["show"] = "false" }, url);
        Assert.Equal(HttpStatusCode.Redirect, hidden.StatusCode);
        Assert.Empty((await client.GetHtmlAsync(url)).QuerySelectorAll("[data-results]"));
    }

    [Fact]
    public async Task Showing_results_before_the_close_is_refused_in_Chinese()
    {
        var s = await VotingTestKit.MeetingAsync(f, D.A, 2023);
        await VotingTestKit.OpenAsync(f, s.MeetingId);
        var client = await f.PagesAsync(D.A.TownStaffUser);
        var url = $"/Meetings/Board/{s.MeetingId}";
        var res = await client.PostFormAsync($"{url}?handler=Results", new() { ["show"] = "true" }, $"/Meetings/Slips/{s.MeetingId}");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var doc = await res.HtmlAsync();
        Assert.Contains(Shuzhi.Web.Infrastructure.Messages.Get("Meeting.ResultsBeforeClose"), doc.QuerySelector("[data-error]")!.TextContent);
        Assert.Empty(doc.QuerySelectorAll("[data-results]"));
        Assert.False(await f.WithDbAsync(async (db, _) => await db.Meetings.Where(m => m.Id == s.MeetingId).Select(m => m.ResultsShown).SingleAsync()));
    }
}

public sealed class SlipsAndBoardTests_Sqlite(SqliteFactory f) : SlipsAndBoardTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class SlipsAndBoardTests_Postgres(PostgresFactory f) : SlipsAndBoardTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
