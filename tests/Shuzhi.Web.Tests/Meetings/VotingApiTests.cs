using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Meetings;
using Shuzhi.Web.Infrastructure;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Meetings;

/// <summary>
/// The anonymous voting endpoints (/vote/api/sheet, /vote/api/cast): one ballot per code also under 200 concurrent
/// casts, the voting window, rehearsal codes, refused ballots, the anonymous shape of the stored ballot, and no code in
/// any log line.
/// </summary>
public abstract class VotingApiTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    private static async Task<string> MessageAsync(HttpResponseMessage res)
    {
        var json = await res.Content.ReadFromJsonAsync<JsonElement>();
        if (json.TryGetProperty("message", out var m)) return m.GetString()!;
        return json.GetProperty("errors").EnumerateObject().First().Value[0].GetString()!;
    }

    [Fact]
    public async Task The_sheet_gives_the_meeting_the_category_every_speaker_with_its_form_and_the_rules()
    {
        var s = await VotingTestKit.MeetingAsync(f, D.A, 2001);
        var code = (await VotingTestKit.CodesAsync(f, s.MeetingId, s.Category2, 1))[0];
        await VotingTestKit.OpenAsync(f, s.MeetingId);
        var client = f.NewClient();
        var res = await client.PostAsJsonAsync("/vote/api/sheet", new { code = code.ToLowerInvariant().Replace("-", " ") });
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var sheet = await res.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(s.Title, sheet.GetProperty("meetingTitle").GetString());
        Assert.Equal(VoterCategory.DefaultNames[1], sheet.GetProperty("category").GetString());
        Assert.False(sheet.GetProperty("rehearsal").GetBoolean());
        Assert.Equal(1, sheet.GetProperty("minMarked").GetInt32()); // ⌈0.5 × 2⌉
        var speakers = sheet.GetProperty("speakers").EnumerateArray().ToList();
        Assert.Equal([s.Reporter1, s.Reporter2], speakers.Select(p => p.GetProperty("reporterId").GetInt32()));
        Assert.Equal(D.A.Village1.Name, speakers[0].GetProperty("organization").GetString());
        Assert.Equal("村（社区）党组织书记", speakers[0].GetProperty("track").GetString());
        Assert.Equal("Grade", speakers[0].GetProperty("form").GetString());
        Assert.Equal(["好", "较好", "一般", "差"], speakers[0].GetProperty("grades").EnumerateArray().Select(g => g.GetProperty("label").GetString()));

        // A code that has voted gets no sheet.
        Assert.Equal(HttpStatusCode.OK, (await VotingTestKit.CastAsync(client, VotingTestKit.Ballot(s, code))).StatusCode);
        var again = await client.PostAsJsonAsync("/vote/api/sheet", new { code });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(Messages.Get("Meeting.CodeUsed"), await MessageAsync(again));
    }

    [Fact]
    public async Task A_dimension_sheet_gives_each_dimension_with_its_maximum_and_points_out_of_range_are_refused()
    {
        var s = await VotingTestKit.MeetingAsync(f, D.A, 2002, form: BallotForm.DefaultDimension());
        var code = (await VotingTestKit.CodesAsync(f, s.MeetingId, s.Category1, 1))[0];
        await VotingTestKit.OpenAsync(f, s.MeetingId);
        var client = f.NewClient();
        var sheet = await (await client.PostAsJsonAsync("/vote/api/sheet", new { code })).Content.ReadFromJsonAsync<JsonElement>();
        var dims = sheet.GetProperty("speakers")[0].GetProperty("dimensions").EnumerateArray().Select(d => (d.GetProperty("label").GetString(), d.GetProperty("max").GetInt32())).ToList();
        Assert.Equal([("德", 20), ("能", 15), ("勤", 15), ("绩", 20), ("廉", 15), ("学", 15)], dims);

        var tooMuch = await VotingTestKit.CastAsync(client, new { code, marks = new[] { new { reporterId = s.Reporter1, points = new decimal[] { 21, 15, 15, 20, 15, 15 } } } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMuch.StatusCode);
        Assert.Equal(Messages.Get("Meeting.PointsOutOfRange", s.Reporter1, "德", 20), await MessageAsync(tooMuch));
        Assert.Equal(0, await VotingTestKit.BallotsAsync(f, s.MeetingId));
        var ok = await VotingTestKit.CastAsync(client, new { code, marks = new[] { new { reporterId = s.Reporter1, points = new decimal[] { 18.5m, 15, 15, 20, 15, 15 } } } });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(1, await VotingTestKit.BallotsAsync(f, s.MeetingId));
    }

    [Fact]
    public async Task Two_hundred_concurrent_casts_of_one_code_store_one_ballot_and_refuse_the_rest()
    {
        var s = await VotingTestKit.MeetingAsync(f, D.A, 2003);
        var code = (await VotingTestKit.CodesAsync(f, s.MeetingId, s.Category1, 1))[0];
        await VotingTestKit.OpenAsync(f, s.MeetingId);
        var client = f.NewClient();
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => VotingTestKit.CastAsync(client, VotingTestKit.Ballot(s, code))));
        var statuses = results.Select(r => r.StatusCode).ToList();
        Assert.True(statuses.Count(x => x == HttpStatusCode.OK) == 1, string.Join(",", statuses.GroupBy(x => x).Select(g => $"{g.Key}×{g.Count()}")));
        var unexpected = results.Where(r => r.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Conflict)).ToList();
        Assert.True(unexpected.Count == 0, string.Join("\n", await Task.WhenAll(unexpected.Select(async r => $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}")))
            + string.Join("\n", f.Logs.Lines.Where(l => l.Contains("Exception", StringComparison.Ordinal)).Take(5)));
        Assert.Equal(199, statuses.Count(x => x == HttpStatusCode.Conflict));
        var ok = results.Single(r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal("""{"message":"已提交"}""", await ok.Content.ReadAsStringAsync()); // nothing of the ballot comes back
        Assert.Equal(1, await VotingTestKit.BallotsAsync(f, s.MeetingId));
        Assert.Equal(1, await VotingTestKit.UsedAsync(f, s.MeetingId));

        var second = await VotingTestKit.CastAsync(client, VotingTestKit.Ballot(s, code, "差", "差"));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(Messages.Get("Meeting.CodeUsed"), await MessageAsync(second));
        Assert.Equal(1, await VotingTestKit.BallotsAsync(f, s.MeetingId));
        var stored = await f.WithDbAsync(async (db, _) => await db.MeetingBallots.AsNoTracking().SingleAsync(b => b.MeetingId == s.MeetingId));
        Assert.Equal(["好", "较好"], stored.Marks.Select(m => m.Grade));
    }

    [Fact]
    public async Task Outside_the_window_a_ballot_is_refused_with_the_reason()
    {
        var s = await VotingTestKit.MeetingAsync(f, D.A, 2004);
        var codes = await VotingTestKit.CodesAsync(f, s.MeetingId, s.Category1, 2);
        var client = f.NewClient();
        var early = await VotingTestKit.CastAsync(client, VotingTestKit.Ballot(s, codes[0]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.StartsWith("投票尚未开始", await MessageAsync(early));
        var earlySheet = await client.PostAsJsonAsync("/vote/api/sheet", new { code = codes[0] });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, earlySheet.StatusCode);

        await VotingTestKit.OpenAsync(f, s.MeetingId);
        Assert.Equal(HttpStatusCode.OK, (await VotingTestKit.CastAsync(client, VotingTestKit.Ballot(s, codes[0]))).StatusCode);
        await VotingTestKit.CloseAsync(f, s.MeetingId);
        var late = await VotingTestKit.CastAsync(client, VotingTestKit.Ballot(s, codes[1]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
        Assert.Equal(Messages.Get("Meeting.VotingClosed"), await MessageAsync(late));
        Assert.Equal(1, await VotingTestKit.BallotsAsync(f, s.MeetingId));
        Assert.Equal(1, await VotingTestKit.UsedAsync(f, s.MeetingId));
    }

    [Fact]
    public async Task Rehearsal_codes_vote_only_while_the_rehearsal_is_open_and_store_no_ballot()
    {
        var s = await VotingTestKit.MeetingAsync(f, D.A, 2005);
        var rehearsal = await VotingTestKit.CodesAsync(f, s.MeetingId, s.Category1, 3, CodeKind.Rehearsal);
        var real = (await VotingTestKit.CodesAsync(f, s.MeetingId, s.Category1, 1))[0];
        var client = f.NewClient();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await VotingTestKit.CastAsync(client, VotingTestKit.Ballot(s, rehearsal[0]))).StatusCode);

        await VotingTestKit.ActAsync(f, s.MeetingId, (cmd, c, m) => cmd.OpenRehearsalAsync(VotingTestKit.Staff, c, m, default));
        var sheet = await (await client.PostAsJsonAsync("/vote/api/sheet", new { code = rehearsal[0] })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(sheet.GetProperty("rehearsal").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await VotingTestKit.CastAsync(client, VotingTestKit.Ballot(s, rehearsal[0]))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await VotingTestKit.CastAsync(client, VotingTestKit.Ballot(s, rehearsal[0]))).StatusCode); // used up all the same
        var realDuringRehearsal = await VotingTestKit.CastAsync(client, VotingTestKit.Ballot(s, real));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, realDuringRehearsal.StatusCode);
        Assert.StartsWith("投票尚未开始", await MessageAsync(realDuringRehearsal));
        Assert.Equal(0, await VotingTestKit.BallotsAsync(f, s.MeetingId));
        Assert.Equal(1, await VotingTestKit.UsedAsync(f, s.MeetingId));

        await VotingTestKit.OpenAsync(f, s.MeetingId); // closes the rehearsal
        var after = await VotingTestKit.CastAsync(client, VotingTestKit.Ballot(s, rehearsal[1]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, after.StatusCode);
        Assert.Equal(Messages.Get("Meeting.RehearsalNotOpen"), await MessageAsync(after));
        Assert.Equal(HttpStatusCode.OK, (await VotingTestKit.CastAsync(client, VotingTestKit.Ballot(s, real))).StatusCode);
        Assert.Equal(1, await VotingTestKit.BallotsAsync(f, s.MeetingId));
    }

    [Fact]
    public async Task A_ballot_breaking_a_rule_is_refused_in_Chinese_and_nothing_is_stored()
    {
        var s = await VotingTestKit.MeetingAsync(f, D.A, 2006, rules: new BallotRules(MinShareMarked: 1m));
        var code = (await VotingTestKit.CodesAsync(f, s.MeetingId, s.Category1, 1))[0];
        await VotingTestKit.OpenAsync(f, s.MeetingId);
        var client = f.NewClient();

        var blank = await VotingTestKit.CastAsync(client, new { code, marks = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, blank.StatusCode);
        Assert.Equal(Messages.Get("Meeting.BallotBlank"), await MessageAsync(blank));
        var tooFew = await VotingTestKit.CastAsync(client, new { code, marks = new[] { new { reporterId = s.Reporter1, grade = "好" } } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooFew.StatusCode);
        Assert.Equal(Messages.Get("Meeting.TooFewMarked", 2, 2), await MessageAsync(tooFew));
        var noSuchGrade = await VotingTestKit.CastAsync(client, VotingTestKit.Ballot(s, code, "优秀"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noSuchGrade.StatusCode);
        Assert.Equal(Messages.Get("Meeting.GradeNotInForm", s.Reporter1, "优秀"), await MessageAsync(noSuchGrade));
        Assert.Equal(0, await VotingTestKit.BallotsAsync(f, s.MeetingId));
        Assert.Equal(0, await VotingTestKit.UsedAsync(f, s.MeetingId)); // the code may still vote

        Assert.Equal(HttpStatusCode.OK, (await VotingTestKit.CastAsync(client, VotingTestKit.Ballot(s, code))).StatusCode);
        Assert.Equal(1, await VotingTestKit.BallotsAsync(f, s.MeetingId));
    }

    [Fact]
    public async Task An_unknown_or_malformed_code_is_refused_in_Chinese()
    {
        var client = f.NewClient();
        var unknown = await client.PostAsJsonAsync("/vote/api/sheet", new { code = VotingCodes.Generate() });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Equal(Messages.Get("Meeting.CodeUnknown"), await MessageAsync(unknown));
        var shortCode = await client.PostAsJsonAsync("/vote/api/cast", new { code = "ABCD", marks = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, shortCode.StatusCode);
        Assert.Equal(Messages.Get("Meeting.CodeLength", VotingCodes.Length, 4), await MessageAsync(shortCode));
        var missing = await client.PostAsJsonAsync("/vote/api/cast", new { });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        // The code travels in the body only: there is no URL that takes it.
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.GetAsync("/vote/api/sheet?code=ABCDEFGHJKLMN")).StatusCode);
    }

    [Fact]
    public async Task The_phone_page_is_anonymous_light_and_under_the_CSP()
    {
        var res = await f.NewClient().GetAsync("/v");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Contains("script-src 'self'", res.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-store", res.Headers.CacheControl?.ToString());
        var doc = await res.HtmlAsync();
        Assert.NotNull(doc.QuerySelector("script[src^='/js/vote.js']"));
        Assert.NotNull(doc.QuerySelector("link[href^='/css/vote.css']"));
        Assert.Null(doc.QuerySelector("link[href*='bootstrap']")); // light: no framework
        Assert.Empty(doc.QuerySelectorAll("script:not([src])"));
        Assert.Empty(doc.QuerySelectorAll("[style]"));
        Assert.NotNull(doc.QuerySelector("form#code-form input#code"));
    }

    [Fact]
    public async Task The_ballot_table_holds_nothing_that_could_link_a_ballot_to_a_voter()
    {
        var ballots = await ColumnsAsync("MeetingBallots");
        Assert.Equal(["CategoryId", "Id", "InvalidReason", "IsValid", "Marks", "MeetingId", "Source"], ballots.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(ballots, c => c.Type.Contains("date", StringComparison.OrdinalIgnoreCase) || c.Type.Contains("time", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["Meetings", "VoterCategories"], (await ForeignTablesAsync("MeetingBallots")).Order(StringComparer.Ordinal));
        var used = await ColumnsAsync("UsedVotingCodes");
        Assert.Equal(["Hash", "MeetingId"], used.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(used, c => c.Type.Contains("date", StringComparison.OrdinalIgnoreCase) || c.Type.Contains("time", StringComparison.OrdinalIgnoreCase));
        Assert.All(await ForeignTablesAsync("UsedVotingCodes"), t => Assert.Equal("Meetings", t));
    }

    private Task<List<(string Name, string Type)>> ColumnsAsync(string table) => QueryAsync(
        f.IsPostgres
            ? $"SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{table}'"
            : $"SELECT name, type FROM pragma_table_info('{table}')",
        r => (r.GetString(0), r.GetString(1)));

    private Task<List<string>> ForeignTablesAsync(string table) => QueryAsync(
        f.IsPostgres
            ? "SELECT ccu.table_name FROM information_schema.table_constraints tc JOIN information_schema.constraint_column_usage ccu " +
              $"ON tc.constraint_name = ccu.constraint_name AND tc.table_schema = ccu.table_schema WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_name = '{table}'"
            : $"SELECT \"table\" FROM pragma_foreign_key_list('{table}')",
        r => r.GetString(0));

    private Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read) => f.WithDbAsync(async (db, _) =>
    {
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            await using var r = await cmd.ExecuteReaderAsync();
            var list = new List<T>();
            while (await r.ReadAsync()) list.Add(read(r));
            Assert.NotEmpty(list); // a misspelt table would pass every check above
            return list;
        }
        finally { await db.Database.CloseConnectionAsync(); }
    });

    [Fact]
    public async Task No_log_line_holds_a_code()
    {
        var s = await VotingTestKit.MeetingAsync(f, D.A, 2007);
        var client = await f.PagesAsync(D.A.TownStaffUser);
        var page = await client.PostFormAsync($"/Meetings/Slips/{s.MeetingId}", new() { ["CategoryId"] = s.Category1.ToString(), ["Count"] = "4", ["Kind"] = "Real" });
        var codes = (await page.HtmlAsync()).QuerySelectorAll("[data-code]").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(4, codes.Count);
        await VotingTestKit.OpenAsync(f, s.MeetingId);
        var phone = f.NewClient();
        await phone.PostAsJsonAsync("/vote/api/sheet", new { code = codes[0] });
        await VotingTestKit.CastAsync(phone, VotingTestKit.Ballot(s, codes[0]));
        await VotingTestKit.CastAsync(phone, VotingTestKit.Ballot(s, codes[0]));
        await VotingTestKit.CastAsync(phone, new { code = codes[1], marks = Array.Empty<object>() });
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => VotingTestKit.CastAsync(phone, VotingTestKit.Ballot(s, codes[2]))));
        await phone.PostAsJsonAsync("/vote/api/sheet", new { code = codes[3].ToLowerInvariant() });

        var lines = f.Logs.Lines.ToList();
        // The capture sees Information from hosting and EF, so the check below can fail.
        Assert.Contains(lines, l => l.Contains("/vote/api/cast", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Microsoft.EntityFrameworkCore.Database.Command", StringComparison.Ordinal));
        foreach (var code in codes)
        {
            var normalized = VotingCodes.Normalize(code);
            Assert.DoesNotContain(lines, l => l.Contains(code, StringComparison.OrdinalIgnoreCase) || l.Contains(normalized, StringComparison.OrdinalIgnoreCase));
        }
    }
}

public sealed class VotingApiTests_Sqlite(SqliteFactory f) : VotingApiTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class VotingApiTests_Postgres(PostgresFactory f) : VotingApiTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
