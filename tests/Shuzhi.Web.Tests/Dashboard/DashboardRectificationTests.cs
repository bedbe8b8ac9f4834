using System.Net;
using AngleSharp.Html.Dom;
using Shuzhi.Domain.Rectification;
using Shuzhi.Web.Tests.Infrastructure;
using Shuzhi.Web.Tests.Reports;

namespace Shuzhi.Web.Tests.Dashboard;

/// <summary>
/// The rectification figures of the dashboard (整改完成率、逾期率, issue 8) against plans and items arranged through the
/// domain, counted by hand; the clock stands at 2024-01-15 (the factory's), so a deadline of 2024-01-14 has passed and one of
/// 2024-01-15 has not (the deadline day is in time).
/// </summary>
public abstract class DashboardRectificationTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    private static readonly DateOnly PlanDate = new(2024, 1, 2);
    private static readonly DateOnly Past = new(2024, 1, 14);
    private static readonly DateOnly Today = new(2024, 1, 15);
    private static readonly DateOnly Later = new(2024, 3, 1);

    private enum Step { None, Start, Done, Close }

    /// <summary>A plan of the reporter with one item per (deadline, step); filed and accepted when <paramref name="accept"/>, filed only when <paramref name="file"/>.</summary>
    private Task PlanAsync(int campaignId, int reporterId, int orgId, DateOnly filingDeadline, bool file, bool accept, params (DateOnly Deadline, Step Step)[] items) => f.WithDbAsync(async db =>
    {
        var now = f.Clock.GetUtcNow();
        var problems = items.Select((_, n) => Problem.Create(campaignId, reporterId, orgId, $"问题{n + 1}：组织生活不规范。", ProblemSource.Staff("年度考核"), now)).ToList();
        db.RectProblems.AddRange(problems);
        await db.SaveChangesAsync();
        var plan = RectificationPlan.Create(campaignId, reporterId, orgId, filingDeadline, PlanDate);
        var planned = items.Select((x, n) => plan.AddItem(problems[n].Id, "落实整改措施。", "村党支部", x.Deadline, "问题整改到位。")).ToList();
        if (file || accept) plan.File(problems.Select(p => p.Id).ToList(), PlanDate);
        if (accept) plan.Accept("镇组织委员", now);
        for (var n = 0; n < items.Length; n++)
        {
            var item = planned[n];
            if (items[n].Step >= Step.Start) item.Start("村书记", now);
            if (items[n].Step >= Step.Done) { item.AddNote("已整改。", "村书记", now); item.MarkDone("村书记", now); }
            if (items[n].Step >= Step.Close) item.Close("镇组织委员", Today);
        }
        db.RectPlans.Add(plan);
        await db.SaveChangesAsync();
    });

    /// <summary>
    /// County A, town campaign of <paramref name="year"/>: village 1's accepted plan with six items — closed, done (waiting for
    /// verification), in progress past its deadline, not started due today, not started due later, in progress due later:
    /// done 2, overdue 1, in progress 3 (33.33 %, 16.67 %); village 2's draft plan, not filed past its deadline.
    /// The year before: one accepted plan with one overdue item (not counted in <paramref name="year"/>).
    /// County B, same year: village 1's accepted plan with two items not started past their deadline; village 2's plan filed.
    /// </summary>
    private async Task<(ReportTestKit.Setup A, ReportTestKit.Setup B)> ArrangeAsync(int year)
    {
        var a = await ReportTestKit.TownCampaignAsync(f, D.A, year);
        var prev = await ReportTestKit.TownCampaignAsync(f, D.A, year - 1);
        var b = await ReportTestKit.TownCampaignAsync(f, D.B, year);
        await PlanAsync(a.CampaignId, a.Reporter1, D.A.Village1.Id, Later, true, true,
            (Past, Step.Close), (Past, Step.Done), (Past, Step.Start), (Today, Step.None), (Later, Step.None), (Later, Step.Start));
        await PlanAsync(a.CampaignId, a.Reporter2, D.A.Village2.Id, Past, false, false, (Later, Step.None));
        await PlanAsync(prev.CampaignId, prev.Reporter1, D.A.Village1.Id, Later, true, true, (Past, Step.None));
        await PlanAsync(b.CampaignId, b.Reporter1, D.B.Village1.Id, Later, true, true, (Past, Step.None), (Past, Step.None));
        await PlanAsync(b.CampaignId, b.Reporter2, D.B.Village2.Id, Later, true, false, (Later, Step.None));
        return (a, b);
    }

    private static Dictionary<string, string[]> Table(IHtmlDocument page, string chart) =>
        page.QuerySelectorAll($"[data-table='{chart}'] tbody tr").ToDictionary(
            tr => tr.Children[0].TextContent.Trim(),
            tr => tr.Children.Skip(1).Select(td => td.TextContent.Trim()).ToArray());

    private static string[] Headers(IHtmlDocument page, string chart) =>
        page.QuerySelectorAll($"[data-table='{chart}'] thead th").Select(th => th.TextContent.Trim()).ToArray();

    [Fact]
    public async Task A_county_sees_the_items_states_and_rates_of_its_own_subtree()
    {
        const int year = 2031;
        await ArrangeAsync(year);
        var page = await (await f.PagesAsync(D.A.ViewerUser)).GetHtmlAsync($"/Dashboard?year={year}");

        Assert.Equal(["党组织类别", "已完成", "整改中（未逾期）", "逾期未完成"], Headers(page, "rect-items"));
        var items = Table(page, "rect-items");
        Assert.Equal(["2", "3", "1"], Assert.Single(items, x => x.Key == "党支部").Value);
        Assert.Single(items);

        Assert.Equal(["党组织类别", "整改事项", "完成率（%）", "逾期率（%）"], Headers(page, "rect-rates"));
        var rates = Table(page, "rect-rates");
        Assert.Equal(["合计", "党支部"], rates.Keys.ToArray());
        Assert.Equal(["6", "33.33", "16.67"], rates["合计"]);
        Assert.Equal(["6", "33.33", "16.67"], rates["党支部"]);
        Assert.NotNull(page.QuerySelector("[data-section='rect-rates'] [data-note]"));

        // Plans: village 2's draft is past its filing deadline; village 1's is accepted. County B's are not here.
        var plans = Table(page, "rect-plans");
        Assert.Equal(["1", "1"], plans["制定中"]);
        Assert.Equal(["0", "0"], plans["已报送，待审核"]);
        Assert.Equal(["1", "0"], plans["审核通过，整改中"]);
        Assert.Equal(["0", "0"], plans["已退回"]);

        // The numbers for the charts are the table's: the rates as hundredths of a percent, marked as such.
        var json = page.QuerySelector("script#dashboard-data")!.TextContent;
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var chart = doc.RootElement.EnumerateArray().Single(c => c.GetProperty("id").GetString() == "rect-rates");
        var done = chart.GetProperty("series")[1];
        Assert.True(done.GetProperty("hundredths").GetBoolean());
        Assert.Equal([3333, 3333], done.GetProperty("values").EnumerateArray().Select(v => v.GetInt32()).ToArray());
    }

    [Fact]
    public async Task County_b_sees_only_its_own_items()
    {
        const int year = 2041;
        await ArrangeAsync(year);
        var page = await (await f.PagesAsync(D.B.ViewerUser)).GetHtmlAsync($"/Dashboard?year={year}");
        Assert.Equal(["0", "0", "2"], Table(page, "rect-items")["党支部"]);
        Assert.Equal(["2", "0.00", "100.00"], Table(page, "rect-rates")["合计"]);
        var plans = Table(page, "rect-plans");
        Assert.Equal(["0", "0"], plans["制定中"]);
        Assert.Equal(["1", "0"], plans["已报送，待审核"]);
        Assert.Equal(["1", "0"], plans["审核通过，整改中"]);
        Assert.DoesNotContain("甲县", page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task The_year_kind_unit_and_track_filters_narrow_the_rectification_figures()
    {
        const int year = 2051;
        await ArrangeAsync(year);
        var viewer = await f.PagesAsync(D.A.ViewerUser);
        // The year before: one plan, one overdue item.
        var before = await viewer.GetHtmlAsync($"/Dashboard?year={year - 1}");
        Assert.Equal(["1", "0.00", "100.00"], Table(before, "rect-rates")["合计"]);
        // Villages and branches have them all; party committees and communities none.
        Assert.Equal(["6", "33.33", "16.67"], Table(await viewer.GetHtmlAsync($"/Dashboard?year={year}&kind=Branch&unit=Village"), "rect-rates")["合计"]);
        var committees = await viewer.GetHtmlAsync($"/Dashboard?year={year}&kind=PartyCommittee");
        Assert.Empty(Table(committees, "rect-rates"));
        Assert.NotNull(committees.QuerySelector("[data-section='rect-items'] [data-empty]"));
        Assert.Equal(["0", "0"], Table(committees, "rect-plans")["制定中"]);
        Assert.Empty(Table(await viewer.GetHtmlAsync($"/Dashboard?year={year}&unit=Community"), "rect-items"));
        // The track: the campaign's own track has everything, another track nothing.
        var track = await viewer.GetHtmlAsync($"/Dashboard?year={year}&track=" + Uri.EscapeDataString("村（社区）党组织书记"));
        Assert.Equal(["2", "3", "1"], Table(track, "rect-items")["党支部"]);
        Assert.Equal(["1", "1"], Table(track, "rect-plans")["制定中"]);
        var other = await viewer.GetHtmlAsync($"/Dashboard?year={year}&track=" + Uri.EscapeDataString("乡镇党委书记"));
        Assert.Empty(Table(other, "rect-items"));
        Assert.Equal(["0", "0"], Table(other, "rect-plans")["审核通过，整改中"]);
    }

    [Fact]
    public async Task The_xlsx_holds_the_rates_and_counts_of_the_tables()
    {
        const int year = 2061;
        await ArrangeAsync(year);
        var viewer = await f.PagesAsync(D.A.ViewerUser);
        var res = await viewer.GetAsync($"/Dashboard?year={year}&handler=Export&chart=rect-rates");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var table = Assert.Single(Shuzhi.Web.Documents.Xlsx.Read(await res.Content.ReadAsStreamAsync()));
        Assert.Equal(["党组织类别", "整改事项", "完成率（%）", "逾期率（%）"], table.Headers);
        var rows = table.Rows.ToDictionary(r => r.Cells[0], r => r.Cells.Skip(1).ToArray());
        Assert.Equal(["6", "33.33", "16.67"], rows["合计"]);
        var all = Shuzhi.Web.Documents.Xlsx.Read(await (await viewer.GetAsync($"/Dashboard?year={year}&handler=Export")).Content.ReadAsStreamAsync());
        var items = all.Single(t => t.SheetName == "整改事项完成情况（按组织类别）");
        Assert.Equal(["党支部", "2", "3", "1"], Assert.Single(items.Rows).Cells.ToArray());
        Assert.Equal(["1", "1"], all.Single(t => t.SheetName == "整改方案报送情况").Rows.Single(r => r.Cells[0] == "制定中").Cells.Skip(1).ToArray());
    }
}

public sealed class DashboardRectificationTests_Sqlite(SqliteFactory f) : DashboardRectificationTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class DashboardRectificationTests_Postgres(PostgresFactory f) : DashboardRectificationTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
