using System.IO.Compression;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shuzhi.Domain.Results;
using Shuzhi.Domain.Scoring;
using Shuzhi.Web.Data;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Infrastructure;
using Shuzhi.Web.Tests.Infrastructure;
using Shuzhi.Web.Tests.Reports;

namespace Shuzhi.Web.Tests.Results;

/// <summary>
/// Feedback and results (seed 002 三.3, 三.4; seed 001 第七条): the organizer's staff release a locked decision; each
/// reporter's accounts read only their own letter, only after the release, and acknowledge it once; a reopening takes
/// the results back and a new release updates the consequences in place; bulletins are read within their scope and
/// above; dossier filings are recorded. The town of county A organizes; its two villages report.
/// </summary>
public abstract class ResultTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;
    private static readonly DateOnly Meeting = new(2024, 1, 10);

    private static Opinion OpinionFor(string who) => new($"{who}带头落实“三会一课”，党员发展规范。", $"{who}组织生活质量不高，软弱涣散整顿进度偏慢。", $"{who}要聚焦整改清单，年内完成阵地建设。");

    /// <summary>The grades of the two villages; each proposal equals the final grade.</summary>
    private static List<DecidedGrade> Grades(ReportTestKit.Setup s, Grade first, Grade second) =>
        [new(s.Reporter1, first, first, null, OpinionFor("一村")), new(s.Reporter2, second, second, null, OpinionFor("二村"))];

    private Task LockAsync(int campaignId, IReadOnlyList<DecidedGrade> grades) => f.WithDbAsync(async db =>
    {
        var d = await db.Deliberations.SingleOrDefaultAsync(x => x.CampaignId == campaignId);
        if (d is null) { d = Deliberation.Start(campaignId); db.Deliberations.Add(d); }
        d.Lock(Meeting, "镇党委会议纪要〔2024〕3号", grades, Quota.Default, "测试", "test", f.Clock.GetUtcNow());
        await db.SaveChangesAsync();
    });

    private Task ReopenAsync(int campaignId) => f.WithDbAsync(async db =>
    {
        (await db.Deliberations.SingleAsync(x => x.CampaignId == campaignId)).Reopen("等次需要复核", "test", f.Clock.GetUtcNow());
        await db.SaveChangesAsync();
    });

    private Task<List<FeedbackLetter>> AllLettersAsync(int campaignId) =>
        f.WithDbAsync((db, _) => db.FeedbackLetters.IgnoreQueryFilters().AsNoTracking().Where(l => l.CampaignId == campaignId).OrderBy(l => l.Id).ToListAsync());

    private Task<List<ConsequenceRecord>> RecordsAsync(int campaignId) =>
        f.WithDbAsync((db, _) => db.ConsequenceRecords.IgnoreQueryFilters().AsNoTracking().Where(l => l.CampaignId == campaignId).OrderBy(l => l.ReporterId).ToListAsync());

    private static async Task<string> DocxTextAsync(HttpResponseMessage res)
    {
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal(Docx.ContentType, res.Content.Headers.ContentType!.MediaType);
        return DocxText(await res.Content.ReadAsByteArrayAsync());
    }

    private static string DocxText(byte[] bytes) => string.Join("\n", Docx.ReadParagraphs(new MemoryStream(bytes)).Select(p => p.Text));

    private async Task<ReportTestKit.Setup> ReleasedAsync(int year, Grade first, Grade second)
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, year);
        await LockAsync(s.CampaignId, Grades(s, first, second));
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var res = await staff.PostFormAsync($"/Results/{s.CampaignId}?handler=Release", new(), $"/Results/{s.CampaignId}");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        return s;
    }

    [Fact]
    public async Task Results_are_released_only_once_locked_and_a_secretary_reads_only_their_own_letter_and_acknowledges_it_once()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2061);
        var page = $"/Results/{s.CampaignId}";
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        await f.WithDbAsync(async db => { db.Deliberations.Add(Deliberation.Start(s.CampaignId)); await db.SaveChangesAsync(); });

        // Open decision: the page says so, a release is refused in Chinese, nothing is created.
        Assert.NotNull((await staff.GetHtmlAsync(page)).QuerySelector("[data-deliberation=open]"));
        var early = await staff.PostFormAsync($"{page}?handler=Release", new(), page);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.Contains("尚未锁定", (await early.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        Assert.Empty(await AllLettersAsync(s.CampaignId));
        var secretary = await f.PagesAsync(D.A.SecretaryUser); // bound to the first village
        Assert.DoesNotContain("2061年度", (await secretary.GetHtmlAsync("/Results/Mine")).QuerySelector("main")!.TextContent);

        // Locked and released: a letter per reporter, audited; a second release is refused.
        await LockAsync(s.CampaignId, Grades(s, Grade.Average, Grade.Good));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"{page}?handler=Release", new(), page)).StatusCode);
        var letters = await AllLettersAsync(s.CampaignId);
        Assert.Equal(2, letters.Count);
        var mine = letters.Single(l => l.ReporterId == s.Reporter1);
        var other = letters.Single(l => l.ReporterId == s.Reporter2);
        Assert.Equal((Grade.Average, true, true, new DateOnly(2024, 2, 9)), (mine.Grade, mine.NoExcellent, mine.ReminderInterview, mine.RectificationDeadline));
        Assert.True(await f.WithDbAsync((db, _) => db.AuditEntries.IgnoreQueryFilters().AnyAsync(a => a.Action == "Results.Release")));
        var again = await staff.PostFormAsync($"{page}?handler=Release", new(), page);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("无需重复发布", (await again.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        Assert.Equal(2, (await AllLettersAsync(s.CampaignId)).Count);

        // The secretary of the first village: their own letter only.
        var list = await secretary.GetHtmlAsync("/Results/Mine");
        Assert.NotNull(list.QuerySelector($"[data-letter='{mine.Id}']"));
        Assert.Null(list.QuerySelector($"[data-letter='{other.Id}']"));
        var read = await secretary.GetHtmlAsync($"/Results/Letter/{mine.Id}");
        var article = read.QuerySelector("article.feedback-letter")!.TextContent;
        Assert.Contains("综合评价等次：一般", article);
        Assert.Contains("一村组织生活质量不高", article);
        Assert.Contains("不得评定为“优秀”", article);
        Assert.Contains("2024年2月9日", article);
        Assert.Equal(HttpStatusCode.NotFound, (await secretary.GetAsync($"/Results/Letter/{other.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await secretary.GetAsync($"/Results/Letter/{other.Id}?handler=Docx")).StatusCode);
        // County B: not even by id.
        foreach (var user in new[] { D.B.StaffUser, D.B.SecretaryUser })
        {
            var b = await f.PagesAsync(user);
            Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/Results/Letter/{mine.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/Results/Letter/{mine.Id}?handler=Docx")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await (await f.PagesAsync(D.B.StaffUser)).GetAsync(page)).StatusCode);
        // The county above reads the campaign, but the results are the town's to release.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await f.PagesAsync(D.A.StaffUser)).GetAsync(page)).StatusCode);

        // The letter as .docx: title, addressee, year, grade, the three parts, what follows, the date in Chinese form.
        var docx = await DocxTextAsync(await secretary.GetAsync($"/Results/Letter/{mine.Id}?handler=Docx"));
        Assert.Contains("2061年度抓基层党建工作述职评议考核反馈意见", docx);
        Assert.Contains($"{D.A.Village1.Name} 书记 {D.A.Secretary.Name}同志", docx);
        Assert.Contains("综合评价等次：一般", docx);
        foreach (var part in new[] { "肯定成绩", "指出问题", "明确方向", "结果运用", "一村带头落实“三会一课”", "一村组织生活质量不高", "一村要聚焦整改清单", "约谈提醒", "限期整改：请于2024年2月9日前完成整改", "2024年1月15日" })
            Assert.Contains(part, docx);

        // Staff cannot acknowledge for the reporter; the secretary does, once.
        var ack = $"/Results/Letter/{mine.Id}?handler=Acknowledge";
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostFormAsync(ack, new(), $"/Results/Letter/{mine.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await secretary.PostFormAsync(ack, new(), $"/Results/Letter/{mine.Id}")).StatusCode);
        var twice = await secretary.PostFormAsync(ack, new(), $"/Results/Letter/{mine.Id}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, twice.StatusCode);
        Assert.Contains("无需重复确认", (await twice.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        var acked = (await AllLettersAsync(s.CampaignId)).Single(l => l.Id == mine.Id);
        Assert.Equal(D.A.SecretaryUser, acked.AcknowledgedBy);
        Assert.Equal(f.Clock.GetUtcNow(), acked.AcknowledgedAt);

        // Staff see who acknowledged, and download every letter.
        var hub = await staff.GetHtmlAsync(page);
        Assert.Equal("True", hub.QuerySelector($"tr[data-letter='{mine.Id}']")!.GetAttribute("data-acknowledged"));
        Assert.Equal("False", hub.QuerySelector($"tr[data-letter='{other.Id}']")!.GetAttribute("data-acknowledged"));
        var zip = await staff.GetAsync($"{page}?handler=Letters");
        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
        using var archive = new ZipArchive(new MemoryStream(await zip.Content.ReadAsByteArrayAsync()));
        Assert.Equal(2, archive.Entries.Count);
        var texts = archive.Entries.Select(e => { using var m = new MemoryStream(); e.Open().CopyTo(m); return DocxText(m.ToArray()); }).ToList();
        Assert.Contains(texts, t => t.Contains("综合评价等次：好") && t.Contains("二村带头落实"));
    }

    [Fact]
    public async Task A_reopening_withdraws_the_release_and_the_next_release_updates_the_consequences_without_duplicates()
    {
        var s = await ReleasedAsync(2062, Grade.FairlyGood, Grade.Good);
        var first = Assert.Single(await RecordsAsync(s.CampaignId));
        Assert.Equal((s.Reporter1, Grade.FairlyGood, true, false, (DateOnly?)null, true),
            (first.ReporterId, first.Grade, first.NoExcellent, first.ReminderInterview, first.RectificationDeadline, first.InForce));
        var letter = (await AllLettersAsync(s.CampaignId)).Single(l => l.ReporterId == s.Reporter1);
        var secretary = await f.PagesAsync(D.A.SecretaryUser);
        Assert.Equal(HttpStatusCode.OK, (await secretary.GetAsync($"/Results/Letter/{letter.Id}")).StatusCode);

        // Reopened (wherever): the release, its letters and the consequences are withdrawn; the secretary reads nothing.
        await ReopenAsync(s.CampaignId);
        Assert.Equal(HttpStatusCode.NotFound, (await secretary.GetAsync($"/Results/Letter/{letter.Id}")).StatusCode);
        Assert.All(await AllLettersAsync(s.CampaignId), l => Assert.NotNull(l.WithdrawnAt));
        Assert.False(Assert.Single(await RecordsAsync(s.CampaignId)).InForce);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var hub = await staff.GetHtmlAsync($"/Results/{s.CampaignId}");
        Assert.NotNull(hub.QuerySelector("[data-not-released]"));
        Assert.NotNull(hub.QuerySelector("[data-deliberation=open]"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staff.PostFormAsync($"/Results/{s.CampaignId}?handler=Release", new(), $"/Results/{s.CampaignId}")).StatusCode);

        // Locked again with worse grades and released: one record per reporter, updated in place.
        await LockAsync(s.CampaignId, Grades(s, Grade.Poor, Grade.Average));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"/Results/{s.CampaignId}?handler=Release", new(), $"/Results/{s.CampaignId}")).StatusCode);
        var records = await RecordsAsync(s.CampaignId);
        Assert.Equal(2, records.Count);
        Assert.Equal(first.Id, records[0].Id);
        Assert.All(records, r => Assert.True(r.InForce && r.NoExcellent && r.ReminderInterview && r.RectificationDeadline == new DateOnly(2024, 2, 9)));
        Assert.Equal([Grade.Poor, Grade.Average], records.Select(r => r.Grade));
        Assert.Equal(4, (await AllLettersAsync(s.CampaignId)).Count);
        var current = (await AllLettersAsync(s.CampaignId)).Single(l => l.ReporterId == s.Reporter1 && l.WithdrawnAt == null);
        Assert.Contains("综合评价等次：差", (await secretary.GetHtmlAsync($"/Results/Letter/{current.Id}")).QuerySelector("article")!.TextContent);

        // The flagged people export for the cadre appraisal.
        var xlsx = await staff.GetAsync($"/Results/Consequences/{s.CampaignId}?handler=Export");
        Assert.Equal(Xlsx.ContentType, xlsx.Content.Headers.ContentType!.MediaType);
        var table = Assert.Single(Xlsx.Read(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())));
        Assert.Equal("年度考核不得评为优秀", table.Headers[5]);
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(["2062", D.A.Village1.Name, D.A.Secretary.Name, "书记", "差", "是", "是", "2024年2月9日", "2024年1月10日"], table.Rows[0].Cells.Take(9));
        Assert.True(await f.WithDbAsync((db, _) => db.AuditEntries.IgnoreQueryFilters().AnyAsync(a => a.Action == "export" && a.EntityType == nameof(ConsequenceRecord))));
        var list = await staff.GetHtmlAsync($"/Results/Consequences/{s.CampaignId}");
        Assert.Equal(2, list.QuerySelectorAll("tr[data-consequence]").Length);

        // Visible on the person's page, to the county above too; not to county B.
        var person = await (await f.PagesAsync(D.A.StaffUser)).GetHtmlAsync($"/People/Details/{D.A.Secretary.Id}");
        var row = person.QuerySelector($"tr[data-consequence='{first.Id}']")!;
        Assert.Contains("差", row.TextContent);
        Assert.Equal("True", row.GetAttribute("data-in-force"));

        // Reopened and released again with the first village now 好: its record is lifted, not deleted, not duplicated.
        await ReopenAsync(s.CampaignId);
        await LockAsync(s.CampaignId, Grades(s, Grade.Good, Grade.Average));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"/Results/{s.CampaignId}?handler=Release", new(), $"/Results/{s.CampaignId}")).StatusCode);
        records = await RecordsAsync(s.CampaignId);
        Assert.Equal(2, records.Count);
        Assert.False(records[0].InForce);
        Assert.True(records[1].InForce);
        var after = Xlsx.Read(new MemoryStream(await (await staff.GetAsync($"/Results/Consequences/{s.CampaignId}?handler=Export")).Content.ReadAsByteArrayAsync()));
        Assert.Equal(D.A.Village2.Name, Assert.Single(after[0].Rows).Cells[1]);
    }

    [Fact]
    public async Task A_bulletin_is_read_within_its_scope_and_above_and_is_withdrawn_with_a_reason()
    {
        var s = await ReleasedAsync(2063, Grade.FairlyGood, Grade.Good);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var page = $"/Results/Bulletins/{s.CampaignId}";
        var member = "a_member_2063";
        await f.WithDbAsync(async (_, sp) => await TestData.AccountAsync(sp.GetRequiredService<UserManager<AppUser>>(), member, Roles.Viewer, D.A.Village2.Id));

        // Outside the organizer: refused.
        var outside = await staff.PostFormAsync(page, new() { ["scopeOrganizationId"] = D.A.Root.Id.ToString() });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outside.StatusCode);
        Assert.Contains("通报范围须在本活动组织单位之内", (await outside.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);

        // Within the first village: its secretary and the units above read it; the second village and county B do not.
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(page, new() { ["scopeOrganizationId"] = D.A.Village1.Id.ToString() })).StatusCode);
        var bulletin = await f.WithDbAsync((db, _) => db.ResultBulletins.IgnoreQueryFilters().AsNoTracking().SingleAsync(b => b.CampaignId == s.CampaignId));
        Assert.Equal((D.A.Village1.Path, 2), (bulletin.ScopePath, bulletin.Entries.Count));
        var secretary = await f.PagesAsync(D.A.SecretaryUser);
        Assert.NotNull((await secretary.GetHtmlAsync("/Results/Mine")).QuerySelector($"[data-bulletin='{bulletin.Id}']"));
        var read = await secretary.GetHtmlAsync($"/Results/Bulletin/{bulletin.Id}");
        Assert.Equal(2, read.QuerySelectorAll("tr[data-entry]").Length);
        Assert.Equal(HttpStatusCode.OK, (await (await f.PagesAsync(D.A.StaffUser)).GetAsync($"/Results/Bulletin/{bulletin.Id}")).StatusCode);
        var inOtherVillage = await f.PagesAsync(member);
        Assert.Equal(HttpStatusCode.NotFound, (await inOtherVillage.GetAsync($"/Results/Bulletin/{bulletin.Id}")).StatusCode);
        Assert.Null((await inOtherVillage.GetHtmlAsync("/Results/Mine")).QuerySelector($"[data-bulletin='{bulletin.Id}']"));
        Assert.Equal(HttpStatusCode.NotFound, (await (await f.PagesAsync(D.B.StaffUser)).GetAsync($"/Results/Bulletin/{bulletin.Id}?handler=Docx")).StatusCode);

        // The .docx: title, scope, counts and names by grade, date.
        var docx = await DocxTextAsync(await secretary.GetAsync($"/Results/Bulletin/{bulletin.Id}?handler=Docx"));
        Assert.Contains("关于2063年度党组织书记抓基层党建工作述职评议考核结果的通报", docx);
        Assert.Contains($"（通报范围：{D.A.Village1.Name}）", docx);
        Assert.Contains("共评定2名，其中“好”1名、“较好”1名、“一般”0名、“差”0名", docx);
        Assert.Contains($"“较好”等次（1名）", docx);
        Assert.Contains($"{D.A.Village1.Name}（{D.A.Secretary.Name}）", docx);
        Assert.Contains("2024年1月15日", docx);

        // Withdrawal needs a reason; then the reader gets 404 and the history keeps it.
        var noReason = await staff.PostFormAsync($"{page}?handler=Withdraw", new() { ["bulletinId"] = bulletin.Id.ToString(), ["reason"] = " " }, page);
        Assert.Contains("请填写撤回的原因", (await noReason.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"{page}?handler=Withdraw",
            new() { ["bulletinId"] = bulletin.Id.ToString(), ["reason"] = "名单有误，核对后重新通报" }, page)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await secretary.GetAsync($"/Results/Bulletin/{bulletin.Id}")).StatusCode);
        Assert.Equal("False", (await staff.GetHtmlAsync(page)).QuerySelector($"tr[data-bulletin='{bulletin.Id}']")!.GetAttribute("data-active"));

        // A reopened decision withdraws a standing bulletin with it.
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(page, new() { ["scopeOrganizationId"] = D.A.Town.Id.ToString() })).StatusCode);
        await ReopenAsync(s.CampaignId);
        Assert.All(await f.WithDbAsync((db, _) => db.ResultBulletins.IgnoreQueryFilters().Where(b => b.CampaignId == s.CampaignId).ToListAsync()), b => Assert.False(b.IsActive));
        Assert.NotNull((await staff.GetHtmlAsync(page)).QuerySelector("[data-not-released]"));
    }

    [Fact]
    public async Task A_dossier_filing_is_recorded_once_per_person_with_who_when_and_a_note()
    {
        var s = await ReleasedAsync(2064, Grade.Average, Grade.Good);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var page = $"/Results/Dossier/{s.CampaignId}";
        var letter = (await AllLettersAsync(s.CampaignId)).Single(l => l.ReporterId == s.Reporter1);

        var docx = await DocxTextAsync(await staff.GetAsync($"{page}?handler=Docx&letterId={letter.Id}"));
        foreach (var part in new[] { "2064年度党组织书记抓基层党建工作述职评议考核结果", "归入干部人事档案", $"姓名：{D.A.Secretary.Name}", $"单位：{D.A.Village1.Name}",
                     "职务：书记", "考核年度：2064年度", "综合评价等次：一般", "一村带头落实", "一村组织生活质量不高", "一村要聚焦整改清单", "2024年1月10日" })
            Assert.Contains(part, docx);

        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(page, new() { ["letterId"] = letter.Id.ToString(), ["note"] = "已交干部档案室，档案号A-17" })).StatusCode);
        var filing = await f.WithDbAsync((db, _) => db.DossierFilings.AsNoTracking().SingleAsync(x => x.CampaignId == s.CampaignId));
        Assert.Equal((letter.Id, D.A.Secretary.Id, D.A.TownStaffUser, "已交干部档案室，档案号A-17", f.Clock.GetUtcNow()),
            (filing.LetterId, filing.PersonId, filing.FiledBy, filing.Note, filing.FiledAt));
        var twice = await staff.PostFormAsync(page, new() { ["letterId"] = letter.Id.ToString(), ["note"] = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, twice.StatusCode);
        Assert.Contains("无需重复登记", (await twice.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        var list = await staff.GetHtmlAsync(page);
        Assert.Equal("True", list.QuerySelector($"tr[data-dossier='{letter.Id}']")!.GetAttribute("data-filed"));
        Assert.Contains("档案号A-17", list.QuerySelector($"tr[data-dossier='{letter.Id}']")!.TextContent);
        // Only the organizer's staff: the county above is forbidden, county B does not see the campaign.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await f.PagesAsync(D.A.StaffUser)).GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await f.PagesAsync(D.B.StaffUser)).GetAsync(page)).StatusCode);
    }
}

public sealed class ResultTests_Sqlite(SqliteFactory f) : ResultTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class ResultTests_Postgres(PostgresFactory f) : ResultTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
