using System.Globalization;

namespace Shuzhi.Domain.Rectification;

/// <summary>An item as the bulletin counts it.</summary>
public sealed record BulletinItem(int OrganizationId, string OrganizationName, ItemState State, DateOnly Deadline, DateOnly? ClosedOn)
{
    public bool IsDone => State is ItemState.Done or ItemState.Closed;
    public bool IsOverdue(DateOnly today) => today > Deadline && !IsDone;
}

/// <summary>
/// One row of the bulletin. <see cref="Rate"/> = done / items (null without items), exact;
/// <see cref="RateText"/> shows it as a percentage with 2 decimals (66.67%).
/// </summary>
public sealed record BulletinRow(int? OrganizationId, string OrganizationName, int Items, int Done, int Closed, int ClosedInPeriod, int Overdue)
{
    public decimal? Rate => Items == 0 ? null : (decimal)Done / Items;
    public decimal? RatePercent => Rate is { } r ? Math.Round(r * 100, 2, MidpointRounding.AwayFromZero) : null;
    public string RateText => RatePercent is { } p ? p.ToString("0.00", CultureInfo.InvariantCulture) + "%" : "—";
}

public sealed record BulletinFigures(DateOnly From, DateOnly To, DateOnly AsOf, IReadOnlyList<BulletinRow> Rows, BulletinRow Total);

/// <summary>
/// 定期通报 (seed 000 四.5, seed 001 第七条 及时通报整改情况): the rectification progress per organization. Cumulative
/// as of <c>today</c>: items, done (已完成 or 已销号), closed (已销号), overdue (逾期, <see cref="PlanItem.IsOverdue"/>) and
/// the completion rate; the period adds how many were closed (销号) within it. Rows keep the order in which the
/// organizations first appear (the caller sorts by the organization tree); a total row sums them.
/// </summary>
public static class Bulletin
{
    public const string TotalName = "合计";

    public static BulletinFigures Compute(IEnumerable<BulletinItem> items, DateOnly from, DateOnly to, DateOnly today)
    {
        if (to < from) throw new DomainException("Rect.BulletinPeriodInvalid");
        var list = items.ToList();
        var rows = list.GroupBy(i => i.OrganizationId)
            .Select(g => Row(g.Key, g.First().OrganizationName, g.ToList(), from, to, today))
            .ToList();
        var total = Row(null, TotalName, list, from, to, today);
        return new BulletinFigures(from, to, today, rows, total);
    }

    private static BulletinRow Row(int? orgId, string name, IReadOnlyList<BulletinItem> g, DateOnly from, DateOnly to, DateOnly today) => new(
        orgId, name, g.Count,
        g.Count(i => i.IsDone),
        g.Count(i => i.State == ItemState.Closed),
        g.Count(i => i.State == ItemState.Closed && i.ClosedOn is { } c && c >= from && c <= to),
        g.Count(i => i.IsOverdue(today)));
}
