using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Shuzhi.Domain.Reports;
using Shuzhi.Web.Data;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Infrastructure;
using Shuzhi.Web.Resources;
using Shuzhi.Web.Tests.Campaigns;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Reports;

/// <summary>Word uploads parsed into the outline, kept originals, stamped PDFs, downloads, .docx and .zip exports, bad files, scope.</summary>
public abstract class ReportFileTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    private static readonly Dictionary<string, string> Seed003Text = new()
    {
        ["achievements"] = "今年以来，我始终把抓基层党建作为第一责任，带头履职尽责。",
        ["achievements.political"] = "全年讲党课4次，组织集中学习24次。\n带领班子成员开展主题教育调研12次，形成调研报告3篇。",
        ["achievements.center"] = "围绕乡村振兴，建成高标准农田1200亩，村集体经济收入达到15.6万元。",
        ["achievements.tasks"] = "发展党员3名，培养入党积极分子5名；整顿软弱涣散党组织1个。",
        ["achievements.duty"] = "签订党建目标责任书12份；上年度述职评议指出的3个问题已全部整改。",
        ["problems"] = "一是理论学习不够深入，满足于读文件、记笔记。\n二是抓党建促发展办法不多，集体经济增收渠道单一。\n三是党员教育管理有短板，流动党员联系不够紧密。\n以上问题究其原因，主要在于思想上重视不够、方法上创新不足。",
        ["plans"] = "一是加强理论武装，每月开展集中学习不少于2次。\n二是壮大集体经济，新发展特色产业项目2个。\n三是从严管理党员，建立流动党员联系台账。",
    };

    private static byte[] Seed003Docx()
    {
        using var output = new MemoryStream();
        Docx.WriteReport(output, new DocxReport("2023年度抓基层党建工作述职报告", [], ReportOutline.Seed003, Seed003Text));
        return output.ToArray();
    }

    /// <summary>A plain Word document with one paragraph per line.</summary>
    private static byte[] PlainDocx(params string[] lines)
    {
        using var output = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new Document(new Body(lines.Select(l => new Paragraph(new Run(new Text(l) { Space = SpaceProcessingModeValues.Preserve })))));
        }
        return output.ToArray();
    }

    private static byte[] ReplaceEntry(byte[] package, string name, Func<string, string> change)
    {
        using var output = new MemoryStream();
        output.Write(package);
        using (var zip = new ZipArchive(output, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry(name)!;
            string text;
            using (var r = new StreamReader(entry.Open())) text = r.ReadToEnd();
            entry.Delete();
            using var w = new StreamWriter(zip.CreateEntry(name).Open());
            w.Write(change(text));
        }
        return output.ToArray();
    }

    private static string Edit(int reporterId) => $"/Reports/Edit/{reporterId}";

    private Task<List<ReportFile>> FilesAsync(int reporterId) =>
        f.WithDbAsync(async (db, _) => await db.ReportFiles.AsNoTracking().Where(x => x.CampaignReporterId == reporterId).OrderBy(x => x.Id).ToListAsync());

    private static async Task<string> ErrorAsync(HttpResponseMessage res)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, res.StatusCode);
        return (await res.HtmlAsync()).QuerySelector("[data-error]")!.TextContent.Trim();
    }

    [Fact]
    public async Task A_seed_003_docx_uploaded_by_the_secretary_lands_in_its_sections_and_the_original_is_kept()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2091);
        var secretary = await f.PagesAsync(D.A.SecretaryUser);
        var fresh = await secretary.GetHtmlAsync(Edit(s.Reporter1));
        Assert.Null(fresh.QuerySelector("#upload-docx")!.GetAttribute("data-confirm")); // nothing written yet: nothing to replace
        var bytes = Seed003Docx();
        var res = await secretary.PostFileAsync($"{Edit(s.Reporter1)}?handler=Upload", bytes, "../甲村:述职报告.docx", Edit(s.Reporter1));
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var page = await res.HtmlAsync();
        Assert.Contains("已从 Word 文件读入 7 个部分", page.QuerySelector("[data-upload-message]")!.TextContent);
        // Only the title stood outside the outline's sections; it is shown, not dropped.
        Assert.Equal(["2023年度抓基层党建工作述职报告"], page.QuerySelectorAll("[data-unplaced] [data-unplaced-paragraph]").Select(p => p.TextContent).ToArray());
        Assert.Equal(Seed003Text["problems"], page.QuerySelectorAll("textarea[name=texts]")[5].TextContent);

        var report = await ReportTestKit.ReportAsync(f, s.Reporter1);
        Assert.NotNull(report);
        foreach (var (key, text) in Seed003Text) Assert.Equal(text, report!.Text.Section(key));

        var file = Assert.Single(await FilesAsync(s.Reporter1));
        Assert.Equal(ReportFileKind.OriginalDocx, file.Kind);
        Assert.Equal("甲村_述职报告.docx", file.FileName);
        Assert.Equal(bytes.Length, file.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.Sha256);
        Assert.Equal(D.A.SecretaryUser, file.UploadedBy);

        // Listed, and served back byte for byte as an attachment.
        var edit = await secretary.GetHtmlAsync(Edit(s.Reporter1));
        Assert.NotNull(edit.QuerySelector($"[data-file-list] li[data-file='{file.Id}'][data-kind=OriginalDocx]"));
        Assert.NotNull(edit.QuerySelector("#upload-docx[data-confirm]")); // the draft now has text: replacing asks first
        var download = await secretary.GetAsync($"{Edit(s.Reporter1)}?handler=File&id={file.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());

        // The upload is audited without the bytes.
        var audit = await f.WithDbAsync(async (db, _) => await db.AuditEntries.IgnoreQueryFilters()
            .Where(a => a.EntityType == nameof(ReportFile) && a.EntityId == file.Id.ToString()).Select(a => a.Details).SingleAsync());
        Assert.Contains(file.Sha256, audit);
        Assert.DoesNotContain("\"Content\"", audit);

        // A second upload keeps the first original too.
        var again = await secretary.PostFileAsync($"{Edit(s.Reporter1)}?handler=Upload", bytes, "第二稿.docx", Edit(s.Reporter1));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, (await FilesAsync(s.Reporter1)).Count);
    }

    [Fact]
    public async Task Paragraphs_before_the_first_heading_and_under_an_unknown_heading_are_shown_not_dropped()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2092);
        var secretary = await f.PagesAsync(D.A.SecretaryUser);
        var doc = PlainDocx(
            "尊敬的各位领导：现将本人履职情况报告如下。",
            "一、主要做法和成效",
            "全年讲党课4次。",
            "二、存在问题及原因分析",
            "一是理论学习不够深入。",
            "三、下步工作打算",
            "一是加强学习。",
            "四、个人廉洁自律情况",
            "严格遵守中央八项规定精神。");
        var res = await secretary.PostFileAsync($"{Edit(s.Reporter1)}?handler=Upload", doc, "报告.docx", Edit(s.Reporter1));
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var page = await res.HtmlAsync();
        var unplaced = page.QuerySelectorAll("[data-unplaced] [data-unplaced-paragraph]").Select(p => p.TextContent).ToList();
        Assert.Contains("尊敬的各位领导：现将本人履职情况报告如下。", unplaced);
        Assert.Contains("严格遵守中央八项规定精神。", unplaced);
        Assert.DoesNotContain("全年讲党课4次。", unplaced);
        var report = await ReportTestKit.ReportAsync(f, s.Reporter1);
        Assert.Equal("全年讲党课4次。", report!.Text.Section("achievements"));
        Assert.Equal("一是理论学习不够深入。", report.Text.Section("problems"));
    }

    [Fact]
    public async Task Bad_files_are_refused_with_a_chinese_message_and_nothing_is_saved()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2093);
        var secretary = await f.PagesAsync(D.A.SecretaryUser);
        var url = $"{Edit(s.Reporter1)}?handler=Upload";

        var ole = new byte[4096];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(ole, 0);
        Assert.Equal(Strings.Docx_LegacyDoc, await ErrorAsync(await secretary.PostFileAsync(url, ole, "报告.doc", Edit(s.Reporter1))));
        // The name does not matter: an old .doc renamed .docx is still refused.
        Assert.Equal(Strings.Docx_LegacyDoc, await ErrorAsync(await secretary.PostFileAsync(url, ole, "报告.docx", Edit(s.Reporter1))));

        var docm = ReplaceEntry(Seed003Docx(), "[Content_Types].xml", t => t.Replace(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "application/vnd.ms-word.document.macroEnabled.main+xml"));
        Assert.Equal(Strings.Docx_MacroEnabled, await ErrorAsync(await secretary.PostFileAsync(url, docm, "报告.docx", Edit(s.Reporter1))));

        using var xlsx = new MemoryStream();
        Xlsx.Write(xlsx, [new XlsxSheet("表", ["名称"], [["甲村"]])]);
        var xlsxError = await ErrorAsync(await secretary.PostFileAsync(url, xlsx.ToArray(), "报告.docx", Edit(s.Reporter1)));
        Assert.Contains(xlsxError, new[] { Strings.Docx_NotDocx, Strings.Docx_Corrupt });

        var big = new byte[ReportFile.MaxDocxBytes + 1];
        Seed003Docx().CopyTo(big, 0);
        Assert.Equal(Strings.Docx_TooLarge, await ErrorAsync(await secretary.PostFileAsync(url, big, "报告.docx", Edit(s.Reporter1))));

        var text = System.Text.Encoding.UTF8.GetBytes("一、主要做法和成效\n全年讲党课4次。");
        Assert.Equal(Strings.Docx_NotDocx, await ErrorAsync(await secretary.PostFileAsync(url, text, "报告.docx", Edit(s.Reporter1))));

        Assert.Null(await ReportTestKit.ReportAsync(f, s.Reporter1));
        Assert.Empty(await FilesAsync(s.Reporter1));
    }

    [Fact]
    public async Task A_submitted_report_is_not_replaced_by_an_upload()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2097);
        var secretary = await f.PagesAsync(D.A.SecretaryUser);
        var edit = Edit(s.Reporter1);
        Assert.Equal(HttpStatusCode.Redirect, (await secretary.PostPairsAsync($"{edit}?handler=Submit", ReportTestKit.Fields(ReportTestKit.Good), edit)).StatusCode);
        Assert.Null((await secretary.GetHtmlAsync(edit)).QuerySelector("#upload-docx"));
        var error = await ErrorAsync(await secretary.PostFileAsync($"{edit}?handler=Upload", Seed003Docx(), "报告.docx", edit));
        Assert.Equal(Messages.Get("Report.AwaitingReview", []), error);
        Assert.Empty(await FilesAsync(s.Reporter1));
        Assert.Equal(ReportStatus.Submitted, (await ReportTestKit.ReportAsync(f, s.Reporter1))!.Status);
        Assert.Equal(ReportTestKit.Good[5], (await ReportTestKit.ReportAsync(f, s.Reporter1))!.Text.Section("problems"));
    }

    [Fact]
    public async Task A_stamped_pdf_is_kept_and_a_file_that_is_not_a_pdf_is_refused()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2094);
        var secretary = await f.PagesAsync(D.A.SecretaryUser);
        var url = $"{Edit(s.Reporter1)}?handler=UploadPdf";
        var notPdf = await ErrorAsync(await secretary.PostFileAsync(url, Seed003Docx(), "盖章件.pdf", Edit(s.Reporter1)));
        Assert.Equal(ReportStrings.Rf_NotPdf, notPdf);
        Assert.Empty(await FilesAsync(s.Reporter1));

        var huge = new byte[ReportFile.MaxPdfBytes + 1];
        "%PDF-1.4"u8.CopyTo(huge);
        Assert.Equal(string.Format(ReportStrings.Rf_PdfTooLarge, 20), await ErrorAsync(await secretary.PostFileAsync(url, huge, "盖章件.pdf", Edit(s.Reporter1))));
        Assert.Empty(await FilesAsync(s.Reporter1));

        var pdf = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
        var res = await secretary.PostFileAsync(url, pdf, "盖章件.pdf", Edit(s.Reporter1));
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var file = Assert.Single(await FilesAsync(s.Reporter1));
        Assert.Equal(ReportFileKind.StampedPdf, file.Kind);
        Assert.Equal("盖章件.pdf", file.FileName);
        var page = await secretary.GetHtmlAsync(Edit(s.Reporter1));
        Assert.NotNull(page.QuerySelector($"[data-file-list] a[href='/Reports/Edit/{s.Reporter1}?handler=File&id={file.Id}']"));
        var download = await secretary.GetAsync($"{Edit(s.Reporter1)}?handler=File&id={file.Id}");
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Another_county_gets_404_and_a_viewer_may_not_upload()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2095);
        var secretary = await f.PagesAsync(D.A.SecretaryUser);
        var res = await secretary.PostFileAsync($"{Edit(s.Reporter1)}?handler=Upload", Seed003Docx(), "报告.docx", Edit(s.Reporter1));
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var file = Assert.Single(await FilesAsync(s.Reporter1));
        var before = (await ReportTestKit.ReportAsync(f, s.Reporter1))!.LastSavedAt;

        var other = await f.PagesAsync(D.B.SecretaryUser);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFileAsync($"{Edit(s.Reporter1)}?handler=Upload", Seed003Docx(), "x.docx", "/Reports")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{Edit(s.Reporter1)}?handler=File&id={file.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{Edit(s.Reporter1)}?handler=Docx")).StatusCode);

        var viewer = await f.PagesAsync(D.A.ViewerUser);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostFileAsync($"{Edit(s.Reporter1)}?handler=Upload", Seed003Docx(), "x.docx", "/Reports")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostFileAsync($"{Edit(s.Reporter1)}?handler=UploadPdf", "%PDF-1.4"u8.ToArray(), "x.pdf", "/Reports")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"{Edit(s.Reporter1)}?handler=File&id={file.Id}")).StatusCode);
        // The assigned reviewer reads the report, so may download its files and export it.
        await ReportTestKit.ReviewerAsync(f, D.A.Town.Id, "rf_reviewer_2095", s.Reporter1);
        var reviewer = await f.PagesAsync("rf_reviewer_2095");
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync($"{Edit(s.Reporter1)}?handler=File&id={file.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync($"/Reports/Review/{s.Reporter1}?handler=Docx")).StatusCode);
        Assert.NotNull((await reviewer.GetHtmlAsync($"/Reports/Review/{s.Reporter1}")).QuerySelector($"[data-report-files] a[data-file='{file.Id}']"));
        // Not a writer: sent to the review page, nothing stored (checked below).
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.PostFileAsync($"{Edit(s.Reporter1)}?handler=UploadPdf", "%PDF-1.4"u8.ToArray(), "x.pdf", $"/Reports/Review/{s.Reporter1}")).StatusCode);
        // A file id of another reporter is not found under this one.
        Assert.Equal(HttpStatusCode.NotFound, (await secretary.GetAsync($"{Edit(s.Reporter2)}?handler=File&id={file.Id}")).StatusCode);

        Assert.Single(await FilesAsync(s.Reporter1));
        Assert.Equal(before, (await ReportTestKit.ReportAsync(f, s.Reporter1))!.LastSavedAt);
    }

    [Fact]
    public async Task One_report_exports_as_docx_and_a_track_as_a_zip_named_by_organization()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2096);
        await ReportTestKit.DraftAsync(f, s.Reporter1, new ReportText(Seed003Text, new Dictionary<int, string>()));
        var secretary = await f.PagesAsync(D.A.SecretaryUser);

        var res = await secretary.GetAsync($"{Edit(s.Reporter1)}?handler=Docx");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("attachment", res.Content.Headers.ContentDisposition!.DispositionType);
        var paragraphs = Docx.ReadParagraphs(new MemoryStream(await res.Content.ReadAsByteArrayAsync())).Select(p => p.Text).ToList();
        Assert.Contains("2096年度抓基层党建工作述职报告", paragraphs);
        Assert.Contains(paragraphs, p => p.Contains(D.A.Village1.Name));
        Assert.Contains("2024年1月15日", paragraphs);
        Assert.Contains("一是理论学习不够深入，满足于读文件、记笔记。", paragraphs);
        Assert.Contains("全年讲党课4次，组织集中学习24次。", paragraphs);

        // The review page exports too.
        var review = await secretary.GetAsync($"/Reports/Review/{s.Reporter1}?handler=Docx");
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        Assert.Contains("一是理论学习不够深入，满足于读文件、记笔记。",
            Docx.ReadParagraphs(new MemoryStream(await review.Content.ReadAsByteArrayAsync())).Select(p => p.Text));

        // Organizer's staff: one .docx per reporter with a report (the second village has none).
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var reporters = await staff.GetHtmlAsync($"/Campaigns/Reporters/{s.CampaignId}");
        Assert.NotNull(reporters.QuerySelector($"a[data-reports-zip='{s.TrackId}']"));
        var zipRes = await staff.GetAsync($"/Campaigns/Reporters/{s.CampaignId}?handler=ReportsZip&trackId={s.TrackId}");
        Assert.Equal(HttpStatusCode.OK, zipRes.StatusCode);
        Assert.Equal("attachment", zipRes.Content.Headers.ContentDisposition!.DispositionType);
        using var zip = new ZipArchive(new MemoryStream(await zipRes.Content.ReadAsByteArrayAsync()));
        var entry = Assert.Single(zip.Entries);
        Assert.Equal(D.A.Village1.Name + ".docx", entry.FullName);
        using var entryBytes = new MemoryStream();
        using (var es = entry.Open()) es.CopyTo(entryBytes);
        entryBytes.Position = 0;
        Assert.Contains("全年讲党课4次，组织集中学习24次。", Docx.ReadParagraphs(entryBytes).Select(p => p.Text));

        // Not for the upper unit's staff nor the secretary.
        Assert.Null((await (await f.PagesAsync(D.A.StaffUser)).GetHtmlAsync($"/Campaigns/Reporters/{s.CampaignId}")).QuerySelector("a[data-reports-zip]"));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await f.PagesAsync(D.A.StaffUser)).GetAsync($"/Campaigns/Reporters/{s.CampaignId}?handler=ReportsZip&trackId={s.TrackId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await f.PagesAsync(D.B.StaffUser)).GetAsync($"/Campaigns/Reporters/{s.CampaignId}?handler=ReportsZip&trackId={s.TrackId}")).StatusCode);
    }
}

public sealed class ReportFileTests_Sqlite(SqliteFactory f) : ReportFileTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class ReportFileTests_Postgres(PostgresFactory f) : ReportFileTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
