using Shuzhi.Domain.Results;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Results;

/// <summary>
/// One feedback letter, printable on A4: read by the reporter organization's accounts (who acknowledge it once) and the
/// organizer's subtree, after the release only; anyone else, and everyone before the release, gets 404.
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize]
public sealed class LetterModel(ResultCommands cmd, TimeProvider clock) : PageModel
{
    public FeedbackLetter Letter { get; private set; } = null!;
    public bool MayAcknowledge { get; private set; }
    public string? Error { get; private set; }
    public string Time(DateTimeOffset at) => ChineseDates.Format(at, clock.LocalTimeZone);
    public string Date(DateTimeOffset at) => cmd.Date(at);

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await cmd.LetterAsync(id, ct) is not { } l) return false;
        Letter = l;
        MayAcknowledge = cmd.IsReporterAccount(l);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetDocxAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? DocxResult.Report(cmd.LetterDocument(Letter), ResultCommands.FileBase(Letter, ResultStrings.Rs_LetterPageTitle)) : NotFound();

    public async Task<IActionResult> OnPostAcknowledgeAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!MayAcknowledge) return Forbid();
        try
        {
            await cmd.AcknowledgeAsync(User, id, ct);
            TempData["Flash"] = ResultStrings.Rs_AcknowledgedFlash;
            return Redirect($"/Results/Letter/{id}");
        }
        catch (DomainException e)
        {
            Error = Messages.For(e);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
    }
}
