using System.Globalization;

namespace Shuzhi.Domain.Reports;

/// <summary>Character counts of a report, by role (<see cref="WordCount"/>), for the live counter.</summary>
public sealed record ReportStatistics(int Total, int Achievements, int Problems, int Plans, int Other, IReadOnlyList<DataFigure> Figures, FirstPersonCount FirstPerson);

/// <summary>All checks of a report. <see cref="CanSubmit"/>: no blocking check failed.</summary>
public sealed record CheckRun(IReadOnlyList<CheckResult> Results, ReportStatistics Statistics)
{
    public bool CanSubmit => Results.All(r => !r.Blocks);
    public IReadOnlyList<CheckResult> Failed => Results.Where(r => !r.Passed).ToList();
}

/// <summary>
/// Runs the enabled rules of a track on a report (issue 4, “Checks, shown live while writing and again on
/// submission”). Lengths and shares count only the text written under the outline's sections (headings
/// are the template's, not the reporter's words; text not yet placed in a section does not count).
/// A share is the characters of the sections of its roles over the characters of all sections.
/// </summary>
public static class ReportChecks
{
    public static CheckRun Run(ReportOutline outline, ReportRules rules, ReportText text, IReadOnlyList<TopicKeywords> topics, IReadOnlyList<int> rectificationItemIds)
    {
        var byRole = outline.Sections.GroupBy(s => s.Role).ToDictionary(g => g.Key, g => g.Sum(s => WordCount.Characters(text.Section(s.Key))));
        int Chars(params SectionRole[] roles) => roles.Sum(r => byRole.GetValueOrDefault(r));
        var total = byRole.Values.Sum();
        var full = text.FullText(outline);
        var figures = DataFigures.Find(full);
        var firstPerson = FirstPerson.Count(full, rules.FirstPerson);
        var stats = new ReportStatistics(total, Chars(SectionRole.Achievements, SectionRole.Highlights), Chars(SectionRole.Problems), Chars(SectionRole.Plans), Chars(SectionRole.Other), figures, firstPerson);

        var results = new List<CheckResult>();
        if (rules.RequiredSections.Enabled) results.Add(RequiredSections(outline, rules.RequiredSections, text));
        if (rules.Length.Enabled) results.Add(Length(rules.Length, total));
        if (rules.ProblemsShare.Enabled) results.Add(Share(CheckIds.ProblemsShare, rules.ProblemsShare, Chars(SectionRole.Problems), total));
        if (rules.AchievementsShare.Enabled) results.Add(Share(CheckIds.AchievementsShare, rules.AchievementsShare, stats.Achievements, total));
        if (rules.ProblemsAndPlansShare.Enabled) results.Add(Share(CheckIds.ProblemsAndPlansShare, rules.ProblemsAndPlansShare, Chars(SectionRole.Problems, SectionRole.Plans), total));
        if (rules.ProblemList.Enabled) results.Add(ProblemListCheck(rules.ProblemList, text.TextOf(outline, SectionRole.Problems)));
        if (rules.DataFigures.Enabled) results.Add(Figures(rules.DataFigures, figures));
        if (rules.Topics.Enabled) results.Add(Topics(rules.Topics, topics, full));
        if (rules.Rectification.Enabled) results.Add(Rectification(rules.Rectification, text, rectificationItemIds));
        if (rules.FirstPerson.Enabled) results.Add(FirstPersonCheck(rules.FirstPerson, firstPerson));
        return new CheckRun(results, stats);
    }

    /// <summary>
    /// A required part is written when it, or one of its sub-parts (the level-2 sections up to the next
    /// level-1 section), has at least one character.
    /// </summary>
    private static CheckResult RequiredSections(ReportOutline outline, SimpleRule rule, ReportText text)
    {
        var missing = new List<string>();
        var sections = outline.Sections;
        for (var i = 0; i < sections.Count; i++)
        {
            var s = sections[i];
            if (!s.Required) continue;
            var chars = WordCount.Characters(text.Section(s.Key));
            if (s.Level == 1)
                for (var j = i + 1; j < sections.Count && sections[j].Level > 1; j++)
                    chars += WordCount.Characters(text.Section(sections[j].Key));
            if (chars == 0) missing.Add(s.Heading);
        }
        return missing.Count == 0
            ? CheckResult.Of(CheckIds.RequiredSections, true, rule, "Check.RequiredSections.Ok", [])
            : CheckResult.Of(CheckIds.RequiredSections, false, rule, "Check.RequiredSections.Missing", [string.Join("、", missing.Select(h => $"“{h}”"))], missing);
    }

    private static CheckResult Length(LengthRule rule, int total)
    {
        if (rule.Min is { } min && total < min)
            return CheckResult.Of(CheckIds.Length, false, rule, "Check.Length.TooShort", [total, min, min - total]);
        if (rule.Max is { } max && total > max)
            return CheckResult.Of(CheckIds.Length, false, rule, "Check.Length.TooLong", [total, max, total - max]);
        return CheckResult.Of(CheckIds.Length, true, rule, "Check.Length.Ok", [total, rule.Min ?? 0, rule.Max ?? 0]);
    }

    /// <summary>
    /// Exact comparison in whole numbers. The hints: to reach a minimum n/d with part p of total T, adding x
    /// characters to the part needs (p + x)/(T + x) ≥ n/d, i.e. x ≥ (nT − dp)/(d − n); cutting y from the
    /// other parts needs p/(T − y) ≥ n/d, i.e. y ≥ (nT − dp)/n. For a maximum, symmetrically:
    /// cut x from the part, x ≥ (dp − nT)/(d − n); or add y elsewhere, y ≥ (dp − nT)/n.
    /// Shown percentages are rounded towards the failing side (floor when too low, ceiling when too high),
    /// so that a failing share never reads equal to its limit.
    /// </summary>
    private static CheckResult Share(string id, ShareRule rule, int part, int total)
    {
        if (total == 0)
            return CheckResult.Of(id, rule.Min is null || rule.Min.Numerator == 0, rule, $"Check.{id}.Empty", []);
        var actual = 100m * part / total;
        if (rule.Min is { } min && !min.MinimumMetBy(part, total))
        {
            long gap = (long)min.Numerator * total - (long)min.Denominator * part; // > 0
            var add = min.Denominator > min.Numerator ? CeilDiv(gap, min.Denominator - min.Numerator) : total - part; // a 100 % minimum: only cutting the rest helps
            var cut = CeilDiv(gap, min.Numerator);
            return CheckResult.Of(id, false, rule, $"Check.{id}.TooLow", [Percent(actual, MidpointRounding.ToZero), min.Display(), add, cut]);
        }
        if (rule.Max is { } max && !max.MaximumMetBy(part, total))
        {
            long gap = (long)max.Denominator * part - (long)max.Numerator * total; // > 0
            var cut = CeilDiv(gap, max.Denominator - max.Numerator); // max < 1 here, else it could not fail
            var add = max.Numerator > 0 ? CeilDiv(gap, max.Numerator) : 0;
            return CheckResult.Of(id, false, rule, $"Check.{id}.TooHigh", [Percent(actual, MidpointRounding.ToPositiveInfinity), max.Display(), cut, add]);
        }
        return CheckResult.Of(id, true, rule, $"Check.{id}.Ok", [Percent(actual, MidpointRounding.AwayFromZero), rule.Min?.Display() ?? "", rule.Max?.Display() ?? ""]);
    }

    private static CheckResult ProblemListCheck(ProblemListRule rule, string problemsText)
    {
        var count = ProblemList.Count(problemsText);
        var enough = count >= rule.MinProblems;
        var cause = !rule.RequireCause || ProblemList.HasCause(problemsText, rule.CausePhrases);
        var code = (enough, cause) switch
        {
            (true, true) => rule.RequireCause ? "Check.ProblemList.Ok" : "Check.ProblemList.OkNoCauseRequired",
            (false, true) => "Check.ProblemList.TooFew",
            (true, false) => "Check.ProblemList.NoCause",
            (false, false) => "Check.ProblemList.TooFewNoCause",
        };
        return CheckResult.Of(CheckIds.ProblemList, enough && cause, rule, code, [count, rule.MinProblems]);
    }

    private static CheckResult Figures(DataFiguresRule rule, IReadOnlyList<DataFigure> figures)
    {
        var items = figures.Select(f => f.Text).ToList();
        return figures.Count >= rule.MinCount
            ? CheckResult.Of(CheckIds.DataFigures, true, rule, "Check.DataFigures.Ok", [figures.Count, rule.MinCount], items)
            : CheckResult.Of(CheckIds.DataFigures, false, rule, "Check.DataFigures.TooFew", [figures.Count, rule.MinCount, rule.MinCount - figures.Count], items);
    }

    private static CheckResult Topics(SimpleRule rule, IReadOnlyList<TopicKeywords> topics, string full)
    {
        if (topics.Count == 0) return CheckResult.Of(CheckIds.Topics, true, rule, "Check.Topics.None", []);
        var missing = topics.Select(t => (Topic: t, Missing: t.MissingIn(full))).Where(x => x.Missing.Count > 0).ToList();
        if (missing.Count == 0) return CheckResult.Of(CheckIds.Topics, true, rule, "Check.Topics.Ok", [topics.Count]);
        var titles = string.Join("、", missing.Select(m => $"“{m.Topic.Title}”"));
        var words = string.Join("、", missing.SelectMany(m => m.Missing).Distinct());
        return CheckResult.Of(CheckIds.Topics, false, rule, "Check.Topics.Missing", [missing.Count, titles, words], missing.Select(m => m.Topic.Title).ToList());
    }

    /// <summary>Items are named by their position in the list the reporter sees (第1、3项), not by database id.</summary>
    private static CheckResult Rectification(RectificationRule rule, ReportText text, IReadOnlyList<int> itemIds)
    {
        if (itemIds.Count == 0) return CheckResult.Of(CheckIds.Rectification, true, rule, "Check.Rectification.None", []);
        var missing = itemIds.Select((id, i) => (Id: id, Position: i + 1))
            .Where(x => WordCount.Characters(text.Response(x.Id)) < rule.MinCharacters).ToList();
        if (missing.Count == 0) return CheckResult.Of(CheckIds.Rectification, true, rule, "Check.Rectification.Ok", [itemIds.Count]);
        return CheckResult.Of(CheckIds.Rectification, false, rule, "Check.Rectification.Missing",
            [missing.Count, string.Join("、", missing.Select(m => m.Position)), rule.MinCharacters],
            missing.Select(m => m.Id.ToString(CultureInfo.InvariantCulture)).ToList());
    }

    private static CheckResult FirstPersonCheck(FirstPersonRule rule, FirstPersonCount count)
    {
        if (count.Singular == 0)
            return CheckResult.Of(CheckIds.FirstPerson, rule.MinSingularShare.Numerator == 0, rule, "Check.FirstPerson.NoneFound", [count.Singular, count.Collective]);
        var share = 100m * count.Singular / count.Total;
        var ok = rule.MinSingularShare.MinimumMetBy(count.Singular, count.Total);
        return ok
            ? CheckResult.Of(CheckIds.FirstPerson, true, rule, "Check.FirstPerson.Ok", [count.Singular, count.Collective, Percent(share, MidpointRounding.AwayFromZero), rule.MinSingularShare.Display()])
            : CheckResult.Of(CheckIds.FirstPerson, false, rule, "Check.FirstPerson.Low", [count.Singular, count.Collective, Percent(share, MidpointRounding.ToZero), rule.MinSingularShare.Display()]);
    }

    private static string Percent(decimal percent, MidpointRounding rounding) => Fraction.FormatPercent(percent, rounding);

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;
}
