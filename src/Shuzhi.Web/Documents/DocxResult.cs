namespace Shuzhi.Web.Documents;

/// <summary>Downloads of reports: always as attachments, with names made safe by <see cref="FileNames"/>.</summary>
public static class DocxResult
{
    /// <summary>One report as a .docx named e.g. 甲村党委_张三_述职报告.docx.</summary>
    public static FileStreamResult Report(DocxReport report, string baseName) =>
        Downloads.Create(stream => Docx.WriteReport(stream, report), Docx.ContentType, baseName + ".docx");

    /// <summary>Several reports as one .zip of .docx files, each named by its own base name (numbered when repeated).</summary>
    public static FileStreamResult Zip(IEnumerable<(string BaseName, DocxReport Report)> reports, string baseName) =>
        Downloads.Create(
            stream => Docx.Zip(stream, reports.Select(r => (r.BaseName + ".docx", (Action<Stream>)(s => Docx.WriteReport(s, r.Report))))),
            Docx.ZipContentType,
            baseName + ".zip");
}
