using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Shuzhi.Domain.Meetings;
using Shuzhi.Domain.Scoring;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Campaigns.Grading;

/// <summary>
/// 综合评价 of a campaign: per track each reporter's component lines, composite, rank, proposed and final grade; the quota
/// indicator (live in the browser, checked again on the server); waivers; settings; the lock (党委研究) and reopening.
/// The organizer's own staff change; units above read; others do not see the campaign (404).
/// </summary>
[Authorize(Policy = Policies.ManageCampaigns)]
public sealed class IndexModel(GradingCommands cmd, TimeProvider clock) : PageModel
{
    public Campaign Campaign { get; private set; } = null!;
    public GradingBoard Board { get; private set; } = null!;
    public bool CanEdit { get; private set; }
    public bool ReadOnly => !CanEdit || Board.IsLocked;
    public TimeProvider Clock => clock;
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), clock.LocalTimeZone).DateTime);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int? TrackId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public bool Desc { get; set; }

    public sealed class SettingsInput
    {
        public GradeRuleKind Kind { get; set; } = GradeRuleKind.Thresholds;
        public string? GoodMin { get; set; }
        public string? FairlyGoodMin { get; set; }
        public string? AverageMin { get; set; }
        public string? GoodShare { get; set; }
        public string? FairlyGoodShare { get; set; }
        public string? AverageShare { get; set; }
        public string? QuotaShare { get; set; }
        public bool RequireAverageOrPoor { get; set; }
    }

    [BindProperty] public SettingsInput Settings { get; set; } = new();
    [BindProperty] public Dictionary<int, Grade?> Final { get; set; } = [];
    [BindProperty] public Dictionary<int, string?> Reason { get; set; } = [];
    [BindProperty] public string? MeetingDate { get; set; }
    [BindProperty] public string? MinuteReference { get; set; }
    [BindProperty] public string? QuotaReason { get; set; }
    [BindProperty] public string? ReopenReason { get; set; }

    private async Task<IActionResult?> LoadAsync(int campaignId, CancellationToken ct)
    {
        if (await cmd.FindCampaignAsync(campaignId, ct) is not { } c || !await cmd.MayReadAsync(c, ct)) return NotFound();
        Campaign = c;
        CanEdit = cmd.MayEdit(User, c);
        Board = await cmd.BoardAsync(c, ct);
        return null;
    }

    public async Task<IActionResult> OnGetAsync(int campaignId, CancellationToken ct)
    {
        if (await LoadAsync(campaignId, ct) is { } stop) return stop;
        FillSettings();
        return Page();
    }

    private void FillSettings()
    {
        var s = Board.Settings;
        Settings = new SettingsInput
        {
            Kind = s.RuleKind, GoodMin = Num(s.GoodMin), FairlyGoodMin = Num(s.FairlyGoodMin), AverageMin = Num(s.AverageMin),
            GoodShare = Num(s.GoodShare * 100), FairlyGoodShare = Num(s.FairlyGoodShare * 100), AverageShare = Num(s.AverageShare * 100),
            QuotaShare = Num(s.QuotaShare * 100), RequireAverageOrPoor = s.RequireAverageOrPoor,
        };
    }

    public static string Num(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>The rows of a track as filtered (search, track) and sorted; the others stay in the form, hidden, so the quota counts everyone.</summary>
    public IReadOnlyList<(GradingRow Row, bool Visible)> RowsOf(GradingTrack t)
    {
        IEnumerable<GradingRow> rows = t.Rows;
        rows = (Sort ?? "rank") switch
        {
            "name" => rows.OrderBy(r => r.Reporter.OrganizationName, StringComparer.Ordinal),
            "composite" => rows.OrderBy(r => r.Composite.Shown ?? -1m),
            "final" => rows.OrderBy(r => (int?)r.Final ?? 9).ThenBy(r => r.Composite.Rank ?? int.MaxValue),
            _ => rows.OrderBy(r => r.Composite.Rank ?? int.MaxValue).ThenBy(r => r.Reporter.SortOrder),
        };
        if (Desc) rows = rows.Reverse();
        return rows.Select(r => (r, Matches(r, t))).ToList();
    }

    private bool Matches(GradingRow r, GradingTrack t) =>
        (TrackId is null || TrackId == t.Track.Id)
        && (string.IsNullOrWhiteSpace(Q) || r.Reporter.OrganizationName.Contains(Q.Trim(), StringComparison.OrdinalIgnoreCase)
            || (r.Reporter.PersonName ?? "").Contains(Q.Trim(), StringComparison.OrdinalIgnoreCase));

    public async Task<IActionResult> OnGetExportAsync(int campaignId, CancellationToken ct)
    {
        if (await LoadAsync(campaignId, ct) is { } stop) return stop;
        await cmd.AuditExportAsync(Campaign, ct);
        var rows = Board.Tracks.SelectMany(t => RowsOf(t).Where(x => x.Visible).Select(x => (t.Track, x.Row)));
        var sheet = new XlsxSheet(GradingStrings.Gr_Title,
            [GradingStrings.Gr_Col_Track, GradingStrings.Gr_Col_Rank, GradingStrings.Gr_Col_Organization, GradingStrings.Gr_Col_Person, GradingStrings.Gr_Col_Composite,
             GradingStrings.Gr_Col_Proposed, GradingStrings.Gr_Col_Final, GradingStrings.Gr_Col_Reason, GradingStrings.Gr_Col_Lines],
            rows.Select(x => (IReadOnlyList<object?>)[x.Track.Name, x.Row.Composite.Rank, x.Row.Reporter.OrganizationName, x.Row.Reporter.PersonName,
                x.Row.Composite.Shown, x.Row.Proposed?.Name(), x.Row.Final?.Name(), x.Row.Final != x.Row.Proposed ? x.Row.Reason : null, LinesText(x.Row)]));
        return XlsxResult.File(this, [sheet], $"{Campaign.Title}{GradingStrings.Gr_Title}");
    }

    public static string LinesText(GradingRow r) => string.Join("；", r.Composite.Lines.Select(l =>
        l.Waived ? $"{l.Component.Name()}：{GradingStrings.Gr_Waived}（{l.WaiverReason}）"
        : l.Normalized is null ? $"{l.Component.Name()}：{GradingStrings.Gr_Missing}"
        : $"{l.Component.Name()} {Tally.Display.Points(l.Normalized)}×{Tally.Display.Points(l.EffectiveWeight)}%={Tally.Display.Points(l.Contribution)}"));

    public Task<IActionResult> OnPostSettingsAsync(int campaignId, CancellationToken ct) => ActAsync(campaignId, () =>
    {
        var s = new GradingSettings
        {
            RuleKind = Settings.Kind,
            GoodMin = Parse(Settings.GoodMin, GradingStrings.Gr_GoodMin, 90m), FairlyGoodMin = Parse(Settings.FairlyGoodMin, GradingStrings.Gr_FairlyGoodMin, 80m),
            AverageMin = Parse(Settings.AverageMin, GradingStrings.Gr_AverageMin, 70m),
            GoodShare = Parse(Settings.GoodShare, GradingStrings.Gr_GoodShare, 0m) / 100m, FairlyGoodShare = Parse(Settings.FairlyGoodShare, GradingStrings.Gr_FairlyGoodShare, 0m) / 100m,
            AverageShare = Parse(Settings.AverageShare, GradingStrings.Gr_AverageShare, 0m) / 100m,
            QuotaShare = Parse(Settings.QuotaShare, GradingStrings.Gr_QuotaShare, 15m) / 100m, RequireAverageOrPoor = Settings.RequireAverageOrPoor,
        };
        return cmd.SaveSettingsAsync(User, Campaign, s, ct);
    }, GradingStrings.Gr_SettingsSaved, ct);

    private static decimal Parse(string? text, string label, decimal fallback)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (!decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d)) throw new DomainException("Grading.NumberInvalid", label);
        return d;
    }

    public Task<IActionResult> OnPostGradesAsync(int campaignId, CancellationToken ct) => ActAsync(campaignId, async () =>
    {
        var choices = Final.Select(kv => new GradeChoice(kv.Key, kv.Value, Reason.GetValueOrDefault(kv.Key))).ToList();
        var quota = await cmd.SaveGradesAsync(User, Campaign, choices, ct);
        TempData["Flash"] = quota.Holds ? GradingStrings.Gr_GradesSaved
            : string.Format(CultureInfo.InvariantCulture, GradingStrings.Gr_GradesSavedQuota, quota.Required, quota.BelowGood);
    }, null, ct);

    public Task<IActionResult> OnPostWaiveAsync(int campaignId, int reporterId, ScoreComponent component, string? waiverReason, CancellationToken ct) =>
        ActAsync(campaignId, () => cmd.WaiveAsync(User, Campaign, reporterId, component, waiverReason, ct), GradingStrings.Gr_WaiverSaved, ct);

    public Task<IActionResult> OnPostUnwaiveAsync(int campaignId, int reporterId, ScoreComponent component, CancellationToken ct) =>
        ActAsync(campaignId, () => cmd.RemoveWaiverAsync(User, Campaign, reporterId, component, ct), GradingStrings.Gr_WaiverRemoved, ct);

    public Task<IActionResult> OnPostLockAsync(int campaignId, CancellationToken ct) => ActAsync(campaignId, () =>
    {
        if (string.IsNullOrWhiteSpace(MeetingDate)) throw new DomainException("Grading.MeetingDateRequired");
        if (!DateOnly.TryParseExact(MeetingDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && !ChineseDates.TryParse(MeetingDate, out date)) throw new DomainException("Grading.MeetingDateInvalid");
        return cmd.LockAsync(User, Campaign, date, MinuteReference, QuotaReason, ct);
    }, GradingStrings.Gr_Locked, ct);

    public Task<IActionResult> OnPostReopenAsync(int campaignId, CancellationToken ct) =>
        ActAsync(campaignId, () => cmd.ReopenAsync(User, Campaign, ReopenReason, ct), GradingStrings.Gr_Reopened, ct);

    private async Task<IActionResult> ActAsync(int campaignId, Func<Task> act, string? done, CancellationToken ct)
    {
        if (await LoadAsync(campaignId, ct) is { } stop) return stop;
        if (!CanEdit) return Forbid();
        try
        {
            await act();
            if (done is not null) TempData["Flash"] = done;
            return Redirect($"/Campaigns/Grading/{campaignId}");
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", Messages.For(e));
            Board = await cmd.BoardAsync(Campaign, ct);
            if (!Request.Form.ContainsKey("Settings.Kind")) FillSettings();
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
    }

    public static string GradeName(Grade? g) => g?.Name() ?? "—";
}
