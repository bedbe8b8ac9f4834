using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Shuzhi.Domain.Reports;
using Shuzhi.Web.Tests.Campaigns;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Reports;

/// <summary>The track's report template page: outline choice and each rule's switch, severity and numbers.</summary>
public abstract class TrackReportRulesTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    /// <summary>The form's fields as a browser would send them, with <paramref name="change"/> applied (a null value drops the field).</summary>
    private static List<KeyValuePair<string, string>> Fields(IHtmlDocument doc, Dictionary<string, string?> change)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var el in doc.QuerySelectorAll("form[method=post]:not([action*='Logout']) input, form[method=post]:not([action*='Logout']) select, form[method=post]:not([action*='Logout']) textarea"))
        {
            var name = el.GetAttribute("name");
            if (name is null or "__RequestVerificationToken") continue;
            if (el is IHtmlInputElement i)
            {
                if (i.Type is "checkbox" or "radio" && !i.IsChecked) continue;
                fields.Add(new(name, i.Value));
            }
            else if (el is IHtmlSelectElement s) fields.Add(new(name, s.Value ?? ""));
            else if (el is IHtmlTextAreaElement t) fields.Add(new(name, t.Value));
        }
        foreach (var (k, v) in change)
        {
            if (k.EndsWith(".Enabled") || k == "Outline") fields.RemoveAll(x => x.Key == k && x.Value != "false");
            else fields.RemoveAll(x => x.Key == k);
            if (v is not null) fields.Insert(0, new(k, v));
        }
        return fields;
    }

    [Fact]
    public async Task Staff_see_the_seed_numbers_and_change_outline_and_rules()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2061);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var url = $"/Campaigns/Tracks/Report/{s.CampaignId}/{s.TrackId}";
        Assert.NotNull((await staff.GetHtmlAsync($"/Campaigns/Tracks/{s.CampaignId}")).QuerySelector($"a[href='{url}']"));
        var page = await staff.GetHtmlAsync(url);
        Assert.Equal("1500", page.QuerySelector("#r-Length-min")!.GetAttribute("value"));
        Assert.Equal("2000", page.QuerySelector("#r-Length-max")!.GetAttribute("value"));
        Assert.Equal("1/3", page.QuerySelector("#r-ProblemsShare-min")!.GetAttribute("value"));
        Assert.Equal("65", page.QuerySelector("#r-AchievementsShare-min")!.GetAttribute("value"));
        Assert.True(page.QuerySelector("#outline-keep")!.HasAttribute("checked"));

        var res = await staff.PostPairsAsync(url, Fields(page, new()
        {
            ["Outline"] = "004", ["Rules[Length].Max"] = "3000", ["Rules[Length].Min"] = "", ["Rules[ProblemsAndPlansShare].Enabled"] = null,
            ["Rules[DataFigures].Severity"] = "Advisory", ["Rules[ProblemList].Flag"] = null,
        }), url);
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var t = await f.WithDbAsync((db, _) => db.Tracks.AsNoTracking().SingleAsync(x => x.Id == s.TrackId));
        Assert.Equal("工作特色亮点", t.Outline.Sections[5].Heading);
        Assert.Null(t.Rules.Length.Min);
        Assert.Equal(3000, t.Rules.Length.Max);
        Assert.False(t.Rules.ProblemsAndPlansShare.Enabled);
        Assert.Equal(RuleSeverity.Advisory, t.Rules.DataFigures.Severity);
        Assert.False(t.Rules.ProblemList.RequireCause);
        Assert.Equal(Fraction.Of(1, 3), t.Rules.ProblemsShare.Min); // unchanged 1/3 stays exact
        Assert.Equal(ReportRules.Seed003.FirstPerson.CollectiveNouns, t.Rules.FirstPerson.CollectiveNouns);
    }

    [Fact]
    public async Task Staff_edit_the_outline_sections_and_cannot_remove_one_that_holds_written_text()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2063);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var url = $"/Campaigns/Tracks/Report/{s.CampaignId}/{s.TrackId}";
        var page = await staff.GetHtmlAsync(url);
        // Seed 003's seven headings, then two blank rows for new sections.
        Assert.Equal(9, page.QuerySelectorAll(".outline-row").Length);
        Assert.Equal("achievements.political", page.QuerySelector("input[name='Sections[1].Key']")!.GetAttribute("value"));

        // Rename the first part, drop the fourth sub-part, add a part on 上年度整改落实情况 before the problems.
        var res = await staff.PostPairsAsync(url, Fields(page, new()
        {
            ["Sections[0].Heading"] = "主要做法和成效（含数据）",
            ["Sections[4].Remove"] = "true",
            ["Sections[7].Heading"] = "上年度整改落实情况", ["Sections[7].Order"] = "55", ["Sections[7].Role"] = "Achievements",
            ["Sections[7].Required"] = "true", ["Sections[7].Guidance"] = "逐条说明上年度问题的整改情况。",
        }), url);
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var t = await f.WithDbAsync((db, _) => db.Tracks.AsNoTracking().SingleAsync(x => x.Id == s.TrackId));
        Assert.Equal(["achievements", "achievements.political", "achievements.center", "achievements.tasks", "s1", "problems", "plans"],
            t.Outline.Sections.Select(x => x.Key).ToArray());
        Assert.Equal("主要做法和成效（含数据）", t.Outline.Sections[0].Heading);
        Assert.Equal(("上年度整改落实情况", 1, SectionRole.Achievements, true, "逐条说明上年度问题的整改情况。"),
            (t.Outline.Sections[4].Heading, t.Outline.Sections[4].Level, t.Outline.Sections[4].Role, t.Outline.Sections[4].Required, t.Outline.Sections[4].Guidance));
        // The reporter's editor shows the new heading.
        var editor = await (await f.PagesAsync(D.A.SecretaryUser)).GetHtmlAsync($"/Reports/Edit/{s.Reporter1}");
        Assert.Contains("上年度整改落实情况", editor.Body!.TextContent);

        // A secretary writes in the new part: it can no longer be removed; renaming stays possible.
        var edit = $"/Reports/Edit/{s.Reporter1}";
        var texts = ReportTestKit.Seed003Texts(1000, 540, 60).ToList();
        texts.RemoveAt(4);
        texts.Insert(4, "上年度三个问题已全部整改。");
        Assert.Equal(HttpStatusCode.Redirect, (await (await f.PagesAsync(D.A.SecretaryUser)).PostPairsAsync($"{edit}?handler=Save", ReportTestKit.Fields([.. texts]), edit)).StatusCode);
        page = await staff.GetHtmlAsync(url);
        var refused = await staff.PostPairsAsync(url, Fields(page, new() { ["Sections[4].Remove"] = "true" }), url);
        Assert.Contains("“上年度整改落实情况”已有 1 份报告写了内容，不能删除", (await refused.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        var seed004 = await staff.PostPairsAsync(url, Fields(page, new() { ["Outline"] = "004" }), url);
        Assert.Contains("已有 1 份报告写了内容", (await seed004.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostPairsAsync(url, Fields(page, new() { ["Sections[4].Heading"] = "上年度问题整改情况" }), url)).StatusCode);
        t = await f.WithDbAsync((db, _) => db.Tracks.AsNoTracking().SingleAsync(x => x.Id == s.TrackId));
        Assert.Equal(("s1", "上年度问题整改情况"), (t.Outline.Sections[4].Key, t.Outline.Sections[4].Heading));

        // A sub-part first, or a heading emptied: refused in Chinese.
        page = await staff.GetHtmlAsync(url);
        var subFirst = await staff.PostPairsAsync(url, Fields(page, new() { ["Sections[0].Level"] = "2" }), url);
        Assert.Contains("提纲第一个部分须为一级标题", (await subFirst.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        var empty = await staff.PostPairsAsync(url, Fields(page, new() { ["Sections[2].Heading"] = " " }), url);
        Assert.Contains("第 3 个部分没有标题", (await empty.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
    }

    [Fact]
    public async Task Unreadable_or_contradictory_numbers_are_refused_in_chinese_and_nothing_changes()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2062);
        var staff = await f.PagesAsync(D.A.TownStaffUser);
        var url = $"/Campaigns/Tracks/Report/{s.CampaignId}/{s.TrackId}";
        var page = await staff.GetHtmlAsync(url);
        var bad = await staff.PostPairsAsync(url, Fields(page, new() { ["Rules[Length].Min"] = "2500" }), url);
        Assert.Contains("字数下限2500字高于上限2000字", (await bad.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        var text = await staff.PostPairsAsync(url, Fields(page, new() { ["Rules[ProblemsShare].Min"] = "三分之一" }), url);
        Assert.Contains("“问题及原因分析部分占比”请填写百分比", (await text.HtmlAsync()).QuerySelector("[data-error]")!.TextContent);
        var t = await f.WithDbAsync((db, _) => db.Tracks.AsNoTracking().SingleAsync(x => x.Id == s.TrackId));
        Assert.Equal(1500, t.Rules.Length.Min);

        // Upper unit's staff: not theirs; another county: not found.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await f.PagesAsync(D.A.StaffUser)).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await f.PagesAsync(D.B.StaffUser)).GetAsync(url)).StatusCode);
    }
}

public sealed class TrackReportRulesTests_Sqlite(SqliteFactory f) : TrackReportRulesTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class TrackReportRulesTests_Postgres(PostgresFactory f) : TrackReportRulesTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
