using Shuzhi.Domain.Reports;

namespace Shuzhi.Domain.Rectification;

/// <summary>One of last year's items with its state, as carry-over reads it.</summary>
public sealed record LastYearItem(int OrganizationId, string ProblemText, ItemState State, DateOnly Deadline);

/// <summary>An item to be answered in next year's report: the text and source <see cref="RectificationItem.Create"/> takes.</summary>
public sealed record CarriedItem(int OrganizationId, int SortOrder, string Text, string Source);

/// <summary>
/// Carry-over (seed 002 二.7, seed 003 二.6: 上年度述职评议考核整改清单落实情况): last year's items of each reporter
/// organization become the <see cref="RectificationItem"/>s its next report must answer, each with its state in
/// the source, e.g. 2023年度述职评议整改事项（已销号）; overdue ones say 逾期未完成.
/// </summary>
public static class CarryOver
{
    public static IReadOnlyList<CarriedItem> ForNextYear(int lastYear, IEnumerable<LastYearItem> items, DateOnly today) =>
        items.GroupBy(i => i.OrganizationId)
            .SelectMany(g => g.Select((i, n) => new CarriedItem(g.Key, n + 1, Problem.Fit(i.ProblemText), SourceOf(lastYear, i, today))))
            .ToList();

    public static string SourceOf(int lastYear, LastYearItem item, DateOnly today)
    {
        // No nested brackets in the source: 已完成（待核验） reads 已完成，待核验 here.
        var name = item.State == ItemState.Done ? "已完成，待核验" : PlanItem.StateName(item.State);
        var state = item.State is ItemState.NotStarted or ItemState.InProgress && today > item.Deadline ? name + "，逾期未完成" : name;
        return $"{lastYear}年度述职评议整改事项（{state}）";
    }

    /// <summary>The carried items as the entities the report editor asks to answer, in next year's campaign.</summary>
    public static IReadOnlyList<RectificationItem> ToRectificationItems(int nextCampaignId, IEnumerable<CarriedItem> carried, DateTimeOffset now) =>
        carried.Select(c => RectificationItem.Create(nextCampaignId, c.OrganizationId, c.SortOrder, c.Text, c.Source, now)).ToList();
}

/// <summary>One organization to supervise: its overdue items, and the accountability records it already has.</summary>
public sealed record SupervisionEntry(int OrganizationId, int OverdueItems, int AccountabilityRecords);

/// <summary>
/// Seed 001 第七条 避免简单以问责代替整改: every organization with overdue items is listed for supervision (督促检查),
/// whether or not it has been held accountable — accountability does not take it off the list.
/// </summary>
public static class SupervisionList
{
    public static IReadOnlyList<SupervisionEntry> For(IEnumerable<BulletinItem> items, IEnumerable<AccountabilityRecord> records, DateOnly today)
    {
        var byOrg = records.GroupBy(r => r.OrganizationId).ToDictionary(g => g.Key, g => g.Count());
        return items.Where(i => i.IsOverdue(today))
            .GroupBy(i => i.OrganizationId)
            .Select(g => new SupervisionEntry(g.Key, g.Count(), byOrg.GetValueOrDefault(g.Key)))
            .OrderByDescending(e => e.OverdueItems)
            .ToList();
    }
}
