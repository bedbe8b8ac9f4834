using Shuzhi.Domain.Reports;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Reports.Published;

/// <summary>One published report as approved, printable on A4 and downloadable as .docx; 404 outside the publication's reach.</summary>
public sealed class ReadModel(PublicationCommands cmd, TimeProvider clock) : PageModel
{
    public PublishedReport Report { get; private set; } = null!;
    public string Time(DateTimeOffset at) => ChineseDates.Format(at, clock.LocalTimeZone);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await cmd.FindAsync(id, ct) is not { } r) return NotFound();
        Report = r;
        return Page();
    }

    public async Task<IActionResult> OnGetDocxAsync(int id, CancellationToken ct)
    {
        if (await cmd.FindAsync(id, ct) is not { } r) return NotFound();
        return DocxResult.Report(cmd.Export(r), FileNames.Sanitize(r.OrganizationName));
    }
}
