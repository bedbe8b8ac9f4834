using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Campaigns.Tracks;

/// <summary>Creates or edits a track: mode, weighted components (sum 100), ballot form, speaking time.</summary>
public sealed class EditModel(TrackCommands cmd) : PageModel
{
    private const int SpareRows = 2;

    [BindProperty] public TrackForm Form { get; set; } = new();
    public Campaign Campaign { get; private set; } = null!;
    public Track? Track { get; private set; }
    public bool SetupOpen => Campaign.Stage < CampaignStage.Evaluation;

    public sealed class ComponentRow
    {
        public ScoreComponent Component { get; set; }
        public bool Selected { get; set; }
        public int? Weight { get; set; }
    }

    public sealed class LabelPoints
    {
        public string? Label { get; set; }
        public int? Points { get; set; }
    }

    public sealed class TrackForm
    {
        public string? Name { get; set; }
        public DebriefMode Mode { get; set; } = DebriefMode.OnSite;
        public List<ComponentRow> Components { get; set; } = [];
        public BallotKind BallotKind { get; set; } = BallotKind.Grade;
        public List<LabelPoints> Grades { get; set; } = [];
        public List<LabelPoints> Dimensions { get; set; } = [];
        public int? Total { get; set; } = 100;
        public int? SpeakingMinutes { get; set; }
        public bool PptRequired { get; set; }

        public static TrackForm From(Track? t)
        {
            var ballot = t?.Ballot;
            var grades = ballot is { Kind: BallotKind.Grade } ? ballot.Grades : BallotForm.DefaultGrade().Grades;
            var dims = ballot is { Kind: BallotKind.Dimension } ? ballot.Dimensions : BallotForm.DefaultDimension().Dimensions;
            var components = t?.Components ?? [new WeightedComponent(ScoreComponent.OnSiteBallot, 100)];
            return new TrackForm
            {
                Name = t?.Name,
                Mode = t?.Mode ?? DebriefMode.OnSite,
                Components = Enum.GetValues<ScoreComponent>().Select(c => new ComponentRow
                {
                    Component = c,
                    Selected = components.Any(x => x.Component == c),
                    Weight = components.FirstOrDefault(x => x.Component == c)?.Weight,
                }).ToList(),
                BallotKind = ballot?.Kind ?? BallotKind.Grade,
                Grades = grades.Select(g => new LabelPoints { Label = g.Label, Points = g.Points }).ToList(),
                Dimensions = dims.Select(d => new LabelPoints { Label = d.Label, Points = d.MaxPoints }).ToList(),
                Total = ballot?.Total ?? 100,
                SpeakingMinutes = t is null ? 8 : t.SpeakingMinutes,
                PptRequired = t?.PptRequired ?? false,
            }.Padded();
        }

        /// <summary>Every component listed once, and spare empty rows to add grades or dimensions.</summary>
        public TrackForm Padded()
        {
            foreach (var c in Enum.GetValues<ScoreComponent>().Where(c => Components.All(x => x.Component != c)))
                Components.Add(new ComponentRow { Component = c });
            Components = Components.OrderBy(c => c.Component).ToList();
            Grades = Grades.Where(g => !string.IsNullOrWhiteSpace(g.Label) || g.Points is not null).ToList();
            Dimensions = Dimensions.Where(g => !string.IsNullOrWhiteSpace(g.Label) || g.Points is not null).ToList();
            for (var i = 0; i < SpareRows; i++) { Grades.Add(new()); Dimensions.Add(new()); }
            return this;
        }

        public IReadOnlyList<WeightedComponent> WeightedComponents() =>
            Components.Where(c => c.Selected && Enum.IsDefined(c.Component)).Select(c => new WeightedComponent(c.Component, c.Weight ?? 0)).ToList();

        public BallotForm Ballot() => BallotKind == BallotKind.Dimension
            ? new BallotForm(BallotKind.Dimension, [], Dimensions.Where(Filled).Select(d => new Dimension(d.Label?.Trim() ?? "", d.Points ?? 0)).ToList(), Total ?? 0)
            : new BallotForm(BallotKind.Grade, Grades.Where(Filled).Select(g => new GradeOption(g.Label?.Trim() ?? "", g.Points ?? 0)).ToList(), [], 100);

        private static bool Filled(LabelPoints x) => !string.IsNullOrWhiteSpace(x.Label) || x.Points is not null;

        public TrackInput ToInput() => new(Name ?? "", Mode, WeightedComponents(), Ballot(), Mode.IsOnSite() ? SpeakingMinutes : null, PptRequired);
    }

    public async Task<IActionResult> OnGetAsync(int campaignId, int? trackId, CancellationToken ct)
    {
        if (!await LoadAsync(campaignId, trackId, ct)) return NotFound();
        if (!cmd.MayEdit(Campaign)) return Forbid();
        Form = TrackForm.From(Track);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int campaignId, int? trackId, CancellationToken ct)
    {
        if (!await LoadAsync(campaignId, trackId, ct)) return NotFound();
        if (!cmd.MayEdit(Campaign)) return Forbid();
        // Values that did not bind (letters in a number box, an unknown choice) get a Chinese message instead of the framework's.
        foreach (var key in ModelState.Where(kv => kv.Value?.Errors.Count > 0).Select(kv => kv.Key).ToList())
        {
            ModelState.Remove(key);
            ModelState.AddModelError(key, key switch
            {
                "Form.Mode" => TrackStrings.Form_ModeInvalid,
                "Form.BallotKind" => TrackStrings.Form_BallotKindInvalid,
                _ when key.EndsWith(".Component", StringComparison.Ordinal) => TrackStrings.Track_UnknownComponent,
                _ => TrackStrings.Form_NumberInvalid,
            });
        }
        if (string.IsNullOrWhiteSpace(Form.Name)) ModelState.AddModelError("Form.Name", Messages.Get("Track.NameRequired"));
        if (!Enum.IsDefined(Form.Mode)) ModelState.AddModelError("Form.Mode", TrackStrings.Form_ModeInvalid);
        if (!Enum.IsDefined(Form.BallotKind)) ModelState.AddModelError("Form.BallotKind", TrackStrings.Form_BallotKindInvalid);
        if (Form.Components.Any(c => c.Selected && !Enum.IsDefined(c.Component))) ModelState.AddModelError("Form.Components", TrackStrings.Track_UnknownComponent);
        foreach (var (code, args) in Weights.Validate(Form.WeightedComponents()))
            ModelState.AddModelError("Form.Components", Messages.Get(code, args));
        foreach (var (code, args) in Form.Ballot().Validate())
            ModelState.AddModelError(Form.BallotKind == BallotKind.Grade ? "Form.Grades" : "Form.Dimensions", Messages.Get(code, args));
        if (ModelState.IsValid)
        {
            try
            {
                if (Track is null) Track = await cmd.CreateAsync(Campaign, Form.ToInput(), ct);
                else await cmd.UpdateAsync(Campaign, Track, Form.ToInput(), ct);
                TempData["Flash"] = string.Format(TrackStrings.Track_Saved, Track.Name);
                return Redirect($"/Campaigns/Tracks/{campaignId}");
            }
            catch (DomainException e)
            {
                ModelState.AddModelError("", Messages.For(e));
            }
        }
        Form.Padded();
        return Page();
    }

    private async Task<bool> LoadAsync(int campaignId, int? trackId, CancellationToken ct)
    {
        if (await cmd.FindAsync(campaignId, ct) is not { } c) return false;
        Campaign = c;
        if (trackId is null) return true;
        Track = (await cmd.TracksAsync(c.Id, ct)).FirstOrDefault(t => t.Id == trackId);
        return Track is not null;
    }
}
