using Shuzhi.Domain.Scoring;

namespace Shuzhi.Domain.Tests.Scoring;

public class SheetTests
{
    private static readonly DateTimeOffset Now = new(2024, 1, 15, 9, 0, 0, TimeSpan.FromHours(8));

    // Items 40 + 35 + 25 = 100; bonus b1, b2 (3 each) capped at 5; deductions d1, d2 (10 each) capped at 8.
    private static readonly SheetTemplate T = new("测试表", 100m,
        [new("a", "甲", "标准甲", 40m), new("b", "乙", "标准乙", 35m), new("c", "丙", "标准丙", 25m)],
        [new("b1", "加分一", 3m), new("b2", "加分二", 3m)], 5m,
        [new("d1", "减分一", 10m), new("d2", "减分二", 10m)], 8m,
        [new("v1", "严重违纪", Grade.Poor), new("v2", "较重问题", Grade.Average)]);

    private static SheetScores S(decimal? a, decimal? b, decimal? c, (string, decimal)[]? bonus = null, (string, decimal)[]? ded = null, string[]? veto = null)
    {
        var items = new Dictionary<string, decimal>();
        if (a is { } x) items["a"] = x;
        if (b is { } y) items["b"] = y;
        if (c is { } z) items["c"] = z;
        return new SheetScores(items, (bonus ?? []).ToDictionary(p => p.Item1, p => p.Item2), (ded ?? []).ToDictionary(p => p.Item1, p => p.Item2), veto ?? [], "");
    }

    private static string Code(Action a) => Assert.Throws<DomainException>(a).Code;

    [Fact]
    public void Seed000_has_its_12_items_and_100_points()
    {
        var t = SheetTemplate.Seed000;
        Assert.Empty(t.Validate());
        Assert.Equal(12, t.Items.Count);
        // 5 + 15 + 15 + 10 + 10 + 5 + 10 + 10 + 5 + 5 + 5 + 5 = 100
        Assert.Equal([5m, 15m, 15m, 10m, 10m, 5m, 10m, 10m, 5m, 5m, 5m, 5m], t.Items.Select(i => i.MaxPoints));
        Assert.Equal(100m, t.Total);
        Assert.Equal("党费管理使用情况", t.Items[0].Title);
        Assert.Equal("“三会一课”制度落实情况", t.Items[1].Title);
        Assert.Equal("遵守纪律规矩情况", t.Items[11].Title);
    }

    [Fact]
    public void Validate_reports_each_broken_rule()
    {
        Assert.Contains((T with { Items = [] }).Validate(), e => e.Code == "Scoring.SheetNoItems");
        Assert.Contains((T with { Items = [new("a", "甲", "", 0m), new("b", "乙", "", 100m)] }).Validate(), e => e.Code == "Scoring.ItemMaxNotPositive");
        Assert.Contains((T with { Items = [new("a", "甲", "", 50m), new("a", "乙", "", 50m)] }).Validate(), e => e.Code == "Scoring.DuplicateItemKey");
        // A bonus key equal to an item key is a duplicate too.
        Assert.Contains((T with { Bonuses = [new("a", "加分", 3m)] }).Validate(), e => e.Code == "Scoring.DuplicateItemKey");
        // 40 + 35 + 20 = 95 ≠ 100
        var notTotal = (T with { Items = [new("a", "甲", "", 40m), new("b", "乙", "", 35m), new("c", "丙", "", 20m)] }).Validate();
        Assert.Contains(notTotal, e => e.Code == "Scoring.ItemsNotTotal" && (decimal)e.Args[0] == 95m);
        Assert.Contains((T with { BonusCap = -1m }).Validate(), e => e.Code == "Scoring.CapNegative");
        Assert.Contains((T with { DeductionCap = -0.5m }).Validate(), e => e.Code == "Scoring.CapNegative");
        Assert.Empty(T.Validate());
        Assert.Equal("Scoring.SheetNoItems", Code(() => (T with { Items = [] }).EnsureValid()));
    }

    [Fact]
    public void Score_sums_items_caps_bonus_and_deductions()
    {
        // Items 36.5 + 30 + 20 = 86.5; bonus 3 + 3 = 6 → cap 5; deduction 4 → 4; 86.5 + 5 − 4 = 87.5.
        var r = T.Score(S(36.5m, 30m, 20m, [("b1", 3m), ("b2", 3m)], [("d1", 4m)]));
        Assert.Equal(86.5m, r.ItemSum);
        Assert.Equal(6m, r.BonusRaw);
        Assert.Equal(5m, r.Bonus);
        Assert.Equal(4m, r.Deduction);
        Assert.Equal(87.5m, r.Total);
        Assert.Equal(100m, r.Scale);
        Assert.Null(r.ForcedGrade);

        // Full marks plus capped bonus: 100 + min(6, 5) = 105 — a sheet may exceed its total by the bonus cap.
        Assert.Equal(105m, T.Score(S(40m, 35m, 25m, [("b1", 3m), ("b2", 3m)])).Total);
    }

    [Fact]
    public void Score_is_floored_at_zero()
    {
        // Items 5 + 0 + 0 = 5; deductions 10 + 10 = 20 → cap 8; 5 − 8 = −3 → 0.
        var r = T.Score(S(5m, 0m, 0m, ded: [("d1", 10m), ("d2", 10m)]));
        Assert.Equal(20m, r.DeductionRaw);
        Assert.Equal(8m, r.Deduction);
        Assert.Equal(0m, r.Total);
    }

    [Fact]
    public void Score_refuses_points_out_of_range_or_too_precise_and_unknown_or_missing_items()
    {
        Assert.Equal("Scoring.PointsAboveMax", Code(() => T.Score(S(40.5m, 30m, 20m))));
        Assert.Equal("Scoring.PointsNegative", Code(() => T.Score(S(-1m, 30m, 20m))));
        Assert.Equal("Scoring.PointsPrecision", Code(() => T.Score(S(12.25m, 30m, 20m))));
        Assert.Equal("Scoring.PointsAboveMax", Code(() => T.Score(S(40m, 30m, 20m, [("b1", 3.5m)]))));
        Assert.Equal("Scoring.UnknownItem", Code(() => T.Score(S(40m, 30m, 20m, [("zz", 1m)]))));
        Assert.Equal("Scoring.UnknownItem", Code(() => T.Score(S(40m, 30m, 20m, veto: ["nope"]))));
        Assert.Equal("Scoring.ItemNotScored", Code(() => T.Score(S(40m, null, 20m))));
        // 12.5 has one decimal: fine.
        Assert.Equal(62.5m, T.Score(S(12.5m, 30m, 20m)).Total);
    }

    [Fact]
    public void Vetoes_force_the_worst_of_their_grades()
    {
        Assert.Equal(Grade.Average, T.Score(S(40m, 35m, 25m, veto: ["v2"])).ForcedGrade);
        Assert.Equal(Grade.Poor, T.Score(S(40m, 35m, 25m, veto: ["v2", "v1"])).ForcedGrade);
    }

    [Fact]
    public void Sheet_is_filled_as_a_draft_submitted_locked_and_reopened_with_a_reason()
    {
        var sheet = InspectionSheet.ForTemplate(1, 7, SheetKind.FieldInspection, T, "u1", "张三", null);
        sheet.Fill(S(30m, null, null));                       // partial draft: fine
        Assert.Equal("Scoring.ItemNotScored", Code(() => sheet.Submit(Now)));
        Assert.Equal("Scoring.PointsAboveMax", Code(() => sheet.Fill(S(30m, 36m, null))));
        sheet.Fill(S(30m, 30m, 20m) with { Notes = "  现场查看党员活动室  " });
        sheet.Submit(Now);
        Assert.Equal(SheetState.Submitted, sheet.State);
        Assert.Equal(80m, sheet.Result()!.Total);             // 30 + 30 + 20
        Assert.Equal("现场查看党员活动室", sheet.Notes);

        Assert.Equal("Scoring.SheetSubmitted", Code(() => sheet.Fill(S(40m, 30m, 20m))));
        Assert.Equal("Scoring.SheetSubmitted", Code(() => sheet.Submit(Now)));
        Assert.Equal("Scoring.ReasonRequired", Code(() => sheet.Reopen("  ", "staff", Now)));

        sheet.Reopen("检查人员误填第一项", "staff", Now.AddHours(1));
        Assert.Equal(SheetState.Draft, sheet.State);
        Assert.Equal("检查人员误填第一项", Assert.Single(sheet.Reopenings).Reason);
        sheet.Fill(S(40m, 30m, 20m));
        sheet.Submit(Now.AddHours(2));
        Assert.Equal(90m, sheet.Result()!.Total);
        Assert.Equal("Scoring.SheetNotSubmitted", Code(() => InspectionSheet.ForTemplate(1, 7, SheetKind.FieldInspection, T, "u1", "张三", null).Reopen("x", "s", Now)));
    }

    [Fact]
    public void Direct_scores_are_for_reviews_only_and_need_a_note()
    {
        Assert.Equal("Scoring.DirectNotAllowed", Code(() => InspectionSheet.Direct(1, 7, SheetKind.FieldInspection, "u1", "张三", null)));
        Assert.Equal("Scoring.DirectNotAllowed", Code(() => InspectionSheet.Direct(1, 7, SheetKind.CrossInspection, null, "", 5)));
        Assert.True(InspectionSheet.Direct(1, 7, SheetKind.ReportEvaluation, "u1", "李四", null).IsDirect);
        Assert.Equal(Shuzhi.Domain.Campaigns.ScoreComponent.ReportEvaluation, SheetKind.ReportEvaluation.Component());
        var d = InspectionSheet.Direct(1, 7, SheetKind.DailyReview, "u2", "组织部", null);
        Assert.True(d.IsDirect);
        Assert.Equal("Scoring.PointsAboveMax", Code(() => d.SetDirect(100.5m, "x")));
        Assert.Equal("Scoring.PointsPrecision", Code(() => d.SetDirect(88.25m, "x")));
        Assert.Equal("Scoring.SheetIsDirect", Code(() => d.Fill(S(1m, 1m, 1m))));
        Assert.Equal("Scoring.DirectScoreRequired", Code(() => d.Submit(Now)));
        d.SetDirect(88.5m, " ");
        Assert.Equal("Scoring.DirectNoteRequired", Code(() => d.Submit(Now)));
        d.SetDirect(88.5m, "日常工作扎实，报送材料及时");
        d.Submit(Now);
        var r = d.Result()!;
        Assert.Equal(88.5m, r.Total);
        Assert.Equal(100m, r.Scale);
    }

    [Fact]
    public void A_sheet_needs_an_inspector_and_cross_inspection_an_inspecting_unit()
    {
        Assert.Equal("Scoring.InspectorRequired", Code(() => InspectionSheet.ForTemplate(1, 7, SheetKind.FieldInspection, T, " ", "", null)));
        Assert.Equal("Scoring.InspectingUnitRequired", Code(() => InspectionSheet.ForTemplate(1, 7, SheetKind.CrossInspection, T, "u1", "张三", null)));
        var cross = InspectionSheet.ForTemplate(1, 7, SheetKind.CrossInspection, T, null, "", 42);
        Assert.Equal(42, cross.InspectingOrganizationId);
        Assert.Equal("Scoring.ItemsNotTotal", Code(() => InspectionSheet.ForTemplate(1, 7, SheetKind.FieldInspection, T with { Total = 90m }, "u1", "张三", null)));
    }
}
