namespace Shuzhi.Domain.Scoring;

/// <summary>A scored item of a sheet (检查考核表): key, title, criteria text and maximum points.</summary>
public sealed record SheetItem(string Key, string Title, string Criteria, decimal MaxPoints);

/// <summary>A bonus (加分) or deduction (减分) item with its maximum points.</summary>
public sealed record AdjustmentItem(string Key, string Title, decimal MaxPoints);

/// <summary>A veto item (一票否决): when triggered, the reporter's grade is at best <see cref="ForcedGrade"/>.</summary>
public sealed record VetoItem(string Key, string Title, Grade ForcedGrade);

/// <summary>
/// A sheet template (检查考核表), a value object stored as JSON with the track. The items' maximum points sum to
/// <see cref="Total"/>; bonus points count up to <see cref="BonusCap"/>, deductions up to <see cref="DeductionCap"/>.
/// See docs/scoring.md.
/// </summary>
public sealed record SheetTemplate(
    string Title, decimal Total, IReadOnlyList<SheetItem> Items,
    IReadOnlyList<AdjustmentItem> Bonuses, decimal BonusCap,
    IReadOnlyList<AdjustmentItem> Deductions, decimal DeductionCap,
    IReadOnlyList<VetoItem> Vetoes)
{
    public const int MaxDecimals = 1;

    /// <summary>Every rule the template breaks, as (code, args); empty when valid.</summary>
    public IReadOnlyList<(string Code, object[] Args)> Validate()
    {
        var errors = new List<(string, object[])>();
        if (string.IsNullOrWhiteSpace(Title)) errors.Add(("Scoring.SheetTitleRequired", []));
        if (Items.Count == 0) errors.Add(("Scoring.SheetNoItems", []));
        foreach (var i in Items)
        {
            if (string.IsNullOrWhiteSpace(i.Title)) errors.Add(("Scoring.ItemTitleRequired", [i.Key]));
            if (i.MaxPoints <= 0) errors.Add(("Scoring.ItemMaxNotPositive", [i.Title]));
            else if (!HasAtMostOneDecimal(i.MaxPoints)) errors.Add(("Scoring.PointsPrecision", [i.Title]));
        }
        foreach (var a in Bonuses.Concat(Deductions))
        {
            if (string.IsNullOrWhiteSpace(a.Title)) errors.Add(("Scoring.ItemTitleRequired", [a.Key]));
            if (a.MaxPoints <= 0) errors.Add(("Scoring.ItemMaxNotPositive", [a.Title]));
        }
        foreach (var v in Vetoes)
            if (string.IsNullOrWhiteSpace(v.Title)) errors.Add(("Scoring.ItemTitleRequired", [v.Key]));
        var keys = Items.Select(i => i.Key).Concat(Bonuses.Select(b => b.Key)).Concat(Deductions.Select(d => d.Key)).Concat(Vetoes.Select(v => v.Key)).ToList();
        if (keys.Any(string.IsNullOrWhiteSpace)) errors.Add(("Scoring.ItemKeyRequired", []));
        var duplicate = keys.Where(k => !string.IsNullOrWhiteSpace(k)).GroupBy(k => k).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) errors.Add(("Scoring.DuplicateItemKey", [duplicate.Key]));
        if (Total <= 0) errors.Add(("Scoring.SheetTotalNotPositive", []));
        var sum = Items.Sum(i => i.MaxPoints);
        if (Items.Count > 0 && sum != Total) errors.Add(("Scoring.ItemsNotTotal", [sum, Total]));
        if (BonusCap < 0 || DeductionCap < 0) errors.Add(("Scoring.CapNegative", []));
        return errors;
    }

    public SheetTemplate EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0) throw new DomainException(errors[0].Code, errors[0].Args);
        return this;
    }

    /// <summary>
    /// Checks the points given so far (a draft may leave items out): each known key, 0..max, at most one decimal.
    /// </summary>
    public void CheckPartial(SheetScores scores)
    {
        CheckGroup(scores.Items, Items.ToDictionary(i => i.Key, i => (i.Title, i.MaxPoints)));
        CheckGroup(scores.Bonuses, Bonuses.ToDictionary(i => i.Key, i => (i.Title, i.MaxPoints)));
        CheckGroup(scores.Deductions, Deductions.ToDictionary(i => i.Key, i => (i.Title, i.MaxPoints)));
        var vetoKeys = Vetoes.Select(v => v.Key).ToHashSet();
        var unknownVeto = scores.Vetoes.FirstOrDefault(v => !vetoKeys.Contains(v));
        if (unknownVeto is not null) throw new DomainException("Scoring.UnknownItem", unknownVeto);
        if (scores.Notes.Length > SheetScores.MaxNotes) throw new DomainException("Scoring.NotesTooLong", SheetScores.MaxNotes);
    }

    private static void CheckGroup(IReadOnlyDictionary<string, decimal> given, Dictionary<string, (string Title, decimal Max)> items)
    {
        foreach (var (key, points) in given)
        {
            if (!items.TryGetValue(key, out var item)) throw new DomainException("Scoring.UnknownItem", key);
            if (points < 0) throw new DomainException("Scoring.PointsNegative", item.Title);
            if (points > item.Max) throw new DomainException("Scoring.PointsAboveMax", item.Title, item.Max);
            if (!HasAtMostOneDecimal(points)) throw new DomainException("Scoring.PointsPrecision", item.Title);
        }
    }

    /// <summary>
    /// The total of a complete sheet: Σ items + min(Σ bonus, cap) − min(Σ deductions, cap), floored at 0;
    /// every item must be scored. Triggered vetoes force the worst of their grades.
    /// </summary>
    public SheetResult Score(SheetScores scores)
    {
        CheckPartial(scores);
        var missing = Items.FirstOrDefault(i => !scores.Items.ContainsKey(i.Key));
        if (missing is not null) throw new DomainException("Scoring.ItemNotScored", missing.Title);
        var itemSum = Items.Sum(i => scores.Items[i.Key]);
        var bonusRaw = scores.Bonuses.Values.Sum();
        var deductionRaw = scores.Deductions.Values.Sum();
        var bonus = Math.Min(bonusRaw, BonusCap);
        var deduction = Math.Min(deductionRaw, DeductionCap);
        var total = Math.Max(0m, itemSum + bonus - deduction);
        Grade? forced = null;
        foreach (var v in Vetoes.Where(v => scores.Vetoes.Contains(v.Key)))
            forced = forced is null ? v.ForcedGrade : Grades.Worse(forced.Value, v.ForcedGrade);
        return new SheetResult(itemSum, bonusRaw, bonus, deductionRaw, deduction, total, Total, forced);
    }

    public static bool HasAtMostOneDecimal(decimal d) => d * 10 == decimal.Truncate(d * 10);

    /// <summary>Seed 000: 检查考核表, 12 items, 100 points (序号 1–12 with their 分值); no bonus, deduction or veto items.</summary>
    public static SheetTemplate Seed000 { get; } = new(
        "基层党组织书记抓基层党建工作检查考核表", 100m,
        [
            new("1", "党费管理使用情况", "", 5m),
            new("2", "“三会一课”制度落实情况", "", 15m),
            new("3", "“主题党日”活动开展情况", "", 15m),
            new("4", "特色支部活动开展情况", "", 10m),
            new("5", "党员模范作用发挥情况", "", 10m),
            new("6", "组织开展落实情况", "", 5m),
            new("7", "理论学习教育培训", "", 10m),
            new("8", "党风廉政建设目标责任制落实情况", "", 10m),
            new("9", "精神文明校园建设开展情况", "", 5m),
            new("10", "统战工作开展情况", "", 5m),
            new("11", "基层纪检委员发挥作用情况", "", 5m),
            new("12", "遵守纪律规矩情况", "", 5m),
        ],
        [], 0m, [], 0m, []);
}

/// <summary>A filled (or partly filled) sheet: points per item, bonus and deduction points, triggered vetoes, notes.</summary>
public sealed record SheetScores(
    IReadOnlyDictionary<string, decimal> Items,
    IReadOnlyDictionary<string, decimal> Bonuses,
    IReadOnlyDictionary<string, decimal> Deductions,
    IReadOnlyList<string> Vetoes,
    string Notes)
{
    public const int MaxNotes = 4000;

    public static SheetScores Empty { get; } = new(new Dictionary<string, decimal>(), new Dictionary<string, decimal>(), new Dictionary<string, decimal>(), [], "");
}

/// <summary>The figures of a scored sheet; <see cref="Total"/> out of <see cref="Scale"/> (the template total).</summary>
public sealed record SheetResult(decimal ItemSum, decimal BonusRaw, decimal Bonus, decimal DeductionRaw, decimal Deduction,
    decimal Total, decimal Scale, Grade? ForcedGrade);
