namespace Shuzhi.Web.Documents;

public static class XlsxResult
{
    /// <summary>The workbook as an attachment named in Chinese, with the date.</summary>
    public static FileStreamResult File(Microsoft.AspNetCore.Mvc.RazorPages.PageModel page, IEnumerable<XlsxSheet> sheets, string baseName) =>
        Create(sheets, baseName, page.HttpContext.RequestServices.GetRequiredService<TimeProvider>());

    public static FileStreamResult Create(IEnumerable<XlsxSheet> sheets, string baseName, TimeProvider clock) =>
        Downloads.Create(stream => Xlsx.Write(stream, sheets), Xlsx.ContentType, $"{baseName}_{clock.GetLocalNow():yyyyMMdd}.xlsx");
}
