using System.Globalization;
using Shuzhi.Domain.Campaigns;

namespace Shuzhi.Domain.Meetings;

/// <summary>A paper sheet as one staff member entered it, by the number written on the sheet in its batch.</summary>
public sealed record PaperSheet(int SheetNumber, int CategoryId, IReadOnlyList<Mark> Marks);

/// <summary>A difference between two entries of the same sheet: field is 类别, 等次 or the dimension's label.</summary>
public sealed record EntryMismatch(int SheetNumber, int? ReporterId, string Field, string? ValueA, string? ValueB);

public sealed record DoubleEntryResult(IReadOnlyList<EntryMismatch> Mismatches, IReadOnlyList<int> OnlyInA, IReadOnlyList<int> OnlyInB)
{
    public bool Agree => Mismatches.Count == 0 && OnlyInA.Count == 0 && OnlyInB.Count == 0;
}

/// <summary>双人录入: two staff members enter the same batch of paper sheets; every difference is listed.</summary>
public static class PaperDoubleEntry
{
    public const string CategoryField = "类别";
    public const string GradeField = "等次";

    public static DoubleEntryResult Compare(IReadOnlyList<ReporterForm> reporters, IReadOnlyList<PaperSheet> entryA, IReadOnlyList<PaperSheet> entryB)
    {
        var a = BySheet(entryA);
        var b = BySheet(entryB);
        var forms = reporters.ToDictionary(r => r.ReporterId, r => r.Form);
        var mismatches = new List<EntryMismatch>();
        foreach (var n in a.Keys.Intersect(b.Keys).Order())
        {
            var (sa, sb) = (a[n], b[n]);
            if (sa.CategoryId != sb.CategoryId)
                mismatches.Add(new(n, null, CategoryField, Num(sa.CategoryId), Num(sb.CategoryId)));
            var ma = sa.Marks.Where(m => !m.IsEmpty).ToDictionary(m => m.ReporterId);
            var mb = sb.Marks.Where(m => !m.IsEmpty).ToDictionary(m => m.ReporterId);
            foreach (var r in ma.Keys.Union(mb.Keys).Order())
            {
                ma.TryGetValue(r, out var x);
                mb.TryGetValue(r, out var y);
                var form = forms.GetValueOrDefault(r);
                if (form is null || form.Kind == BallotKind.Grade)
                {
                    if (x?.Grade?.Trim() != y?.Grade?.Trim()) mismatches.Add(new(n, r, GradeField, x?.Grade?.Trim(), y?.Grade?.Trim()));
                    if (form is not null) continue;
                }
                var count = Math.Max(x?.Points?.Count ?? 0, y?.Points?.Count ?? 0);
                for (var i = 0; i < count; i++)
                {
                    var pa = x?.Points is { } xp && i < xp.Count ? xp[i] : null;
                    var pb = y?.Points is { } yp && i < yp.Count ? yp[i] : null;
                    if (pa != pb)
                        mismatches.Add(new(n, r, form is not null && i < form.Dimensions.Count ? form.Dimensions[i].Label : $"#{i + 1}", Dec(pa), Dec(pb)));
                }
            }
        }
        return new(mismatches, a.Keys.Except(b.Keys).Order().ToList(), b.Keys.Except(a.Keys).Order().ToList());
    }

    private static Dictionary<int, PaperSheet> BySheet(IReadOnlyList<PaperSheet> sheets)
    {
        var duplicate = sheets.GroupBy(s => s.SheetNumber).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new DomainException("Meeting.SheetNumberDuplicate", duplicate.Key);
        return sheets.ToDictionary(s => s.SheetNumber);
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
    private static string? Dec(decimal? d) => d?.ToString("0.############", CultureInfo.InvariantCulture);
}

/// <summary>
/// One staff member's entry of one paper sheet (录入): the batch, the number written on the sheet, the round
/// (1 = first entry, 2 = the second staff member's), who entered it, the category and the marks as read. The
/// sheets are anonymous; a ballot is made from the first round once both rounds agree (or from the only round
/// when double entry is off).
/// </summary>
public sealed class PaperEntry
{
    private PaperEntry() { }

    public int Id { get; private set; }
    public int MeetingId { get; private set; }
    public int Batch { get; private set; }
    public int SheetNumber { get; private set; }
    public int Round { get; private set; }
    public string EnteredBy { get; private set; } = "";
    public int CategoryId { get; private set; }
    public IReadOnlyList<Mark> Marks { get; private set; } = [];
    /// <summary>Whether a ballot has been made from this batch (then the entries no longer change).</summary>
    public bool Committed { get; private set; }

    public static PaperEntry Create(int meetingId, int batch, int sheetNumber, int round, string enteredBy, int categoryId, IReadOnlyList<Mark> marks)
    {
        if (batch < 1) throw new DomainException("Meeting.BatchInvalid");
        if (sheetNumber < 1) throw new DomainException("Meeting.SheetNumberInvalid");
        if (round is not (1 or 2)) throw new DomainException("Meeting.RoundInvalid");
        return new PaperEntry
        {
            MeetingId = meetingId, Batch = batch, SheetNumber = sheetNumber, Round = round, EnteredBy = enteredBy,
            CategoryId = categoryId, Marks = marks.Where(m => !m.IsEmpty).OrderBy(m => m.ReporterId).ToList(),
        };
    }

    public PaperSheet Sheet => new(SheetNumber, CategoryId, Marks);

    public void Commit() => Committed = true;
}
