namespace Shuzhi.Web.Documents;

/// <summary>Downloads of reports: always as attachments, with names made safe by <see cref="FileNames"/>.</summary>
public static class DocxResult
{
    /// <summary>One report as a .docx named e.g. 甲村党委_张三_述职报告.docx.</summary>
    public static FileStreamResult Report(DocxReport report, string baseName) =>
        Create(stream => Docx.WriteReport(stream, report), Docx.ContentType, baseName + ".docx");

    /// <summary>Several reports as one .zip of .docx files, each named by its own base name (numbered when repeated).</summary>
    public static FileStreamResult Zip(IEnumerable<(string BaseName, DocxReport Report)> reports, string baseName) =>
        Create(
            stream => Docx.Zip(stream, reports.Select(r => (r.BaseName + ".docx", (Action<Stream>)(s => Docx.WriteReport(s, r.Report))))),
            Docx.ZipContentType,
            baseName + ".zip");

    /// <summary>
    /// Writes to a temporary file first (the writers are synchronous; Kestrel forbids synchronous writes to the
    /// response) and streams it from there.
    /// </summary>
    private static FileStreamResult Create(Action<Stream> write, string contentType, string fileName)
    {
        var stream = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        try
        {
            write(stream);
            stream.Position = 0;
            return new FileStreamResult(stream, contentType) { FileDownloadName = FileNames.Sanitize(fileName) };
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }
}
