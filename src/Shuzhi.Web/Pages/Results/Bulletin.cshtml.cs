using Shuzhi.Domain.Results;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Results;

/// <summary>A standing bulletin, read within its scope and by the units above; withdrawn or out of scope: 404.</summary>
[Microsoft.AspNetCore.Authorization.Authorize]
public sealed class BulletinModel(ResultCommands cmd) : PageModel
{
    public ResultBulletin Bulletin { get; private set; } = null!;
    public string Date(DateTimeOffset at) => cmd.Date(at);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await cmd.BulletinAsync(id, ct) is not { } b) return NotFound();
        Bulletin = b;
        return Page();
    }

    public async Task<IActionResult> OnGetDocxAsync(int id, CancellationToken ct) =>
        await cmd.BulletinAsync(id, ct) is { } b
            ? DocxResult.Report(cmd.BulletinDocument(b), $"{b.Year}_{b.ScopeName}_{ResultStrings.Rs_Bulletins}")
            : NotFound();
}
