using System.IO.Compression;
using System.Net;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Presentation;
using Microsoft.EntityFrameworkCore;
using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Reports;
using Shuzhi.Web.Data;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Infrastructure;
using Shuzhi.Web.Resources;
using Shuzhi.Web.Tests.Infrastructure;
using Shuzhi.Web.Tests.Reports;

namespace Shuzhi.Web.Tests.Security;

public enum Attack { WrongMagic, Oversize, ZipBomb, Macro, ParentPath, AbsolutePath }

/// <summary>
/// Hostile files through every Office upload the application has — the report (.docx), the on-site slides (.pptx) and the
/// organization import (.xlsx) — over HTTP as a browser sends them: wrong magic bytes, oversize, a zip bomb (one entry
/// compressing 1000 : 1), a macro-enabled package (.docm/.pptm/.xlsm with vbaProject.bin), and zip entries carrying a path
/// (../, an absolute path). Each is refused with 422 and its own Chinese message, and nothing is stored.
/// </summary>
public abstract class UploadAttackTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    private sealed record Target(string Extension, string MacroExtension, string VbaEntry, byte[] Valid, long MaxBytes,
        Func<Attack, string> Expected);

    private static byte[] ValidDocx()
    {
        using var output = new MemoryStream();
        Docx.WriteReport(output, new DocxReport("述职报告", [], ReportOutline.Seed003, new Dictionary<string, string> { ["achievements"] = "全年讲党课4次。" }));
        return output.ToArray();
    }

    private static byte[] ValidPptx()
    {
        using var output = new MemoryStream();
        using (var doc = PresentationDocument.Create(output, PresentationDocumentType.Presentation))
            doc.AddPresentationPart().Presentation = new Presentation();
        return output.ToArray();
    }

    private static byte[] ValidXlsx()
    {
        using var output = new MemoryStream();
        Xlsx.Write(output, [new XlsxSheet("党组织", ["组织编码"], [["CA-T-9"]])]);
        return output.ToArray();
    }

    private static readonly Target DocxTarget = new(".docx", ".docm", "word/vbaProject.bin", ValidDocx(), ReportFile.MaxDocxBytes, a => a switch
    {
        Attack.WrongMagic => Strings.Docx_NotDocx,
        Attack.Oversize => Strings.Docx_TooLarge,
        Attack.ZipBomb => Strings.Docx_ZipBomb,
        Attack.Macro => Strings.Docx_MacroEnabled,
        _ => Strings.Docx_BadEntry,
    });

    private static readonly Target PptxTarget = new(".pptx", ".pptm", "ppt/vbaProject.bin", ValidPptx(), Slides.MaxBytes, a => a switch
    {
        Attack.WrongMagic => Messages.Get("Rf.NotSlides"),
        Attack.Oversize => Messages.Get("Rf.SlidesTooLarge", Slides.MaxBytes / 1024 / 1024),
        Attack.Macro => Messages.Get("Rf.SlidesMacro"),
        _ => Messages.Get("Rf.SlidesDamaged"),
    });

    private static readonly Target XlsxTarget = new(".xlsx", ".xlsm", "xl/vbaProject.bin", ValidXlsx(), new XlsxLimits().MaxBytes, a => a switch
    {
        Attack.WrongMagic => Strings.Xlsx_NotXlsx,
        Attack.Oversize => Strings.Xlsx_TooLarge,
        Attack.ZipBomb => Strings.Xlsx_ZipBomb,
        Attack.Macro => Strings.Xlsx_MacroEnabled,
        _ => Strings.Xlsx_BadEntry,
    });

    /// <summary>The valid package with one more entry.</summary>
    private static byte[] WithEntry(byte[] package, string name, Action<Stream> write, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var output = new MemoryStream();
        output.Write(package);
        using (var zip = new ZipArchive(output, ZipArchiveMode.Update, leaveOpen: true))
        using (var s = zip.CreateEntry(name, level).Open())
            write(s);
        return output.ToArray();
    }

    private static (byte[] Bytes, string Name) Hostile(Target t, Attack attack) => attack switch
    {
        // A GIF renamed: the extension says Office, the bytes do not.
        Attack.WrongMagic => ("GIF89a\x01\x00\x01\x00\x80\x00\x00"u8.ToArray().Concat(new byte[512]).ToArray(), "报告" + t.Extension),
        Attack.Oversize => (t.Valid.Concat(new byte[t.MaxBytes + 1 - t.Valid.Length]).ToArray(), "报告" + t.Extension),
        // 20 MB of zeros in a few kilobytes.
        Attack.ZipBomb => (WithEntry(t.Valid, "docProps/padding.xml", s => { var zeros = new byte[1024 * 1024]; for (var i = 0; i < 20; i++) s.Write(zeros); }, CompressionLevel.SmallestSize), "报告" + t.Extension),
        Attack.Macro => (WithEntry(t.Valid, t.VbaEntry, s => s.Write("Attribute VB_Name = \"Module1\""u8)), "报告" + t.MacroExtension),
        Attack.ParentPath => (WithEntry(t.Valid, "../../etc/cron.d/evil", s => s.Write("* * * * * root id"u8)), "报告" + t.Extension),
        _ => (WithEntry(t.Valid, "/tmp/evil.xml", s => s.Write("<x/>"u8)), "报告" + t.Extension),
    };

    private static async Task<string> RefusalAsync(HttpResponseMessage res)
    {
        var body = await res.Content.ReadAsStringAsync();
        var error = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(body).QuerySelector("[data-error]")?.TextContent.Trim();
        Assert.True(res.StatusCode == HttpStatusCode.UnprocessableEntity && error is not null,
            $"{res.RequestMessage!.RequestUri}: {(int)res.StatusCode}, error {error ?? "(none)"}; {body[..Math.Min(body.Length, 300)]}");
        return error!;
    }

    private Task<int> FilesAsync(int reporter) => f.WithDbAsync((db, _) => db.ReportFiles.CountAsync(x => x.CampaignReporterId == reporter));

    [Theory]
    [InlineData(Attack.WrongMagic)]
    [InlineData(Attack.Oversize)]
    [InlineData(Attack.ZipBomb)]
    [InlineData(Attack.Macro)]
    [InlineData(Attack.ParentPath)]
    [InlineData(Attack.AbsolutePath)]
    public async Task A_hostile_file_is_refused_on_every_upload_and_nothing_is_stored(Attack attack)
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2030 + (int)attack, mode: DebriefMode.OnSite);
        var secretary = await f.PagesAsync(D.A.SecretaryUser);
        var edit = $"/Reports/Edit/{s.Reporter1}";

        var (docx, docxName) = Hostile(DocxTarget, attack);
        Assert.Equal(DocxTarget.Expected(attack), await RefusalAsync(await secretary.PostFileAsync($"{edit}?handler=Upload", docx, docxName, edit)));
        var (pptx, pptxName) = Hostile(PptxTarget, attack);
        Assert.Equal(PptxTarget.Expected(attack), await RefusalAsync(await secretary.PostFileAsync($"{edit}?handler=UploadSlides", pptx, pptxName, edit)));
        Assert.Null(await ReportTestKit.ReportAsync(f, s.Reporter1));
        Assert.Equal(0, await FilesAsync(s.Reporter1));

        var staff = await f.PagesAsync(D.A.StaffUser);
        var before = await f.WithDbAsync((db, _) => db.Organizations.CountAsync());
        var (xlsx, xlsxName) = Hostile(XlsxTarget, attack);
        const string import = "/Organizations/Manage/Import";
        Assert.Equal(XlsxTarget.Expected(attack), await RefusalAsync(await staff.PostFileAsync(import, xlsx, xlsxName, import)));
        Assert.Equal(before, await f.WithDbAsync((db, _) => db.Organizations.CountAsync()));
    }

    [Fact]
    public async Task The_same_valid_files_are_accepted_so_the_refusals_are_the_attacks_own()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2040, mode: DebriefMode.OnSite);
        var secretary = await f.PagesAsync(D.A.SecretaryUser);
        var edit = $"/Reports/Edit/{s.Reporter1}";
        foreach (var (handler, file, name) in new[] { ("Upload", DocxTarget.Valid, "报告.docx"), ("UploadSlides", PptxTarget.Valid, "述职.pptx") })
        {
            var upload = await secretary.PostFileAsync($"{edit}?handler={handler}", file, name, edit);
            // The .docx comes back as the editor filled from the file (200), the slides as a redirect; neither is refused.
            var refusal = (await upload.HtmlAsync()).QuerySelector("[data-error]")?.TextContent.Trim();
            Assert.True(upload.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK && string.IsNullOrEmpty(refusal), $"{handler}: {(int)upload.StatusCode} {refusal}");
        }
        Assert.True(await FilesAsync(s.Reporter1) >= 1);
        // The workbook passes the package checks and reaches the import's own checks (a missing sheet), which name it.
        var staff = await f.PagesAsync(D.A.StaffUser);
        const string import = "/Organizations/Manage/Import";
        var res = await staff.PostFileAsync(import, XlsxTarget.Valid, "组织.xlsx", import);
        var text = await res.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Strings.Xlsx_NotXlsx, text);
        Assert.Contains("请使用下载的模板", text);
    }
}

public sealed class UploadAttackTests_Sqlite(SqliteFactory f) : UploadAttackTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class UploadAttackTests_Postgres(PostgresFactory f) : UploadAttackTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
