using Shuzhi.Domain.Rectification;

namespace Shuzhi.Domain.Tests.Rectification;

public class BulletinCarryOverTests
{
    private static readonly DateOnly Today = new(2024, 5, 10);
    private static readonly DateOnly From = new(2024, 4, 1);
    private static readonly DateOnly To = new(2024, 4, 30);

    private static BulletinItem I(int org, ItemState s, string deadline, string? closed = null) =>
        new(org, org == 1 ? "东村党支部" : org == 2 ? "西村党支部" : "南村党支部", s, DateOnly.Parse(deadline), closed is null ? null : DateOnly.Parse(closed));

    // 东村: 3 items — closed on 4-15 (in the period), done (待核验), in progress due 5-31 (not overdue).
    // 西村: 4 items — closed on 3-20 (before the period), not started due 4-30 (overdue), in progress due 5-9 (overdue),
    //        in progress due 5-10 (due today: not overdue).
    // 南村: 1 item — not started due 3-31 (overdue).
    private static readonly BulletinItem[] Items =
    [
        I(1, ItemState.Closed, "2024-04-30", "2024-04-15"),
        I(2, ItemState.Closed, "2024-03-31", "2024-03-20"),
        I(1, ItemState.Done, "2024-04-30"),
        I(2, ItemState.NotStarted, "2024-04-30"),
        I(1, ItemState.InProgress, "2024-05-31"),
        I(2, ItemState.InProgress, "2024-05-09"),
        I(2, ItemState.InProgress, "2024-05-10"),
        I(3, ItemState.NotStarted, "2024-03-31"),
    ];

    [Fact]
    public void Figures_per_organization_and_total_hand_computed()
    {
        var b = Bulletin.Compute(Items, From, To, Today);
        Assert.Equal((From, To, Today), (b.From, b.To, b.AsOf));
        Assert.Equal([1, 2, 3], b.Rows.Select(r => r.OrganizationId!.Value));

        var east = b.Rows[0];
        Assert.Equal(("东村党支部", 3, 2, 1, 1, 0), (east.OrganizationName, east.Items, east.Done, east.Closed, east.ClosedInPeriod, east.Overdue));
        Assert.Equal(2m / 3m, east.Rate);
        Assert.Equal(66.67m, east.RatePercent);
        Assert.Equal("66.67%", east.RateText);

        var west = b.Rows[1];
        Assert.Equal((4, 1, 1, 0, 2), (west.Items, west.Done, west.Closed, west.ClosedInPeriod, west.Overdue));
        Assert.Equal("25.00%", west.RateText);

        var south = b.Rows[2];
        Assert.Equal((1, 0, 0, 0, 1), (south.Items, south.Done, south.Closed, south.ClosedInPeriod, south.Overdue));
        Assert.Equal("0.00%", south.RateText);

        var t = b.Total;
        Assert.Equal((null, "合计", 8, 3, 2, 1, 3), (t.OrganizationId, t.OrganizationName, t.Items, t.Done, t.Closed, t.ClosedInPeriod, t.Overdue));
        Assert.Equal(0.375m, t.Rate);
        Assert.Equal("37.50%", t.RateText);
    }

    [Fact]
    public void Empty_bulletin_and_rounding_and_period_check()
    {
        var b = Bulletin.Compute([], From, To, Today);
        Assert.Empty(b.Rows);
        Assert.Equal(0, b.Total.Items);
        Assert.Null(b.Total.Rate);
        Assert.Equal("—", b.Total.RateText);
        // 1/8 = 12.5% exactly; 5/6 = 83.333…% → 83.33; 1/6 = 16.666…% → 16.67.
        Assert.Equal("83.33%", new BulletinRow(1, "x", 6, 5, 0, 0, 0).RateText);
        Assert.Equal("16.67%", new BulletinRow(1, "x", 6, 1, 0, 0, 0).RateText);
        Assert.Equal("100.00%", new BulletinRow(1, "x", 3, 3, 3, 0, 0).RateText);
        Assert.Equal("Rect.BulletinPeriodInvalid", Assert.Throws<DomainException>(() => Bulletin.Compute(Items, To, From, Today)).Code);
    }

    [Fact]
    public void Overdue_organizations_are_listed_for_supervision_whether_or_not_held_accountable()
    {
        var now = new DateTimeOffset(2024, 5, 10, 9, 0, 0, TimeSpan.FromHours(8));
        var onWest = AccountabilityRecord.Create(null, 2, "", "问责条例", "通报批评", "X组〔2024〕1号", Today, Today, Today.AddMonths(6), Today, now);
        var onEast = AccountabilityRecord.Create(null, 1, "", "问责条例", "诫勉谈话", "X组〔2024〕2号", Today, Today, Today.AddMonths(6), Today, now);

        var list = SupervisionList.For(Items, [onWest, onEast], Today);

        // 西村 (2 overdue, held accountable) stays on the list; 南村 (1 overdue, no record) is there too;
        // 东村 has a record but nothing overdue: not listed.
        Assert.Equal([new SupervisionEntry(2, 2, 1), new SupervisionEntry(3, 1, 0)], list);
    }

    [Fact]
    public void Carry_over_gives_each_organization_its_items_with_their_state()
    {
        var today = new DateOnly(2024, 12, 1);
        var last = new[]
        {
            new LastYearItem(1, "理论学习不够深入", ItemState.Closed, new DateOnly(2024, 6, 30)),
            new LastYearItem(2, "发展党员质量不高", ItemState.InProgress, new DateOnly(2024, 6, 30)),
            new LastYearItem(1, "组织生活不够规范", ItemState.Done, new DateOnly(2024, 6, 30)),
            new LastYearItem(1, "村级后备力量不足", ItemState.InProgress, new DateOnly(2024, 12, 31)),
            new LastYearItem(2, "阵地建设滞后", ItemState.NotStarted, new DateOnly(2024, 12, 1)),
        };

        var carried = CarryOver.ForNextYear(2023, last, today);

        Assert.Equal(
            [
                new CarriedItem(1, 1, "理论学习不够深入", "2023年度述职评议整改事项（已销号）"),
                new CarriedItem(1, 2, "组织生活不够规范", "2023年度述职评议整改事项（已完成，待核验）"),
                new CarriedItem(1, 3, "村级后备力量不足", "2023年度述职评议整改事项（整改中）"),
                new CarriedItem(2, 1, "发展党员质量不高", "2023年度述职评议整改事项（整改中，逾期未完成）"),
                new CarriedItem(2, 2, "阵地建设滞后", "2023年度述职评议整改事项（未开始）"), // due today: not yet overdue
            ],
            carried);

        var now = new DateTimeOffset(2024, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));
        var entities = CarryOver.ToRectificationItems(90, carried, now);
        Assert.Equal(5, entities.Count);
        Assert.All(entities, e => Assert.Equal(90, e.CampaignId));
        Assert.Equal((1, 2, "组织生活不够规范", "2023年度述职评议整改事项（已完成，待核验）"),
            (entities[1].OrganizationId, entities[1].SortOrder, entities[1].Text, entities[1].Source));
    }

    [Fact]
    public void Carried_texts_fit_the_rectification_item()
    {
        var carried = CarryOver.ForNextYear(2023, [new LastYearItem(1, new string('长', 800), ItemState.Closed, new DateOnly(2024, 1, 1))], new DateOnly(2024, 12, 1));
        var e = CarryOver.ToRectificationItems(1, carried, DateTimeOffset.UnixEpoch);
        Assert.Equal(Shuzhi.Domain.Reports.RectificationItem.MaxTextLength, e[0].Text.Length);
    }
}
