using System.IO.Compression;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Shuzhi.Domain.Reports;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Tests.Campaigns;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Reports;

/// <summary>The responses to last year's rectification items in the Word export and in the version compare.</summary>
public abstract class RectificationOutputTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    private Task<int> ItemAsync(int campaignId, int orgId, int order, string text) => f.WithDbAsync(async (db, _) =>
    {
        var item = RectificationItem.Create(campaignId, orgId, order, text, "2022年度述职评议点评", f.Clock.GetUtcNow());
        db.RectificationItems.Add(item);
        await db.SaveChangesAsync();
        return item.Id;
    });

    private static KeyValuePair<string, string> P(string k, string v) => new(k, v);

    private static List<string> Paragraphs(byte[] docx) => Docx.ReadParagraphs(new MemoryStream(docx)).Select(p => p.Text).ToList();

    [Fact]
    public async Task The_docx_export_has_a_part_on_the_rectification_items_after_the_outline_with_each_response()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2071);
        var first = await ItemAsync(s.CampaignId, D.A.Village1.Id, 1, "党员教育管理不够严格");
        await ItemAsync(s.CampaignId, D.A.Village1.Id, 2, "三会一课落实不到位");
        await ItemAsync(s.CampaignId, D.A.Village2.Id, 1, "二村的事项");
        var texts = ReportTestKit.Good;
        var sections = ReportOutline.Seed003.Sections.Select((x, i) => (x.Key, texts[i])).ToDictionary(x => x.Key, x => x.Item2);
        await ReportTestKit.DraftAsync(f, s.Reporter1, new ReportText(sections, new Dictionary<int, string> { [first] = "已建立党员积分管理制度。\n每季度公示积分。" }));
        var secretary = await f.PagesAsync(D.A.SecretaryUser);

        var res = await secretary.GetAsync($"/Reports/Edit/{s.Reporter1}?handler=Docx");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var paragraphs = Paragraphs(await res.Content.ReadAsByteArrayAsync());
        // Seed 003 has three parts (一、二、三); the items are the fourth, after the last part's text.
        var heading = paragraphs.IndexOf("四、上年度整改事项落实情况");
        Assert.True(heading > 0, string.Join("|", paragraphs));
        Assert.True(heading > paragraphs.FindIndex(p => p.StartsWith("三、", StringComparison.Ordinal)));
        Assert.Equal(["（一）党员教育管理不够严格", "已建立党员积分管理制度。", "每季度公示积分。", "（二）三会一课落实不到位", "（未作回应）"],
            paragraphs.Skip(heading + 1));
        Assert.DoesNotContain(paragraphs, p => p.Contains("二村的事项"));
        // The heading is a part heading of the official layout (黑体 level 1), the item a sub-part.
        var styled = Docx.ReadParagraphs(new MemoryStream(await (await secretary.GetAsync($"/Reports/Review/{s.Reporter1}?handler=Docx")).Content.ReadAsByteArrayAsync()));
        Assert.Equal(1, styled.Single(p => p.Text == "四、上年度整改事项落实情况").HeadingLevel);
        Assert.Equal(2, styled.Single(p => p.Text == "（一）党员教育管理不够严格").HeadingLevel);

        // The track's zip carries the responses too.
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var zipRes = await staff.GetAsync($"/Campaigns/Reporters/{s.CampaignId}?handler=ReportsZip&trackId={s.TrackId}");
        using var zip = new ZipArchive(new MemoryStream(await zipRes.Content.ReadAsByteArrayAsync()));
        using var entry = new MemoryStream();
        using (var es = Assert.Single(zip.Entries).Open()) es.CopyTo(entry);
        Assert.Contains("已建立党员积分管理制度。", Paragraphs(entry.ToArray()));
    }

    [Fact]
    public async Task Without_items_the_export_has_no_rectification_part()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2072);
        await ReportTestKit.DraftAsync(f, s.Reporter1, ReportText.Empty.WithSection("plans", "一是加强学习。"));
        var res = await (await f.PagesAsync(D.A.SecretaryUser)).GetAsync($"/Reports/Edit/{s.Reporter1}?handler=Docx");
        var paragraphs = Paragraphs(await res.Content.ReadAsByteArrayAsync());
        Assert.Contains("一是加强学习。", paragraphs);
        Assert.DoesNotContain(paragraphs, p => p.Contains("整改事项"));
    }

    [Fact]
    public async Task The_version_compare_shows_a_changed_response()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2073);
        var first = await ItemAsync(s.CampaignId, D.A.Village1.Id, 1, "党员教育管理不够严格");
        var second = await ItemAsync(s.CampaignId, D.A.Village1.Id, 2, "三会一课落实不到位");
        await ReportTestKit.ReviewerAsync(f, D.A.Town.Id, "a_supervisor_2073", s.Reporter1);
        var secretary = await f.PagesAsync(D.A.SecretaryUser);
        var leader = await f.PagesAsync("a_supervisor_2073");
        var edit = $"/Reports/Edit/{s.Reporter1}";
        var review = $"/Reports/Review/{s.Reporter1}";
        var fields = ReportTestKit.Fields(ReportTestKit.Good).ToList();

        Assert.Equal(HttpStatusCode.Redirect, (await secretary.PostPairsAsync($"{edit}?handler=Submit",
            [.. fields, P($"responses[{first}]", "已建立党员积分管理制度。"), P($"responses[{second}]", "每月按时召开支部党员大会。")], edit)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await leader.PostFormAsync($"{review}?handler=Return", new() { ["Reason"] = "整改回应过于笼统。" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await secretary.PostPairsAsync($"{edit}?handler=Submit",
            [.. fields, P($"responses[{first}]", "已建立党员积分管理制度。\n全年公示积分4次。"), P($"responses[{second}]", "每月按时召开支部党员大会。")], edit)).StatusCode);
        var versions = await f.WithDbAsync((db, _) => db.ReportVersions.AsNoTracking().Where(v => v.CampaignReporterId == s.Reporter1).OrderBy(v => v.Number).ToListAsync());
        Assert.Equal(["已建立党员积分管理制度。", "已建立党员积分管理制度。\n全年公示积分4次。"], versions.Select(v => v.Text.Response(first)));

        var diff = (await leader.GetHtmlAsync($"{review}?a=1&b=2")).QuerySelector("[data-diff]")!;
        Assert.Contains("上年度整改事项第1项：党员教育管理不够严格", diff.TextContent);
        Assert.Contains(diff.QuerySelectorAll("[data-diff-kind=added]"), l => l.TextContent.Contains("全年公示积分4次。"));
        Assert.Contains(diff.QuerySelectorAll("[data-diff-kind=same]"), l => l.TextContent.Contains("已建立党员积分管理制度。"));
        Assert.Contains(diff.QuerySelectorAll("[data-diff-kind=same]"), l => l.TextContent.Contains("每月按时召开支部党员大会。"));
        Assert.DoesNotContain(diff.QuerySelectorAll("[data-diff-kind=removed]"), l => l.TextContent.Contains("积分"));

        // Compared the other way, the added paragraph shows as removed.
        var back = (await leader.GetHtmlAsync($"{review}?a=2&b=1")).QuerySelector("[data-diff]")!;
        Assert.Contains(back.QuerySelectorAll("[data-diff-kind=removed]"), l => l.TextContent.Contains("全年公示积分4次。"));
    }
}

public sealed class RectificationOutputTests_Sqlite(SqliteFactory f) : RectificationOutputTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class RectificationOutputTests_Postgres(PostgresFactory f) : RectificationOutputTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
