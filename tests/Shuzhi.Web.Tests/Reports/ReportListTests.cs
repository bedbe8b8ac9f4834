using System.Net;
using Shuzhi.Domain.Reports;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Tests.Campaigns;
using Shuzhi.Web.Tests.Infrastructure;

namespace Shuzhi.Web.Tests.Reports;

/// <summary>The report list: filtered by year and status, searched by organization, sorted, paged and exported as .xlsx, within scope.</summary>
public abstract class ReportListTests<TFactory>(TFactory f) where TFactory : ShuzhiFactory
{
    private TestData D => f.Data;

    [Fact]
    public async Task Staff_filter_search_sort_page_and_export_the_reporters_of_their_subtree()
    {
        var s = await ReportTestKit.TownCampaignAsync(f, D.A, 2081);
        var secretary = await f.PagesAsync(D.A.SecretaryUser);
        var edit = $"/Reports/Edit/{s.Reporter1}";
        Assert.Equal(HttpStatusCode.Redirect, (await secretary.PostPairsAsync($"{edit}?handler=Save", ReportTestKit.Fields(ReportTestKit.Good), edit)).StatusCode);
        var staff = await f.PagesAsync(D.A.TownStaffUser);

        var all = await staff.GetHtmlAsync("/Reports?year=2081");
        Assert.Equal([s.Reporter1, s.Reporter2], all.QuerySelectorAll("tr[data-reporter]").Select(r => int.Parse(r.GetAttribute("data-reporter")!)).Order());
        // Both are drafts (one not started counts as a draft); searched by the second village's name.
        Assert.Equal(2, (await staff.GetHtmlAsync("/Reports?year=2081&status=Draft")).QuerySelectorAll("tr[data-reporter]").Length);
        Assert.Empty((await staff.GetHtmlAsync("/Reports?year=2081&status=Approved")).QuerySelectorAll("tr[data-reporter]"));
        var searched = await staff.GetHtmlAsync($"/Reports?year=2081&q={Uri.EscapeDataString(D.A.Village2.Name)}");
        Assert.Equal(s.Reporter2.ToString(), Assert.Single(searched.QuerySelectorAll("tr[data-reporter]")).GetAttribute("data-reporter"));
        // Sorted by organization name, descending (ordinal, as the database compares them).
        var desc = await staff.GetHtmlAsync("/Reports?year=2081&sort=org&desc=true");
        var names = desc.QuerySelectorAll("tr[data-reporter] td:first-child").Select(td => td.ChildNodes[0].TextContent.Trim()).ToList();
        Assert.Equal(names.OrderByDescending(n => n, StringComparer.Ordinal).ToList(), names);
        // Paged: the pager counts both; a page past the end is empty.
        Assert.NotNull(all.QuerySelector("nav[aria-label] .pagination"));
        Assert.Empty((await staff.GetHtmlAsync("/Reports?year=2081&size=10&page=2")).QuerySelectorAll("tr[data-reporter]"));

        var xlsx = await staff.GetAsync("/Reports?year=2081&handler=Export");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var table = Xlsx.Read(await xlsx.Content.ReadAsStreamAsync()).Single();
        Assert.Equal(2, table.Rows.Count);
        Assert.Contains(table.Rows, r => r.Cells[0] == D.A.Village1.Name && r.Cells[3] == "草稿");

        // Another county sees none of them, also in the export.
        var other = await f.PagesAsync(D.B.StaffUser);
        Assert.Empty((await other.GetHtmlAsync("/Reports?year=2081")).QuerySelectorAll("tr[data-reporter]"));
        Assert.Empty(Xlsx.Read(await (await other.GetAsync("/Reports?year=2081&handler=Export")).Content.ReadAsStreamAsync()).Single().Rows);
    }
}

public sealed class ReportListTests_Sqlite(SqliteFactory f) : ReportListTests<SqliteFactory>(f), IClassFixture<SqliteFactory>;
public sealed class ReportListTests_Postgres(PostgresFactory f) : ReportListTests<PostgresFactory>(f), IClassFixture<PostgresFactory>;
