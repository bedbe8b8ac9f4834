using System.Globalization;
using Shuzhi.Domain.Meetings;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Meetings;

/// <summary>
/// 纸质票录入: one sheet per form, batch by batch, optionally twice (round 2 by a second staff member), with the batch's
/// sheets, the comparison of the two rounds (核对), corrections and the commit into ballots (提交本批).
/// The organizer's own staff only (403 for others who see the meeting, 404 out of scope).
/// </summary>
public sealed class PaperModel(CampaignCommands campaigns, MeetingCommands meetings, PaperBallotCommands paper) : MeetingPageModel(campaigns, meetings)
{
    public IReadOnlyList<MeetingSpeaker> Speakers { get; private set; } = [];
    public IReadOnlyList<VoterCategory> Categories { get; private set; } = [];
    public IReadOnlyList<PaperBatch> Batches { get; private set; } = [];
    public IReadOnlyList<PaperEntry> Entries { get; private set; } = [];
    public DoubleEntryResult? Check { get; private set; }

    // The form as shown (after a save: the next sheet, same batch, round and category).
    public int Batch { get; private set; } = 1;
    public int Round { get; private set; } = 1;
    public int Sheet { get; private set; } = 1;
    public int? CategoryId { get; private set; }
    public PaperEntry? Editing { get; private set; }
    /// <summary>Values of the form fields when a post is shown again with an error (name → value).</summary>
    public Dictionary<string, string> Posted { get; } = new(StringComparer.Ordinal);

    public bool Closed => Meeting.State == VotingState.Closed;

    /// <summary>The one person who entered both rounds of the batch, if so (double entry needs two people).</summary>
    public string? SamePerson
    {
        get
        {
            var people = Entries.GroupBy(e => e.Round).Select(g => g.Select(e => e.EnteredBy).Distinct().ToList()).ToList();
            return people.Count == 2 && people.All(p => p.Count == 1) && people[0][0] == people[1][0] ? people[0][0] : null;
        }
    }
    public bool BatchCommitted => Batches.Any(b => b.Batch == Batch && b.Committed);

    public static string GradeField(int reporterId) => $"g{reporterId}";
    public static string PointsField(int reporterId, int i) => $"p{reporterId}_{i}";
    public static string RoundName(int round) => round == 2 ? TallyStrings.Paper_Round2 : TallyStrings.Paper_Round1;

    public string? Value(string field, PaperEntry? entry, int reporterId, int? index)
    {
        if (Posted.TryGetValue(field, out var v)) return v;
        var mark = entry?.Marks.FirstOrDefault(m => m.ReporterId == reporterId);
        if (mark is null) return null;
        if (index is null) return mark.Grade;
        return mark.Points is { } p && index < p.Count ? p[index.Value]?.ToString("0.############", CultureInfo.InvariantCulture) : null;
    }

    public string SpeakerName(int reporterId) => Speakers.FirstOrDefault(s => s.ReporterId == reporterId) is { } s
        ? s.PersonName is null ? s.OrganizationName : $"{s.PersonName}（{s.OrganizationName}）" : reporterId.ToString(CultureInfo.InvariantCulture);

    public string CategoryName(int id) => Categories.FirstOrDefault(c => c.Id == id)?.Name ?? "—";

    public string MarksText(PaperEntry e) => e.Marks.Count == 0 ? TallyStrings.Paper_NoneMarked : string.Join("；", e.Marks.Select(m =>
        SpeakerName(m.ReporterId) + " " + (m.Grade ?? string.Join("/", (m.Points ?? []).Select(p => p?.ToString("0.############", CultureInfo.InvariantCulture) ?? "_")))));

    private async Task<IActionResult?> LoadAsync(int meetingId, CancellationToken ct)
    {
        if (await FindAsync(meetingId, ct) is { } stop) return stop;
        Speakers = await Meetings.SpeakersAsync(Meeting, ct);
        Categories = await Meetings.CategoriesAsync(Meeting.Id, ct);
        return null;
    }

    private async Task ViewAsync(int batch, int round, int? sheet, int? categoryId, bool check, CancellationToken ct)
    {
        Batch = Math.Max(batch, 1);
        Round = round == 2 ? 2 : 1;
        Batches = await paper.BatchesAsync(Meeting.Id, ct);
        Entries = await paper.EntriesAsync(Meeting.Id, Batch, ct);
        Sheet = sheet ?? await paper.NextSheetAsync(Meeting.Id, Batch, Round, ct);
        CategoryId = categoryId is { } cid && Categories.Any(c => c.Id == cid) ? cid : Categories.FirstOrDefault()?.Id;
        if (check) Check = await paper.CompareAsync(Meeting, Batch, ct);
    }

    public async Task<IActionResult> OnGetAsync(int meetingId, int? batch, int? round, int? category, int? edit, bool check, CancellationToken ct)
    {
        if (await LoadAsync(meetingId, ct) is { } stop) return stop;
        if (edit is { } id)
        {
            if (await paper.EntryAsync(Meeting.Id, id, ct) is not { } e) return NotFound();
            Editing = e;
            await ViewAsync(e.Batch, e.Round, e.SheetNumber, e.CategoryId, false, ct);
            return Page();
        }
        await ViewAsync(batch ?? await LastBatchAsync(ct), round ?? 1, null, category, check, ct);
        return Page();
    }

    /// <summary>The batch being entered: the last one, or a new one after it once it is committed.</summary>
    private async Task<int> LastBatchAsync(CancellationToken ct) =>
        (await paper.BatchesAsync(Meeting.Id, ct)).LastOrDefault() is { } last ? last.Committed ? last.Batch + 1 : last.Batch : 1;

    /// <summary>Saves one sheet (new, or the correction of <paramref name="entryId"/>).</summary>
    public async Task<IActionResult> OnPostAsync(int meetingId, int? entryId, CancellationToken ct)
    {
        if (await LoadAsync(meetingId, ct) is { } stop) return stop;
        foreach (var (k, v) in Request.Form) Posted[k] = v.ToString();
        var batch = Int("batch", TallyStrings.Paper_Batch);
        var round = Int("round", TallyStrings.Paper_Round);
        var sheet = Int("sheet", TallyStrings.Paper_Sheet);
        var category = Int("category", TallyStrings.Paper_Category);
        var marks = ReadMarks();
        PaperEntry? old = null;
        if (entryId is { } eid && (old = await paper.EntryAsync(Meeting.Id, eid, ct)) is null) return NotFound();
        if (ModelState.IsValid)
        {
            try
            {
                if (old is not null)
                {
                    var e = await paper.CorrectAsync(User, Campaign, Meeting, old.Id, category!.Value, marks, ct);
                    TempData["Flash"] = string.Format(CultureInfo.InvariantCulture, TallyStrings.Paper_Updated, e.SheetNumber);
                    return Redirect($"/Meetings/Paper/{meetingId}?batch={e.Batch}&round={e.Round}&category={e.CategoryId}");
                }
                var n = await paper.EnterAsync(User, Campaign, Meeting, batch!.Value, round!.Value, sheet!.Value, category!.Value, marks, ct);
                TempData["Flash"] = string.Format(CultureInfo.InvariantCulture, TallyStrings.Paper_Saved, n.Batch, RoundName(n.Round), n.SheetNumber);
                return Redirect($"/Meetings/Paper/{meetingId}?batch={n.Batch}&round={n.Round}&category={n.CategoryId}");
            }
            catch (DomainException e) { ModelState.AddModelError("", Messages.For(e)); }
        }
        Editing = old;
        await ViewAsync(old?.Batch ?? batch ?? 1, old?.Round ?? round ?? 1, old?.SheetNumber ?? sheet, category, false, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int meetingId, int entryId, CancellationToken ct)
    {
        if (await LoadAsync(meetingId, ct) is { } stop) return stop;
        if (await paper.EntryAsync(Meeting.Id, entryId, ct) is not { } e) return NotFound();
        try
        {
            await paper.DeleteAsync(User, Campaign, Meeting, entryId, ct);
            TempData["Flash"] = string.Format(CultureInfo.InvariantCulture, TallyStrings.Paper_Deleted, e.SheetNumber);
            return Redirect($"/Meetings/Paper/{meetingId}?batch={e.Batch}&round={e.Round}");
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError("", Messages.For(ex));
            await ViewAsync(e.Batch, e.Round, null, null, false, ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostCommitAsync(int meetingId, int batch, bool singleEntry, CancellationToken ct)
    {
        if (await LoadAsync(meetingId, ct) is { } stop) return stop;
        try
        {
            var r = await paper.CommitAsync(User, Campaign, Meeting, batch, singleEntry, ct);
            TempData["Flash"] = string.Format(CultureInfo.InvariantCulture, TallyStrings.Paper_CommittedFlash, batch, r.Ballots, r.Valid, r.Invalid);
            return Redirect($"/Meetings/Paper/{meetingId}?batch={batch}");
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError("", Messages.For(ex));
            await ViewAsync(batch, 1, null, null, check: true, ct);
            return Page();
        }
    }

    private int? Int(string field, string label)
    {
        var text = Request.Form[field].ToString().Trim();
        if (text.Length == 0) { ModelState.AddModelError(field, string.Format(CultureInfo.InvariantCulture, TallyStrings.Paper_ErrRequired, label)); return null; }
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 1)
        {
            ModelState.AddModelError(field, $"{label}：{TallyStrings.Paper_MsgPositive}");
            return null;
        }
        return n;
    }

    /// <summary>The marks as written: a grade per grade-form speaker, the points per dimension (empty boxes null) otherwise.</summary>
    private List<Mark> ReadMarks()
    {
        var marks = new List<Mark>();
        foreach (var s in Speakers)
        {
            if (s.Form.Kind == BallotKind.Grade)
            {
                var g = Request.Form[GradeField(s.ReporterId)].ToString().Trim();
                if (g.Length > 0) marks.Add(new Mark(s.ReporterId, g));
                continue;
            }
            var points = new List<decimal?>();
            for (var i = 0; i < s.Form.Dimensions.Count; i++)
            {
                var field = PointsField(s.ReporterId, i);
                var text = Request.Form[field].ToString().Trim().Replace('．', '.');
                if (text.Length == 0) { points.Add(null); continue; }
                if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var p)) { points.Add(p); continue; }
                ModelState.AddModelError(field, string.Format(CultureInfo.InvariantCulture, TallyStrings.Paper_PointsNotNumber,
                    SpeakerName(s.ReporterId), s.Form.Dimensions[i].Label, text));
                points.Add(null);
            }
            if (points.Any(p => p is not null)) marks.Add(new Mark(s.ReporterId, null, points));
        }
        return marks;
    }
}
