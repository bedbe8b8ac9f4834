using System.Net;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Presentation;
using Microsoft.EntityFrameworkCore;
using Shuzhi.Domain.Campaigns;
using Shuzhi.Web.Data;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Reports;

/// <summary>The slides of an on-site debrief (seed 004: 8 minutes with a PPT): a real .pptx only, kept and served as an attachment.</summary>
public abstract class SlidesTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    private static byte[] Pptx(PresentationDocumentType type = PresentationDocumentType.Presentation)
    {
        using var output = new MemoryStream();
        using (var doc = PresentationDocument.Create(output, type))
            doc.AddPresentationPart().Presentation = new Presentation();
        return output.ToArray();
    }

    private static string Edit(int reporterId) => $"/Reports/Edit/{reporterId}";

    private async Task<string> RefusedAsync(HttpClient client, int reporterId, byte[] bytes, string name)
    {
        var res = await client.PostFileAsync($"{Edit(reporterId)}?handler=UploadSlides", bytes, name, Edit(reporterId));
        return (await res.HtmlAsync()).QuerySelector("[data-error]")!.TextContent.Trim();
    }

    [Fact]
    public async Task An_on_site_reporter_keeps_a_pptx_and_anything_else_is_refused_in_chinese()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2091, mode: DebriefMode.OnSite);
        var secretary = await f.PagesAsync(D.A.SecretaryUser);
        Assert.NotNull((await secretary.GetHtmlAsync(Edit(s.Reporter1))).QuerySelector("#upload-slides"));

        Assert.Contains("不是 PowerPoint 演示文稿", await RefusedAsync(secretary, s.Reporter1, "%PDF-1.4 not slides"u8.ToArray(), "述职.pptx"));
        Assert.Contains("旧版 .ppt", await RefusedAsync(secretary, s.Reporter1, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "述职.ppt"));
        Assert.Contains("含宏", await RefusedAsync(secretary, s.Reporter1, Pptx(PresentationDocumentType.MacroEnabledPresentation), "述职.pptx"));
        using (var docx = new MemoryStream())
        {
            Shuzhi.Web.Documents.Docx.WriteReport(docx, new("标题", [], Domain.Reports.ReportOutline.Seed003, new Dictionary<string, string>()));
            Assert.Contains("不是 PowerPoint 演示文稿", await RefusedAsync(secretary, s.Reporter1, docx.ToArray(), "改了扩展名.pptx"));
        }
        Assert.Equal(0, await f.WithDbAsync((db, _) => db.ReportFiles.CountAsync(x => x.CampaignReporterId == s.Reporter1)));

        var ok = await secretary.PostFileAsync($"{Edit(s.Reporter1)}?handler=UploadSlides", Pptx(), "../石佛村:述职.pptx", Edit(s.Reporter1));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var file = await f.WithDbAsync((db, _) => db.ReportFiles.AsNoTracking().SingleAsync(x => x.CampaignReporterId == s.Reporter1));
        Assert.Equal(ReportFileKind.Slides, file.Kind);
        Assert.DoesNotContain("/", file.FileName);
        Assert.EndsWith(".pptx", file.FileName);
        var download = await secretary.GetAsync($"{Edit(s.Reporter1)}?handler=File&id={file.Id}");
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);

        // Another county: not found; a written track: no slides.
        Assert.Equal(HttpStatusCode.NotFound, (await (await f.PagesAsync(D.B.SecretaryUser)).GetAsync($"{Edit(s.Reporter1)}?handler=File&id={file.Id}")).StatusCode);
        var written = await ReportTestKit.TownCampaignAsync(f, D.A, 2092);
        Assert.Null((await secretary.GetHtmlAsync(Edit(written.Reporter1))).QuerySelector("#upload-slides"));
        Assert.Contains("书面述职，无需上传PPT", await RefusedAsync(secretary, written.Reporter1, Pptx(), "述职.pptx"));
    }
}

public sealed class SlidesTests_Sqlite(SqliteFactory f) : SlidesTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class SlidesTests_Postgres(PostgresFactory f) : SlidesTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
