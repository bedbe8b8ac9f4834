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
