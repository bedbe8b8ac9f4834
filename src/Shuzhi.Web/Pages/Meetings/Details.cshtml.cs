using System.Globalization;
using Shuzhi.Domain.Meetings;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Meetings;

/// <summary>
/// The meeting's setup and control for the organizer's staff: speaking order, voter categories, ballot rules (while
/// Draft), rehearsal and vote control with confirmation, turnout while voting runs and, after the close, the digest
/// with a re-verification against the ballots as they stand.
/// </summary>
public sealed class DetailsModel(CampaignCommands campaigns, MeetingCommands meetings) : MeetingPageModel(campaigns, meetings)
{
    /// <summary>A row of the categories table as shown (from the database, or as posted when it failed).</summary>
    public sealed record CategoryRow(int? Id, string Name, string Weight, string Issued, string Sort);

    public IReadOnlyList<MeetingSpeaker> Speakers { get; private set; } = [];
    /// <summary>The latest slides (.pptx) each speaker uploaded with the report, by reporter.</summary>
    public IReadOnlyDictionary<int, int> Slides { get; private set; } = new Dictionary<int, int>();
    public IReadOnlyList<CategoryRow> Categories { get; private set; } = [];
    public IReadOnlyList<CategoryTurnout> Turnout { get; private set; } = [];
    public MeetingCommands.DigestCheck? Check { get; private set; }
    public string MinSharePercent { get; private set; } = "";
    public string TrimK { get; private set; } = "";
    public string? NewName { get; private set; }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct, bool keepCategories = false, bool keepRules = false)
    {
        if (await FindAsync(id, ct) is { } stop) return stop;
        Speakers = await Meetings.SpeakersAsync(Meeting, ct);
        Slides = await Meetings.SlidesAsync(Meeting, ct);
        Turnout = await Meetings.TurnoutAsync(Meeting.Id, ct);
        if (!keepCategories)
            Categories = (await Meetings.CategoriesAsync(Meeting.Id, ct)).Select(c => new CategoryRow(c.Id, c.Name,
                c.Weight.ToString("0.##", CultureInfo.InvariantCulture), c.Issued.ToString(CultureInfo.InvariantCulture), c.SortOrder.ToString(CultureInfo.InvariantCulture))).ToList();
        if (!keepRules)
        {
            MinSharePercent = (Meeting.Rules.MinShareMarked * 100).ToString("0.##", CultureInfo.InvariantCulture);
            TrimK = Meeting.Rules.TrimK.ToString(CultureInfo.InvariantCulture);
        }
        return null;
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    private async Task<IActionResult> ActAsync(int id, Func<Task<string>> act, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop) return stop;
        try
        {
            TempData["Flash"] = await act();
            return Redirect($"/Meetings/Details/{id}");
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", Messages.For(e));
            await LoadAsync(id, ct);
            return Page();
        }
    }

    public Task<IActionResult> OnPostMoveAsync(int id, int reporterId, int delta, CancellationToken ct) =>
        ActAsync(id, async () => { await Meetings.MoveSpeakerAsync(User, Campaign, Meeting, reporterId, delta, ct); return MeetingPageStrings.Mt_Moved; }, ct);

    public Task<IActionResult> OnPostOpenRehearsalAsync(int id, CancellationToken ct) =>
        ActAsync(id, async () => { await Meetings.OpenRehearsalAsync(User, Campaign, Meeting, ct); return MeetingPageStrings.Mt_RehearsalOpened; }, ct);

    public Task<IActionResult> OnPostCloseRehearsalAsync(int id, CancellationToken ct) =>
        ActAsync(id, async () => { await Meetings.CloseRehearsalAsync(User, Campaign, Meeting, ct); return MeetingPageStrings.Mt_RehearsalClosed; }, ct);

    public Task<IActionResult> OnPostOpenVotingAsync(int id, CancellationToken ct) =>
        ActAsync(id, async () =>
        {
            await Meetings.OpenVotingAsync(User, Campaign, Meeting, ct);
            await Meetings.AuditVoteAsync(Campaign, Meeting, "open-voting", ct);
            return MeetingPageStrings.Mt_VotingOpened;
        }, ct);

    public Task<IActionResult> OnPostCloseVotingAsync(int id, CancellationToken ct) =>
        ActAsync(id, async () =>
        {
            await Meetings.CloseVotingAsync(User, Campaign, Meeting, ct);
            await Meetings.AuditVoteAsync(Campaign, Meeting, "close-voting", ct);
            return MeetingPageStrings.Mt_VotingClosedFlash;
        }, ct);

    public async Task<IActionResult> OnPostVerifyAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop) return stop;
        try { Check = await Meetings.VerifyDigestAsync(User, Campaign, Meeting, ct); }
        catch (DomainException e) { ModelState.AddModelError("", Messages.For(e)); }
        return Page();
    }

    public async Task<IActionResult> OnPostRulesAsync(int id, string? minSharePercent, bool blankInvalid, bool outOfRangeInvalid, string? trimK, CancellationToken ct)
    {
        if (await LoadAsync(id, ct, keepRules: true) is { } stop) return stop;
        MinSharePercent = minSharePercent ?? "";
        TrimK = trimK ?? "";
        if (!decimal.TryParse(MinSharePercent, NumberStyles.Number, CultureInfo.InvariantCulture, out var share) || share is < 0 or > 100)
            ModelState.AddModelError("minSharePercent", MeetingPageStrings.Mt_MinShareInvalid);
        if (!int.TryParse(TrimK, NumberStyles.Integer, CultureInfo.InvariantCulture, out var trim) || trim is < 0 or > 10)
            ModelState.AddModelError("trimK", MeetingPageStrings.Mt_TrimInvalid);
        if (!ModelState.IsValid) return Page();
        try
        {
            await Meetings.SetRulesAsync(User, Campaign, Meeting, new BallotRules(share / 100m, blankInvalid, outOfRangeInvalid, trim), ct);
            TempData["Flash"] = MeetingPageStrings.Mt_RulesSaved;
            return Redirect($"/Meetings/Details/{id}");
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", Messages.For(e));
            return Page();
        }
    }

    public async Task<IActionResult> OnPostCategoriesAsync(int id, int[] catId, string[] catName, string[] catWeight, string[] catIssued, string[] catSort,
        int[] remove, string? newName, string? newWeight, string? newIssued, CancellationToken ct)
    {
        if (await LoadAsync(id, ct, keepCategories: true) is { } stop) return stop;
        var n = catId.Length;
        if (catName.Length != n || catWeight.Length != n || catIssued.Length != n || catSort.Length != n) return BadRequest();
        var posted = Enumerable.Range(0, n).Select(i => new CategoryRow(catId[i], catName[i] ?? "", catWeight[i] ?? "", catIssued[i] ?? "", catSort[i] ?? "")).ToList();
        Categories = posted;
        NewName = newName;
        var edits = new List<MeetingCommands.CategoryEdit>();
        for (var i = 0; i < n; i++)
        {
            if (remove.Contains(catId[i])) continue;
            var row = posted[i];
            var ok = true;
            if (!decimal.TryParse(row.Weight, NumberStyles.Number, CultureInfo.InvariantCulture, out var w) || w < 0 || decimal.Round(w, 4) != w)
            { ModelState.AddModelError("catWeight", string.Format(MeetingPageStrings.Mt_WeightInvalid, i + 1)); ok = false; }
            if (!int.TryParse(row.Issued, NumberStyles.Integer, CultureInfo.InvariantCulture, out var issued) || issued < 0)
            { ModelState.AddModelError("catIssued", string.Format(MeetingPageStrings.Mt_IssuedInvalid, i + 1)); ok = false; }
            if (!int.TryParse(row.Sort, NumberStyles.Integer, CultureInfo.InvariantCulture, out var sort))
            { ModelState.AddModelError("catSort", string.Format(MeetingPageStrings.Mt_SortInvalid, i + 1)); ok = false; }
            if (ok) edits.Add(new(catId[i], row.Name, w, issued, sort));
        }
        if (!string.IsNullOrWhiteSpace(newName))
        {
            var w = 1m;
            var issued = 0;
            if (!string.IsNullOrWhiteSpace(newWeight) && (!decimal.TryParse(newWeight, NumberStyles.Number, CultureInfo.InvariantCulture, out w) || w < 0 || decimal.Round(w, 4) != w))
                ModelState.AddModelError("newWeight", string.Format(MeetingPageStrings.Mt_WeightInvalid, n + 1));
            if (!string.IsNullOrWhiteSpace(newIssued) && (!int.TryParse(newIssued, NumberStyles.Integer, CultureInfo.InvariantCulture, out issued) || issued < 0))
                ModelState.AddModelError("newIssued", string.Format(MeetingPageStrings.Mt_IssuedInvalid, n + 1));
            edits.Add(new(null, newName, w, issued, edits.Count == 0 ? 1 : edits.Max(e => e.SortOrder) + 1));
        }
        if (!ModelState.IsValid) return Page();
        try
        {
            await Meetings.SaveCategoriesAsync(User, Campaign, Meeting, edits, ct);
            TempData["Flash"] = MeetingPageStrings.Mt_CategoriesSaved;
            return Redirect($"/Meetings/Details/{id}");
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", Messages.For(e));
            return Page();
        }
    }
}
