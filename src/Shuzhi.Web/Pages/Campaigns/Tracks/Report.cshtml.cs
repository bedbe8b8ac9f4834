using System.Globalization;
using Shuzhi.Domain.Reports;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Campaigns.Tracks;

/// <summary>
/// A track's report template: the outline (seed 003 or seed 004) and each check switched on or off, blocking
/// or advisory, with its numbers. The organizer's own staff, until the meeting stage; the rules are validated
/// by the domain, and the track list then warns of rules that cannot be met together.
/// </summary>
public sealed class ReportModel(TrackCommands cmd, AppDbContext db) : PageModel
{
    public static readonly string[] RuleIds =
    [
        CheckIds.RequiredSections, CheckIds.Length, CheckIds.ProblemsShare, CheckIds.AchievementsShare, CheckIds.ProblemsAndPlansShare,
        CheckIds.ProblemList, CheckIds.DataFigures, CheckIds.Topics, CheckIds.Rectification, CheckIds.FirstPerson,
    ];

    /// <summary>Which numbers a rule has: none, a minimum, or a minimum and a maximum.</summary>
    public static int Bounds(string id) => id switch
    {
        CheckIds.Length or CheckIds.ProblemsShare or CheckIds.AchievementsShare or CheckIds.ProblemsAndPlansShare => 2,
        CheckIds.ProblemList or CheckIds.DataFigures or CheckIds.Rectification or CheckIds.FirstPerson => 1,
        _ => 0,
    };

    public static string Label(string id) => ReportStrings.ResourceManager.GetString("Rp_Rule_" + id, CultureInfo.InvariantCulture) ?? id;

    public sealed class RuleRow
    {
        public bool Enabled { get; set; }
        public RuleSeverity Severity { get; set; } = RuleSeverity.Blocking;
        public string? Min { get; set; }
        public string? Max { get; set; }
        public bool Flag { get; set; }
    }

    /// <summary>One heading of the outline as edited: an existing section carries its key, a new one none.</summary>
    public sealed class SectionRow
    {
        public string? Key { get; set; }
        public int Order { get; set; }
        public int Level { get; set; } = 1;
        public string? Heading { get; set; }
        public string? Guidance { get; set; }
        public SectionRole Role { get; set; } = SectionRole.Other;
        public bool Required { get; set; }
        public bool Remove { get; set; }
    }

    /// <summary>"keep": the sections below as edited; "003" / "004": replace them by a seed's outline.</summary>
    [BindProperty] public string Outline { get; set; } = "keep";
    [BindProperty] public List<SectionRow> Sections { get; set; } = new();
    /// <summary>Blank rows offered for new sections.</summary>
    public const int NewRows = 2;
    [BindProperty] public Dictionary<string, RuleRow> Rules { get; set; } = new();
    public Campaign Campaign { get; private set; } = null!;
    public Track Track { get; private set; } = null!;
    public bool SetupOpen => Campaign.Stage < CampaignStage.Evaluation;

    private async Task<IActionResult?> LoadAsync(int campaignId, int trackId, CancellationToken ct)
    {
        if (await cmd.FindAsync(campaignId, ct) is not { } c) return NotFound();
        if (await db.Tracks.SingleOrDefaultAsync(t => t.Id == trackId && t.CampaignId == c.Id, ct) is not { } t) return NotFound();
        Campaign = c;
        Track = t;
        return cmd.MayEdit(c) ? null : Forbid();
    }

    public async Task<IActionResult> OnGetAsync(int campaignId, int trackId, CancellationToken ct)
    {
        if (await LoadAsync(campaignId, trackId, ct) is { } stop) return stop;
        Sections = Track.Outline.Sections.Select((s, i) => new SectionRow
        {
            Key = s.Key, Order = (i + 1) * 10, Level = s.Level, Heading = s.Heading, Guidance = s.Guidance, Role = s.Role, Required = s.Required,
        }).ToList();
        Rules = From(Track.Rules);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int campaignId, int trackId, CancellationToken ct)
    {
        if (await LoadAsync(campaignId, trackId, ct) is { } stop) return stop;
        var rules = ToRules(Track.Rules);
        if (rules is null) return Page();
        try
        {
            await cmd.SetReportTemplateAsync(Campaign, Track, OutlineFromForm(), rules, ct);
            TempData["Flash"] = ReportStrings.Rp_Rules_Saved;
            return Redirect($"/Campaigns/Tracks/{campaignId}");
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", Messages.For(e));
            return Page();
        }
    }

    /// <summary>
    /// The outline as posted: a seed's, or the rows in their order without those marked for removal and blank new ones;
    /// a new section gets a key of its own. Nothing posted keeps the outline as it is.
    /// </summary>
    private ReportOutline OutlineFromForm()
    {
        if (Outline == "003") return ReportOutline.Seed003;
        if (Outline == "004") return ReportOutline.Seed004;
        if (Sections.Count == 0) return Track.Outline;
        var used = Track.Outline.Sections.Select(s => s.Key).Concat(Sections.Select(r => r.Key ?? "")).ToHashSet(StringComparer.Ordinal);
        var next = 1;
        string NewKey()
        {
            while (used.Contains($"s{next}")) next++;
            used.Add($"s{next}");
            return $"s{next}";
        }
        return new ReportOutline(Sections.Select((row, i) => (row, i))
            .Where(x => !x.row.Remove && !(string.IsNullOrEmpty(x.row.Key) && string.IsNullOrWhiteSpace(x.row.Heading)))
            .OrderBy(x => x.row.Order).ThenBy(x => x.i)
            .Select(x => new OutlineSection(string.IsNullOrEmpty(x.row.Key) ? NewKey() : x.row.Key, x.row.Level, (x.row.Heading ?? "").Trim(),
                (x.row.Guidance ?? "").Replace("\r\n", "\n").Trim(), x.row.Role, x.row.Required))
            .ToList());
    }

    public static string RoleName(SectionRole role) => role switch
    {
        SectionRole.Achievements => PublicationStrings.Ol_Role_Achievements,
        SectionRole.Highlights => PublicationStrings.Ol_Role_Highlights,
        SectionRole.Problems => PublicationStrings.Ol_Role_Problems,
        SectionRole.Plans => PublicationStrings.Ol_Role_Plans,
        _ => PublicationStrings.Ol_Role_Other,
    };

    public static string Show(Fraction? f) => f is null ? ""
        : 10000 % f.Denominator == 0 ? f.AsPercent.ToString("0.##", CultureInfo.InvariantCulture) : $"{f.Numerator}/{f.Denominator}";

    private static Dictionary<string, RuleRow> From(ReportRules r)
    {
        static RuleRow Row(IReportRule rule, string? min = null, string? max = null, bool flag = false) =>
            new() { Enabled = rule.Enabled, Severity = rule.Severity, Min = min, Max = max, Flag = flag };
        static string? I(int? v) => v?.ToString(CultureInfo.InvariantCulture);
        return new()
        {
            [CheckIds.RequiredSections] = Row(r.RequiredSections),
            [CheckIds.Length] = Row(r.Length, I(r.Length.Min), I(r.Length.Max)),
            [CheckIds.ProblemsShare] = Row(r.ProblemsShare, Show(r.ProblemsShare.Min), Show(r.ProblemsShare.Max)),
            [CheckIds.AchievementsShare] = Row(r.AchievementsShare, Show(r.AchievementsShare.Min), Show(r.AchievementsShare.Max)),
            [CheckIds.ProblemsAndPlansShare] = Row(r.ProblemsAndPlansShare, Show(r.ProblemsAndPlansShare.Min), Show(r.ProblemsAndPlansShare.Max)),
            [CheckIds.ProblemList] = Row(r.ProblemList, I(r.ProblemList.MinProblems), null, r.ProblemList.RequireCause),
            [CheckIds.DataFigures] = Row(r.DataFigures, I(r.DataFigures.MinCount)),
            [CheckIds.Topics] = Row(r.Topics),
            [CheckIds.Rectification] = Row(r.Rectification, I(r.Rectification.MinCharacters)),
            [CheckIds.FirstPerson] = Row(r.FirstPerson, Show(r.FirstPerson.MinSingularShare)),
        };
    }

    /// <summary>The posted rows as rules (word lists kept from <paramref name="current"/>); null with model errors when a number is unreadable.</summary>
    private ReportRules? ToRules(ReportRules current)
    {
        RuleRow R(string id) => Rules.GetValueOrDefault(id) ?? new RuleRow();
        var ok = true;
        int? Int(string id, string? text, bool required)
        {
            if (string.IsNullOrWhiteSpace(text)) { if (required) { ok = false; ModelState.AddModelError("", string.Format(ReportStrings.Rp_Rules_NotInteger, Label(id))); } return null; }
            if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)) return v;
            ok = false;
            ModelState.AddModelError("", string.Format(ReportStrings.Rp_Rules_NotInteger, Label(id)));
            return null;
        }
        Fraction? Share(string id, string? text, bool required)
        {
            var t = text?.Trim().TrimEnd('%', '％').Trim();
            if (string.IsNullOrEmpty(t)) { if (required) { ok = false; ModelState.AddModelError("", string.Format(ReportStrings.Rp_Rules_NotShare, Label(id))); } return null; }
            var parts = t.Split('/');
            if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var d) && d > 0)
                return Fraction.Of(n, d);
            if (parts.Length == 1 && decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out var p))
            {
                try { return Fraction.Percent(p); }
                catch (DomainException e) { ok = false; ModelState.AddModelError("", Messages.For(e)); return null; }
            }
            ok = false;
            ModelState.AddModelError("", string.Format(ReportStrings.Rp_Rules_NotShare, Label(id)));
            return null;
        }
        ShareRule ShareRule(string id) { var r = R(id); return new(r.Enabled, r.Severity, Share(id, r.Min, false), Share(id, r.Max, false)); }

        var len = R(CheckIds.Length);
        var pl = R(CheckIds.ProblemList);
        var df = R(CheckIds.DataFigures);
        var rect = R(CheckIds.Rectification);
        var fp = R(CheckIds.FirstPerson);
        var rules = new ReportRules(
            new LengthRule(len.Enabled, len.Severity, Int(CheckIds.Length, len.Min, false), Int(CheckIds.Length, len.Max, false)),
            ShareRule(CheckIds.ProblemsShare), ShareRule(CheckIds.AchievementsShare), ShareRule(CheckIds.ProblemsAndPlansShare),
            new DataFiguresRule(df.Enabled, df.Severity, Int(CheckIds.DataFigures, df.Min, true) ?? 0),
            new SimpleRule(R(CheckIds.Topics).Enabled, R(CheckIds.Topics).Severity),
            new RectificationRule(rect.Enabled, rect.Severity, Int(CheckIds.Rectification, rect.Min, true) ?? 1),
            current.FirstPerson with { Enabled = fp.Enabled, Severity = fp.Severity, MinSingularShare = Share(CheckIds.FirstPerson, fp.Min, true) ?? current.FirstPerson.MinSingularShare },
            current.ProblemList with { Enabled = pl.Enabled, Severity = pl.Severity, MinProblems = Int(CheckIds.ProblemList, pl.Min, true) ?? 0, RequireCause = pl.Flag },
            new SimpleRule(R(CheckIds.RequiredSections).Enabled, R(CheckIds.RequiredSections).Severity));
        return ok ? rules : null;
    }
}
