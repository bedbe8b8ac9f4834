using Shuzhi.Domain.Results;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Results;

/// <summary>我的反馈: the released letters to the account's own organization, and the bulletins it may read.</summary>
[Microsoft.AspNetCore.Authorization.Authorize]
public sealed class MineModel(ResultCommands cmd, TimeProvider clock) : PageModel
{
    public IReadOnlyList<FeedbackLetter> Letters { get; private set; } = [];
    public IReadOnlyList<ResultBulletin> Bulletins { get; private set; } = [];
    public string Time(DateTimeOffset at) => ChineseDates.Format(at, clock.LocalTimeZone);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Letters = await cmd.MineAsync(ct);
        Bulletins = await cmd.ReadableBulletinsAsync(ct);
    }
}
