using Shuzhi.Web.Documents;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Organizations.Manage;

/// <summary>Upload of the organization workbook; any bad row rejects the whole file with a message per row.</summary>
[RequestSizeLimit(11 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 11 * 1024 * 1024)]
public sealed class ImportModel(OrganizationImporter importer, TimeProvider clock) : PageModel
{
    public IReadOnlyList<(ImportError Error, string Message)> Errors { get; private set; } = [];
    public ImportSummary? Summary { get; private set; }

    public void OnGet() { }

    public IActionResult OnGetTemplate() =>
        XlsxResult.Create(OrganizationWorkbook.Template(), Strings.Import_TemplateName, clock);

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", Strings.Import_NoFile);
            return Page();
        }
        await using var stream = file.OpenReadStream();
        var result = await importer.ImportAsync(stream, ct);
        Errors = result.Errors.Select(e => (e, Messages.Get(e.Code, e.Args))).ToList();
        Summary = result.Summary;
        if (Errors.Count > 0) Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
