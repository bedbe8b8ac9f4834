using Shuzhi.Domain.Meetings;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Meetings;

/// <summary>A reporter's row of the tally with its speaker (organization, person, track).</summary>
public sealed record TallyRow(MeetingSpeaker Speaker, ReporterTally Tally)
{
    public CategoryTally? Category(int categoryId) => Tally.Categories.FirstOrDefault(c => c.CategoryId == categoryId);
}

/// <summary>One track of the tally: its reporters by rank (no rank last, then speaking order).</summary>
public sealed record TallyTrack(int TrackId, string Name, BallotForm Form, IReadOnlyList<TallyRow> Rows);

/// <summary>
/// The tally laid out for the page and the workbooks: per track, the reporters by rank with grade counts, rates,
/// the category means that may be shown (≥ 5 marks) and the score, rounded for display as docs/tally.md says.
/// </summary>
public static class TallyTables
{
    public static IReadOnlyList<TallyTrack> Build(IReadOnlyList<MeetingSpeaker> speakers, IReadOnlyList<ReporterTally> tallies)
    {
        var byId = tallies.ToDictionary(t => t.ReporterId);
        return speakers.GroupBy(s => s.TrackId).Select(g =>
        {
            var order = g.Select((s, i) => (s, i)).ToList();
            var rows = order.Where(x => byId.ContainsKey(x.s.ReporterId))
                .OrderBy(x => byId[x.s.ReporterId].Rank ?? int.MaxValue).ThenBy(x => x.i)
                .Select(x => new TallyRow(x.s, byId[x.s.ReporterId])).ToList();
            var first = g.First();
            return new TallyTrack(g.Key, first.TrackName, first.Form, rows);
        }).ToList();
    }

    /// <summary>A category mean as shown: the rounded mean, "（不足5票，不单列）" under 5 marks, "—" without marks.</summary>
    public static string CategoryText(CategoryTally? c) => c is null ? "—" : c.Shown ? Tally.Display.Points(c.Mean) : TallyStrings.Tally_NotShown;

    private static object? CategoryCell(CategoryTally? c) => c is { Shown: true } ? Tally.Display.Round(c.Mean) : CategoryText(c);

    private static object? Rounded(decimal? d) => d is null ? "—" : Tally.Display.Round(d.Value);

    public static IReadOnlyList<string> Headers(TallyTrack track, IReadOnlyList<VoterCategory> categories)
    {
        var h = new List<string> { TallyStrings.Tally_Rank, TallyStrings.Tally_Org, TallyStrings.Tally_Person, TallyStrings.Tally_Marks };
        if (track.Form.Kind == BallotKind.Grade)
        {
            h.AddRange(track.Form.Grades.Select(g => g.Label));
            h.Add(TallyStrings.Tally_TopRate);
            h.Add(TallyStrings.Tally_TopTwoRate);
        }
        h.AddRange(categories.Select(c => string.Format(TallyStrings.Tally_CategoryMean, c.Name)));
        h.Add(TallyStrings.Tally_Score);
        return h;
    }

    /// <summary>The workbook of the tally: one sheet per track (the page's table), then one per category with the means shown.</summary>
    public static IEnumerable<XlsxSheet> Workbook(IReadOnlyList<TallyTrack> tracks, IReadOnlyList<VoterCategory> categories)
    {
        foreach (var t in tracks)
        {
            yield return new XlsxSheet(t.Name, Headers(t, categories), t.Rows.Select(r =>
            {
                var cells = new List<object?> { r.Tally.Rank?.ToString() ?? "—", r.Speaker.OrganizationName, r.Speaker.PersonName ?? "", r.Tally.Marks };
                if (t.Form.Kind == BallotKind.Grade)
                {
                    cells.AddRange(r.Tally.Grades.Select(g => (object?)g.Count));
                    cells.Add(Tally.Display.Rate(r.Tally.TopRate));
                    cells.Add(Tally.Display.Rate(r.Tally.TopTwoRate));
                }
                cells.AddRange(categories.Select(c => CategoryCell(r.Category(c.Id))));
                cells.Add(Rounded(r.Tally.Score));
                return (IReadOnlyList<object?>)cells;
            }).ToList());
        }
        foreach (var c in categories)
        {
            var rows = tracks.SelectMany(t => t.Rows.Select(r => (t, r, ct: r.Category(c.Id))))
                .Where(x => x.ct is not null)
                .Select(x => (IReadOnlyList<object?>)[x.t.Name, x.r.Speaker.OrganizationName, x.r.Speaker.PersonName ?? "",
                    x.ct!.Shown ? x.ct.Marks : "", CategoryCell(x.ct)])
                .ToList();
            yield return new XlsxSheet(c.Name,
                [TallyStrings.Tally_Track, TallyStrings.Tally_Org, TallyStrings.Tally_Person, TallyStrings.Tally_MarkCount, TallyStrings.Tally_Mean], rows);
        }
    }

    /// <summary>
    /// Seed 003 附件2 (述职评议表) filled in: per track a title row, then 序号, 述职人, 单位及职务 and the number of marks
    /// of each grade (好（100分）…), in speaking order. A dimension-form track lists the marks and the score instead.
    /// </summary>
    public static IEnumerable<XlsxSheet> EvaluationForm(int year, IReadOnlyList<MeetingSpeaker> speakers, IReadOnlyList<TallyTrack> tracks)
    {
        foreach (var t in tracks)
        {
            var header = new List<object?> { TallyStrings.Tally_Seq, TallyStrings.Tally_Reporter, TallyStrings.Tally_OrgPost };
            if (t.Form.Kind == BallotKind.Grade) header.AddRange(t.Form.Grades.Select(g => string.Format(TallyStrings.Tally_GradePoints, g.Label, g.Points)));
            else { header.Add(TallyStrings.Tally_Marks); header.Add(TallyStrings.Tally_Score); }
            List<IReadOnlyList<object?>> rows = [[string.Format(TallyStrings.Tally_FormTitle, year, t.Name)], header];
            var byId = t.Rows.ToDictionary(r => r.Speaker.ReporterId);
            var n = 0;
            foreach (var s in speakers.Where(s => s.TrackId == t.TrackId && byId.ContainsKey(s.ReporterId)))
            {
                var r = byId[s.ReporterId];
                var cells = new List<object?> { ++n, s.PersonName ?? "", s.OrganizationName };
                if (t.Form.Kind == BallotKind.Grade) cells.AddRange(r.Tally.Grades.Select(g => (object?)g.Count));
                else { cells.Add(r.Tally.Marks); cells.Add(Rounded(r.Tally.Score)); }
                rows.Add(cells);
            }
            yield return new XlsxSheet(t.Name, [], rows);
        }
    }
}
