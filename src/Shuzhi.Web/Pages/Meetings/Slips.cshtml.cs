using Microsoft.AspNetCore.Authorization;
using Shuzhi.Domain.Meetings;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Meetings;

/// <summary>
/// 投票码纸条: the organizer's staff generate one-time codes for a voter category and get, once, a printable A4 sheet of
/// cut-out slips with each code and its QR code ({base}/v#CODE). Only the keyed hashes are stored; a GET never shows a
/// code, and no response here may be cached. Out of scope answers 404, another unit's staff 403.
/// </summary>
[Authorize(Policy = Policies.ManageCampaigns)]
public sealed class SlipsModel(MeetingCommands meetings, CampaignCommands campaigns, IConfiguration config) : MeetingPageModel(campaigns, meetings)
{
    public const int MaxCount = 500;
    public const int PerSheet = 24;

    public sealed record Slip(string Code, string Qr);

    public IReadOnlyList<VoterCategory> Categories { get; private set; } = [];
    public IReadOnlyList<Slip> Slips { get; private set; } = [];
    public string? SlipCategory { get; private set; }
    public string BaseUrl { get; private set; } = "";

    [BindProperty] public int? CategoryId { get; set; }
    [BindProperty] public int? Count { get; set; } = PerSheet;
    [BindProperty] public CodeKind Kind { get; set; } = CodeKind.Real;

    private async Task<IActionResult?> LoadAsync(int meetingId, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        if (await FindAsync(meetingId, ct) is { } stop) return stop;
        Categories = await Meetings.CategoriesAsync(Meeting.Id, ct);
        BaseUrl = (config["Voting:BaseUrl"] is { Length: > 0 } b ? b : $"{Request.Scheme}://{Request.Host}").TrimEnd('/');
        return null;
    }

    public async Task<IActionResult> OnGetAsync(int meetingId, CancellationToken ct) => await LoadAsync(meetingId, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(int meetingId, CancellationToken ct)
    {
        if (await LoadAsync(meetingId, ct) is { } stop) return stop;
        // The checks below say what to do, in Chinese; the binder's own (English) complaints are dropped.
        // (A value the binder could not read leaves the property as it was: it counts as wrong, not as the default.)
        var unreadable = ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => e.Key).ToHashSet();
        ModelState.Remove(nameof(CategoryId));
        ModelState.Remove(nameof(Count));
        var category = unreadable.Contains(nameof(CategoryId)) ? null : Categories.FirstOrDefault(c => c.Id == CategoryId);
        if (category is null) ModelState.AddModelError(nameof(CategoryId), VoteStrings.Slips_CategoryRequired);
        if (unreadable.Contains(nameof(Count)) || Count is not (>= 1 and <= MaxCount)) ModelState.AddModelError(nameof(Count), VoteStrings.Slips_CountRange);
        if (!Enum.IsDefined(Kind)) Kind = CodeKind.Real;
        if (!ModelState.IsValid) return Page();
        try
        {
            var codes = await Meetings.GenerateCodesAsync(User, Campaign, Meeting, category!.Id, Count!.Value, Kind, ct);
            Slips = codes.Select(code => new Slip(code, QrSvg.Render($"{BaseUrl}/v#{code}", code))).ToList();
            SlipCategory = category.Name;
            Categories = await Meetings.CategoriesAsync(Meeting.Id, ct); // issued counts as they now stand
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", Messages.For(e));
        }
        return Page();
    }
}
