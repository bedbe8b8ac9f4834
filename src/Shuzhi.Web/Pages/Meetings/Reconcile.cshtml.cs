using System.Globalization;
using Shuzhi.Domain.Meetings;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Meetings;

/// <summary>
/// 票数核对: per voter category issued, phone, paper (counted by staff, else entered), returned, valid, invalid and the
/// flags of <see cref="Reconciliation"/>, with a total row. Counts only, never results, so shown before the close too.
/// </summary>
public sealed class ReconcileModel(CampaignCommands campaigns, MeetingCommands meetings, PaperBallotCommands paper) : MeetingPageModel(campaigns, meetings)
{
    public IReadOnlyList<VoterCategory> Categories { get; private set; } = [];
    public IReadOnlyList<CategoryReconciliation> Rows { get; private set; } = [];

    public CategoryReconciliation Total => new(0, TallyStrings.Rec_Total, Rows.Sum(r => r.Issued), Rows.Sum(r => r.Phone), Rows.Sum(r => r.Paper),
        Rows.Sum(r => r.Valid), Rows.Sum(r => r.Invalid));

    /// <summary>The flags in Chinese: 一致, or what disagrees.</summary>
    public static IReadOnlyList<string> Flags(CategoryReconciliation r)
    {
        if (r.Ok) return [TallyStrings.Rec_Ok];
        var list = new List<string>();
        if (r.ReturnedExceedsIssued) list.Add(TallyStrings.Rec_ReturnedExceedsIssued);
        if (r.CountsDisagree) list.Add(TallyStrings.Rec_CountsDisagree);
        return list;
    }

    private async Task<IActionResult?> LoadAsync(int meetingId, CancellationToken ct)
    {
        if (await FindAsync(meetingId, ct) is { } stop) return stop;
        Categories = await Meetings.CategoriesAsync(Meeting.Id, ct);
        Rows = await paper.ReconcileAsync(Meeting.Id, ct);
        return null;
    }

    public async Task<IActionResult> OnGetAsync(int meetingId, CancellationToken ct) => await LoadAsync(meetingId, ct) ?? Page();

    /// <summary>Records the paper sheets counted out of the box for a category (empty: count the entered sheets).</summary>
    public async Task<IActionResult> OnPostAsync(int meetingId, int categoryId, string? collected, CancellationToken ct)
    {
        if (await LoadAsync(meetingId, ct) is { } stop) return stop;
        int? count = null;
        var text = (collected ?? "").Trim();
        if (text.Length > 0)
        {
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 0)
            {
                ModelState.AddModelError("collected", TallyStrings.Paper_CollectedInvalid);
                return Page();
            }
            count = n;
        }
        try
        {
            await paper.SetCollectedAsync(User, Campaign, Meeting, categoryId, count, ct);
            TempData["Flash"] = string.Format(CultureInfo.InvariantCulture, TallyStrings.Rec_CollectedSaved, Categories.FirstOrDefault(c => c.Id == categoryId)?.Name);
            return Redirect($"/Meetings/Reconcile/{meetingId}");
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", Messages.For(e));
            return Page();
        }
    }
}
