namespace Shuzhi.Web.Documents;

public static class XlsxResult
{
    /// <summary>
    /// Writes the workbook to a temporary file (the writer is synchronous; Kestrel forbids
    /// synchronous writes to the response) and streams it as an attachment named in Chinese.
    /// </summary>
    public static FileStreamResult File(Microsoft.AspNetCore.Mvc.RazorPages.PageModel page, IEnumerable<XlsxSheet> sheets, string baseName) =>
        Create(sheets, baseName, page.HttpContext.RequestServices.GetRequiredService<TimeProvider>());

    public static FileStreamResult Create(IEnumerable<XlsxSheet> sheets, string baseName, TimeProvider clock)
    {
        var stream = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        Xlsx.Write(stream, sheets);
        stream.Position = 0;
        return new FileStreamResult(stream, Xlsx.ContentType) { FileDownloadName = $"{baseName}_{clock.GetLocalNow():yyyyMMdd}.xlsx" };
    }
}
