using System.Net;
using Microsoft.EntityFrameworkCore;
using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Meetings;
using Shuzhi.Web.Tests.Campaigns;
using Shuzhi.Web.Tests.Infrastructure;
using static Shuzhi.Web.Tests.Meetings.TallyTestKit;

namespace Shuzhi.Web.Tests.Meetings;

/// <summary>
/// Paper ballots: entry as written (out of range accepted, entry errors refused), duplicate sheet numbers, double entry
/// with every mismatch listed, corrections, the commit into anonymous ballots valid or invalid by the rules, and the
/// reconciliation. Each test uses its own year (one database per class).
/// </summary>
public abstract class PaperBallotTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    private static string Url(Arranged a) => $"/Meetings/Paper/{a.MeetingId}";

    private static string Error(AngleSharp.Html.Dom.IHtmlDocument doc) => doc.QuerySelector("[data-error]")?.TextContent ?? "";

    [Fact]
    public async Task A_sheet_is_entered_the_number_moves_on_and_a_duplicate_or_impossible_sheet_is_refused_in_Chinese()
    {
        var a = await MeetingAsync(f, D.A, 2081);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var page = await staff.GetHtmlAsync(Url(a));
        Assert.Equal("1", page.QuerySelector("#batch")!.GetAttribute("value"));
        Assert.Equal("1", page.QuerySelector("#sheet")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector($"input[name=g{a.Reporter1}][value=好]"));

        var res = await staff.PostFormAsync(Url(a), Sheet(1, 1, 1, a.Cat1, (a.Reporter1, "好"), (a.Reporter2, "较好")));
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        page = await staff.GetHtmlAsync(res.Headers.Location!.ToString());
        Assert.Contains("第1批第一轮第1号票已保存", page.QuerySelector("[data-message]")!.TextContent);
        Assert.Equal("2", page.QuerySelector("#sheet")!.GetAttribute("value"));
        Assert.Equal(a.Cat1.ToString(), page.QuerySelector("#category option[selected]")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("table[data-round='1'] tr[data-sheet='1']"));

        // The same number again in the same batch and round.
        res = await staff.PostFormAsync(Url(a), Sheet(1, 1, 1, a.Cat2, (a.Reporter1, "差")));
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Contains("票号1在同一批录入中出现了两次", Error(await res.HtmlAsync()));
        // A grade the form does not have cannot be on the sheet.
        res = await staff.PostFormAsync(Url(a), Sheet(1, 1, 2, a.Cat1, (a.Reporter1, "优")));
        Assert.Contains("等次“优”不在本层面的测评票上", Error(await res.HtmlAsync()));
        // Batch missing, sheet not a number.
        var form = Sheet(1, 1, 2, a.Cat1, (a.Reporter1, "好"));
        form["batch"] = "";
        form["sheet"] = "x";
        var doc = await (await staff.PostFormAsync(Url(a), form)).HtmlAsync();
        Assert.Contains("请填写批次。", Error(doc));
        Assert.Contains("票号：请填写正整数。", Error(doc));

        var entries = await EntriesAsync(f, a.MeetingId);
        var e = Assert.Single(entries);
        Assert.Equal((1, 1, 1, a.Cat1, D.A.TownStaffUser), (e.Batch, e.Round, e.SheetNumber, e.CategoryId, e.EnteredBy));
        Assert.Equal([new Mark(a.Reporter1, "好"), new Mark(a.Reporter2, "较好")], e.Marks.Select(m => new Mark(m.ReporterId, m.Grade)).ToList());
        // The same number in round 2 is another entry of the same sheet.
        res = await staff.PostFormAsync(Url(a), Sheet(1, 2, 1, a.Cat1, (a.Reporter1, "好")));
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.Equal(2, (await EntriesAsync(f, a.MeetingId)).Count);
        // Both rounds by the same person: the check says double entry needs two people.
        var check = await staff.GetHtmlAsync($"{Url(a)}?batch=1&check=true");
        Assert.Contains($"两轮都由{D.A.TownStaffUser}录入", check.QuerySelector("[data-same-person]")!.TextContent);
        Assert.Single(check.QuerySelectorAll("[data-mismatches] tbody tr")); // reporter 2: 较好 against blank
    }

    [Fact]
    public async Task Points_out_of_range_are_entered_as_written_and_the_ballot_counts_invalid_but_text_is_refused()
    {
        var a = await MeetingAsync(f, D.A, 2082, form: BallotForm.DefaultDimension());
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var fields = Sheet(1, 1, 1, a.Cat1);
        string[] r1 = ["21", "15", "15", "20", "15", "15"]; // 德 21 > 20
        string[] r2 = ["18", "abc", "15", "20", "15", "15"];
        for (var i = 0; i < 6; i++) { fields[$"p{a.Reporter1}_{i}"] = r1[i]; fields[$"p{a.Reporter2}_{i}"] = r2[i]; }
        var res = await staff.PostFormAsync(Url(a), fields);
        var doc = await res.HtmlAsync();
        Assert.Contains("“能”填写的“abc”不是数字", Error(doc));
        // The form keeps what was typed.
        Assert.Equal("21", doc.QuerySelector($"input[name=p{a.Reporter1}_0]")!.GetAttribute("value"));

        fields[$"p{a.Reporter2}_1"] = "14.5";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(Url(a), fields)).StatusCode);
        var e = Assert.Single(await EntriesAsync(f, a.MeetingId));
        Assert.Equal([21m, 15m, 15m, 20m, 15m, 15m], e.Marks.Single(m => m.ReporterId == a.Reporter1).Points!.Select(p => p!.Value));

        res = await staff.PostFormAsync($"{Url(a)}?handler=Commit", new() { ["batch"] = "1", ["singleEntry"] = "true" }, Url(a));
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var b = Assert.Single(await BallotsAsync(f, a.MeetingId));
        Assert.Equal((BallotSource.Paper, false, (InvalidReason?)InvalidReason.PointsOutOfRange), (b.Source, b.IsValid, b.InvalidReason));
    }

    [Fact]
    public async Task Double_entry_lists_every_mismatch_refuses_the_commit_and_accepts_it_after_the_correction()
    {
        var a = await MeetingAsync(f, D.A, 2083);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        // Round 1: three sheets. Round 2: sheet 1 the same, sheet 2 with 一般 for reporter 2 instead of 较好, sheet 3 missing.
        foreach (var s in new[]
        {
            Sheet(1, 1, 1, a.Cat1, (a.Reporter1, "好"), (a.Reporter2, "好")),
            Sheet(1, 1, 2, a.Cat1, (a.Reporter1, "较好"), (a.Reporter2, "较好")),
            Sheet(1, 1, 3, a.Cat2, (a.Reporter1, "差")),
        })
            Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(Url(a), s)).StatusCode);
        // Round 2 by a second staff member of the town.
        var second = await f.PagesAsync(await CampaignTestKit.StaffAtAsync(f, D.A.Town.Id, "a_town_staff_2083"));
        foreach (var s in new[]
        {
            Sheet(1, 2, 1, a.Cat1, (a.Reporter1, "好"), (a.Reporter2, "好")),
            Sheet(1, 2, 2, a.Cat1, (a.Reporter1, "较好"), (a.Reporter2, "一般")),
        })
            Assert.Equal(HttpStatusCode.Redirect, (await second.PostFormAsync(Url(a), s)).StatusCode);

        var check = await staff.GetHtmlAsync($"{Url(a)}?batch=1&check=true");
        var rows = check.QuerySelectorAll("[data-mismatches] tbody tr");
        var row = Assert.Single(rows);
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("2", cells[0]);
        Assert.Contains("二村", cells[1]);
        Assert.Equal(["等次", "较好", "一般"], cells.Skip(2));
        Assert.Equal("只在第一轮录入的票号：3", check.QuerySelector("[data-only-a]")!.TextContent.Trim());
        Assert.Null(check.QuerySelector("[data-only-b]"));
        Assert.Null(check.QuerySelector("[data-agree]"));
        Assert.Null(check.QuerySelector("[data-same-person]"));

        var commit = new Dictionary<string, string> { ["batch"] = "1" };
        var res = await staff.PostFormAsync($"{Url(a)}?handler=Commit", commit, Url(a));
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Contains("第1批两轮录入不一致（1处不同，1张只录了一轮）", Error(await res.HtmlAsync()));
        Assert.Empty(await BallotsAsync(f, a.MeetingId));

        // Correct round 2's sheet 2 and enter its sheet 3.
        var wrong = (await EntriesAsync(f, a.MeetingId)).Single(e => e.Round == 2 && e.SheetNumber == 2);
        var edit = await staff.GetHtmlAsync($"{Url(a)}?edit={wrong.Id}");
        Assert.NotNull(edit.QuerySelector($"[data-editing='{wrong.Id}']"));
        Assert.NotNull(edit.QuerySelector($"input[name=g{a.Reporter2}][value=一般][checked]"));
        var fix = Sheet(1, 2, 2, a.Cat1, (a.Reporter1, "较好"), (a.Reporter2, "较好"));
        fix["entryId"] = wrong.Id.ToString();
        Assert.Equal(HttpStatusCode.Redirect, (await second.PostFormAsync(Url(a), fix, $"{Url(a)}?edit={wrong.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await second.PostFormAsync(Url(a), Sheet(1, 2, 3, a.Cat2, (a.Reporter1, "差")))).StatusCode);
        Assert.NotNull((await staff.GetHtmlAsync($"{Url(a)}?batch=1&check=true")).QuerySelector("[data-agree]"));
        var audited = await f.WithDbAsync((db, _) => db.AuditEntries.IgnoreQueryFilters()
            .Where(x => x.EntityType == nameof(PaperEntry) && x.EntityId == wrong.Id.ToString()).OrderBy(x => x.Id).Select(x => x.Action).ToListAsync());
        Assert.Equal(["create", "delete"], audited);

        res = await staff.PostFormAsync($"{Url(a)}?handler=Commit", commit, Url(a));
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var ballots = await BallotsAsync(f, a.MeetingId);
        Assert.Equal(3, ballots.Count);
        Assert.All(ballots, b => Assert.Equal(BallotSource.Paper, b.Source));
        Assert.Equal(2, ballots.Count(b => b.CategoryId == a.Cat1));
        Assert.All(await EntriesAsync(f, a.MeetingId), e => Assert.True(e.Committed));
        Assert.True(await f.WithDbAsync((db, _) => db.AuditEntries.IgnoreQueryFilters()
            .AnyAsync(x => x.Action == "commit-paper" && x.EntityId == a.MeetingId.ToString())));

        // A committed batch no longer changes.
        res = await staff.PostFormAsync(Url(a), Sheet(1, 1, 4, a.Cat1, (a.Reporter1, "好")));
        Assert.Contains("第1批已提交", Error(await res.HtmlAsync()));
        res = await staff.PostFormAsync($"{Url(a)}?handler=Delete", new() { ["entryId"] = wrong.Id.ToString() }, Url(a));
        Assert.Equal(HttpStatusCode.NotFound, res.StatusCode); // the corrected entry replaced it
        var kept = (await EntriesAsync(f, a.MeetingId)).First();
        res = await staff.PostFormAsync($"{Url(a)}?handler=Delete", new() { ["entryId"] = kept.Id.ToString() }, Url(a));
        Assert.Contains("第1批已提交", Error(await res.HtmlAsync()));
        res = await staff.PostFormAsync($"{Url(a)}?handler=Commit", commit, Url(a));
        Assert.Contains("第1批已提交", Error(await res.HtmlAsync()));
        Assert.Equal(3, (await BallotsAsync(f, a.MeetingId)).Count);
        // The next batch is offered once this one is committed.
        Assert.Equal("2", (await staff.GetHtmlAsync($"{Url(a)}?batch=1")).QuerySelector("[data-next-batch]")!.GetAttribute("data-next-batch"));
        Assert.Equal("2", (await staff.GetHtmlAsync(Url(a))).QuerySelector("#batch")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Committed_sheets_are_valid_or_invalid_as_the_rules_say_and_entry_stops_at_the_close()
    {
        // Every reporter must be marked (share 1): two reporters → 2.
        var a = await MeetingAsync(f, D.A, 2084, rules: new BallotRules(MinShareMarked: 1m));
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        foreach (var s in new[]
        {
            Sheet(3, 1, 1, a.Cat1),                                                // blank
            Sheet(3, 1, 2, a.Cat1, (a.Reporter1, "好")),                           // too few marked
            Sheet(3, 1, 3, a.Cat2, (a.Reporter1, "一般"), (a.Reporter2, "差")),    // valid
        })
            Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(Url(a), s)).StatusCode);
        Assert.Equal(3, (await EntriesAsync(f, a.MeetingId)).Count);

        // Without a second round the commit needs the single-entry choice.
        var res = await staff.PostFormAsync($"{Url(a)}?handler=Commit", new() { ["batch"] = "3" }, Url(a));
        Assert.Contains("第3批只有第一轮录入", Error(await res.HtmlAsync()));
        res = await staff.PostFormAsync($"{Url(a)}?handler=Commit", new() { ["batch"] = "3", ["singleEntry"] = "true" }, Url(a));
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.Contains("生成3张纸质选票（有效1张，无效2张）", (await staff.GetHtmlAsync(res.Headers.Location!.ToString())).QuerySelector("[data-message]")!.TextContent);

        var ballots = await BallotsAsync(f, a.MeetingId);
        Assert.Equal([InvalidReason.Blank, InvalidReason.TooFewMarked], ballots.Where(b => !b.IsValid).Select(b => b.InvalidReason!.Value).Order());
        var valid = Assert.Single(ballots, b => b.IsValid);
        Assert.Equal(a.Cat2, valid.CategoryId);
        Assert.Equal(["一般", "差"], valid.Marks.OrderBy(m => m.ReporterId == a.Reporter1 ? 0 : 1).Select(m => m.Grade!));

        await CloseAsync(f, a.MeetingId);
        var page = await staff.GetHtmlAsync(Url(a));
        Assert.NotNull(page.QuerySelector("[data-closed]"));
        Assert.Null(page.QuerySelector("form[data-paper-form]"));
        res = await staff.PostFormAsync(Url(a), Sheet(4, 1, 1, a.Cat1, (a.Reporter1, "好"), (a.Reporter2, "好")), $"/Meetings/Reconcile/{a.MeetingId}");
        Assert.Contains("投票已结束，选票已封存", Error(await res.HtmlAsync()));
        Assert.Equal(3, (await EntriesAsync(f, a.MeetingId)).Count);
    }

    [Fact]
    public async Task Reconciliation_shows_the_counts_per_category_with_flags_and_a_total()
    {
        var a = await MeetingAsync(f, D.A, 2085);
        await f.WithDbAsync(async db =>
        {
            var cats = await db.VoterCategories.Where(c => c.MeetingId == a.MeetingId).ToListAsync();
            cats.Single(c => c.Id == a.Cat1).SetIssued(10);
            cats.Single(c => c.Id == a.Cat2).SetIssued(1);
            await db.SaveChangesAsync();
        });
        Mark[] both = [Mark.ForGrade(a.Reporter1, "好"), Mark.ForGrade(a.Reporter2, "较好")];
        await PhoneAsync(f, a.MeetingId, a.Cat1, both, both);
        await PhoneAsync(f, a.MeetingId, a.Cat2, both, both);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        foreach (var s in new[] { Sheet(1, 1, 1, a.Cat1), Sheet(1, 1, 2, a.Cat1, (a.Reporter1, "好")), Sheet(1, 1, 3, a.Cat1, (a.Reporter2, "差")) })
            Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(Url(a), s)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"{Url(a)}?handler=Commit", new() { ["batch"] = "1", ["singleEntry"] = "true" }, Url(a))).StatusCode);

        var rec = $"/Meetings/Reconcile/{a.MeetingId}";
        static string[] Cells(AngleSharp.Dom.IElement row) =>
            new[] { "issued", "phone", "paper", "returned", "valid", "invalid", "flags" }.Select(c => row.QuerySelector($"[data-col={c}]")!.TextContent.Trim()).ToArray();
        var page = await staff.GetHtmlAsync(rec);
        // Category 1: issued 10; 2 phone + 3 paper = 5 returned; 4 valid + 1 invalid (the blank sheet) = 5: all agree.
        Assert.Equal(["10", "2", "3", "5", "4", "1", "一致"], Cells(page.QuerySelector($"tr[data-category='{a.Cat1}']")!));
        // Category 2: issued 1 but 2 phone ballots returned.
        Assert.Equal(["1", "2", "0", "2", "2", "0", "收回多于发出"], Cells(page.QuerySelector($"tr[data-category='{a.Cat2}']")!));
        // Total: 11 issued (the other categories none), 4 + 3 = 7 returned, 6 + 1 = 7.
        Assert.Equal(["11", "4", "3", "7", "6", "1", "一致"], Cells(page.QuerySelector("tr[data-total]")!));

        // Staff counted 4 sheets out of the box but 3 were entered.
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(rec, new() { ["categoryId"] = a.Cat1.ToString(), ["collected"] = "4" })).StatusCode);
        page = await staff.GetHtmlAsync(rec);
        Assert.Equal(["10", "2", "4", "6", "4", "1", "有效加无效不等于收回（纸质票未录完或重复录入）"], Cells(page.QuerySelector($"tr[data-category='{a.Cat1}']")!));
        Assert.Equal(4, await f.WithDbAsync((db, _) => db.VoterCategories.Where(c => c.Id == a.Cat1).Select(c => c.PaperCollected).SingleAsync()));

        var res = await staff.PostFormAsync(rec, new() { ["categoryId"] = a.Cat1.ToString(), ["collected"] = "-1" });
        Assert.Contains("收回张数应为0或正整数", Error(await res.HtmlAsync()));
        // Cleared: the entered sheets count again.
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(rec, new() { ["categoryId"] = a.Cat1.ToString(), ["collected"] = "" })).StatusCode);
        Assert.Equal("3", (await staff.GetHtmlAsync(rec)).QuerySelector($"tr[data-category='{a.Cat1}'] [data-col=paper]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Only_the_organizers_staff_enter_and_reconcile_others_get_403_or_404()
    {
        var a = await MeetingAsync(f, D.A, 2086);
        var county = await f.PagesAsync(D.A.StaffUser);   // sees the town's meeting, does not organize it
        var other = await f.PagesAsync(D.B.StaffUser);    // another county
        foreach (var url in new[] { Url(a), $"/Meetings/Reconcile/{a.MeetingId}" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await county.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await (await f.PagesAsync(D.A.TownStaffUser)).GetAsync("/Meetings/Paper/987654")).StatusCode);
        // A post by the county's staff changes nothing.
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var res = await county.PostFormAsync(Url(a), Sheet(1, 1, 1, a.Cat1, (a.Reporter1, "好")), "/Campaigns");
        Assert.Equal(HttpStatusCode.Forbidden, res.StatusCode);
        Assert.Empty(await EntriesAsync(f, a.MeetingId));
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(Url(a))).StatusCode);
    }
}

public sealed class PaperBallotTests_Sqlite(SqliteFactory f) : PaperBallotTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class PaperBallotTests_Postgres(PostgresFactory f) : PaperBallotTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
