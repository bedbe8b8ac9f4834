using Shuzhi.Domain.Reports;

namespace Shuzhi.Domain.Tests.Reports;

public class RuleFeasibilityTests
{
    [Fact]
    public void Seed_003_leaves_at_most_1_7_percent_for_plans()
    {
        // Problems ≥ 1/3 and problems + plans ≤ 35 %: plans ≤ 35 % − 1/3 = 1/60 = 1.67 %,
        // at 2000 characters ⌊2000/60⌋ = 33 characters.
        foreach (var outline in new ReportOutline?[] { null, ReportOutline.Seed003 })
        {
            var w = Assert.Single(RuleFeasibility.Check(ReportRules.Seed003, outline));
            Assert.Equal(FeasibilityKind.Tight, w.Kind);
            Assert.Equal("Feasibility.PlansSqueezedAtLength", w.Code);
            Assert.Equal(new object[] { "33.3%", "35%", "1.7%", 2000, 33L }, w.Args);
            Assert.Equal("问题及原因分析部分不少于33.3%，而存在问题和工作打算合计不超过35%，下步工作打算最多只能占全文的1.7%（按2000字计，最多约33字）。建议调整其中一条。", w.Message);
        }
    }

    [Fact]
    public void A_wider_band_is_feasible_and_the_other_seeds_warn_of_nothing()
    {
        // Achievements 60–70 %, problems and plans 30–40 %: plans may take 40 % − 1/3 = 6.7 % ≥ 5 %.
        var rules = ReportRules.Seed003 with
        {
            AchievementsShare = ReportRules.Seed003.AchievementsShare with { Min = Fraction.Percent(60) },
            ProblemsAndPlansShare = ReportRules.Seed003.ProblemsAndPlansShare with { Max = Fraction.Percent(40) },
        };
        Assert.Empty(RuleFeasibility.Check(rules, ReportOutline.Seed003));
        Assert.Empty(RuleFeasibility.Check(ReportRules.Seed000, ReportOutline.Seed003));
        Assert.Empty(RuleFeasibility.Check(ReportRules.Seed004, ReportOutline.Seed004));

        // Widening only the pair band is not enough: achievements ≥ 65 % still caps problems + plans at 35 %.
        var onlyPair = ReportRules.Seed003 with { ProblemsAndPlansShare = ReportRules.Seed003.ProblemsAndPlansShare with { Max = Fraction.Percent(40) } };
        Assert.Equal("Feasibility.PlansSqueezedByAchievements", Assert.Single(RuleFeasibility.Check(onlyPair)).Code);

        // Switching the pair rule off leaves the same squeeze through achievements; switching achievements off too frees it.
        var pairOff = ReportRules.Seed003 with { ProblemsAndPlansShare = ReportRules.Seed003.ProblemsAndPlansShare with { Enabled = false } };
        var squeeze = Assert.Single(RuleFeasibility.Check(pairOff));
        Assert.Equal("问题及原因分析部分不少于33.3%，主要做法和成效不少于65%，下步工作打算最多只能占全文的1.7%。建议调整其中一条。", squeeze.Message);
        var loose = ReportRules.Seed003 with
        {
            AchievementsShare = ReportRules.Seed003.AchievementsShare with { Enabled = false },
            ProblemsAndPlansShare = ReportRules.Seed003.ProblemsAndPlansShare with { Enabled = false },
        };
        Assert.Empty(RuleFeasibility.Check(loose));
    }

    [Fact]
    public void Contradictions_are_reported()
    {
        var s = ReportRules.Seed003;
        Assert.Contains(RuleFeasibility.Check(s with { Length = s.Length with { Min = 2500 } }), w => w.Code == "Feasibility.LengthMinAboveMax" && w.Kind == FeasibilityKind.Contradiction);

        var problemsOver = RuleFeasibility.Check(s with { ProblemsShare = s.ProblemsShare with { Min = Fraction.Percent(40) } });
        Assert.Contains(problemsOver, w => w.Code == "Feasibility.ProblemsAbovePairMax" && w.Message == "问题及原因分析部分不少于40%，而存在问题和工作打算合计不超过35%，两条要求相互矛盾。");

        // Exactly equal: plans (required) get nothing.
        var equal = RuleFeasibility.Check(s with
        {
            ProblemsShare = s.ProblemsShare with { Min = Fraction.Percent(35) },
            AchievementsShare = s.AchievementsShare with { Enabled = false },
        });
        Assert.Equal("Feasibility.PlansNoRoom", Assert.Single(equal).Code);
        // … unless the outline has no required plans part.
        var noPlans = new ReportOutline(ReportOutline.Seed003.Sections.Where(x => x.Role != SectionRole.Plans).ToList());
        Assert.Empty(RuleFeasibility.Check(s with
        {
            ProblemsShare = s.ProblemsShare with { Min = Fraction.Percent(35) },
            AchievementsShare = s.AchievementsShare with { Enabled = false },
        }, noPlans));

        var above100 = RuleFeasibility.Check(s with { AchievementsShare = s.AchievementsShare with { Min = Fraction.Percent(70), Max = Fraction.Percent(75) }, ProblemsAndPlansShare = s.ProblemsAndPlansShare with { Min = Fraction.Percent(35) } });
        Assert.Contains(above100, w => w.Code == "Feasibility.BandsAbove100");
        Assert.Contains(above100, w => w.Code == "Feasibility.ProblemsAndAchievementsAbove100"); // 70 % + 1/3 > 100 %

        var below100 = s with { AchievementsShare = s.AchievementsShare with { Min = Fraction.Percent(50), Max = Fraction.Percent(60) } };
        Assert.Contains(RuleFeasibility.Check(below100, ReportOutline.Seed003), w => w.Code == "Feasibility.BandsBelow100" && w.Message.Contains("60%") && w.Message.Contains("35%"));
        // An outline with another part can fill the gap.
        var withOther = new ReportOutline([.. ReportOutline.Seed003.Sections, new OutlineSection("other", 1, "其他", "", SectionRole.Other, false)]);
        Assert.DoesNotContain(RuleFeasibility.Check(below100, withOther), w => w.Code == "Feasibility.BandsBelow100");

        var reversed = RuleFeasibility.Check(s with { AchievementsShare = s.AchievementsShare with { Min = Fraction.Percent(70), Max = Fraction.Percent(65) } });
        Assert.Contains(reversed, w => w.Code == "Feasibility.AchievementsShare.MinAboveMax" && w.Message == "主要做法和成效（含特色亮点）部分的占比下限70%高于上限65%，无法满足。");
    }

    [Fact]
    public void Share_rules_need_a_part_in_the_outline()
    {
        var noProblems = new ReportOutline(ReportOutline.Seed003.Sections.Where(x => x.Role != SectionRole.Problems).ToList());
        var w = RuleFeasibility.Check(ReportRules.Seed003, noProblems);
        Assert.Contains(w, x => x.Code == "Feasibility.ProblemsShare.NoSection");
        Assert.Contains(w, x => x.Code == "Feasibility.ProblemListWithoutSection");
    }
}
