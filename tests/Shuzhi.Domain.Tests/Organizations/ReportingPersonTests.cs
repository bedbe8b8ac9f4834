using Shuzhi.Domain.Organizations;

namespace Shuzhi.Domain.Tests.Organizations;

public class ReportingPersonTests
{
    private static readonly DateOnly Date = new(2024, 1, 15);
    private static int _ids;

    private static Position Post(int person, PositionRole role, int rank, DateOnly start, DateOnly? end = null)
    {
        var p = Position.Create(1, person, role, null, rank, start, end);
        typeof(Position).GetProperty(nameof(Position.Id))!.SetValue(p, ++_ids);
        return p;
    }

    [Fact]
    public void The_secretary_reports()
    {
        var r = ReportingPerson.On([Post(1, PositionRole.DeputySecretary, 1, new(2021, 10, 1)), Post(2, PositionRole.Secretary, 0, new(2021, 10, 1))], Date);
        Assert.Equal(2, r!.PersonId);
        Assert.False(r.IsActing);
        Assert.Equal(27, r.MonthsInPost); // 2021-10-01 to 2024-01-15
    }

    [Fact]
    public void When_the_post_is_vacant_the_first_deputy_reports_as_acting()
    {
        var r = ReportingPerson.On(
        [
            Post(1, PositionRole.Secretary, 0, new(2019, 1, 1), end: new(2023, 12, 31)), // left before the date
            Post(2, PositionRole.DeputySecretary, 2, new(2020, 1, 1)),
            Post(3, PositionRole.DeputySecretary, 1, new(2022, 6, 1)),
            Post(4, PositionRole.CommitteeMember, 0, new(2018, 1, 1)),
        ], Date);
        Assert.Equal(3, r!.PersonId);
        Assert.True(r.IsActing);
    }

    [Fact]
    public void Unranked_deputies_come_after_ranked_ones_then_by_seniority()
    {
        var r = ReportingPerson.On([Post(1, PositionRole.DeputySecretary, 0, new(2015, 1, 1)), Post(2, PositionRole.DeputySecretary, 0, new(2012, 1, 1))], Date);
        Assert.Equal(2, r!.PersonId);
    }

    [Fact]
    public void A_post_starting_after_the_date_does_not_count()
    {
        Assert.Null(ReportingPerson.On([Post(1, PositionRole.Secretary, 0, new(2024, 2, 1))], Date));
    }

    [Fact]
    public void A_post_ending_on_the_date_still_counts()
    {
        Assert.Equal(1, ReportingPerson.On([Post(1, PositionRole.Secretary, 0, new(2020, 1, 1), end: Date)], Date)!.PersonId);
    }

    [Fact]
    public void Nobody_reports_when_neither_post_is_held()
    {
        Assert.Null(ReportingPerson.On([Post(1, PositionRole.CommitteeMember, 0, new(2020, 1, 1))], Date));
    }

    [Theory]
    [InlineData("2023-09-01", "2024-01-15", 4)]
    [InlineData("2023-09-20", "2024-01-15", 3)]
    [InlineData("2024-01-15", "2024-01-15", 0)]
    [InlineData("2024-02-01", "2024-01-15", 0)]
    public void Months_in_post_count_whole_months(string from, string to, int months) =>
        Assert.Equal(months, ReportingPerson.MonthsBetween(DateOnly.Parse(from), DateOnly.Parse(to)));

    [Fact]
    public void An_end_before_the_start_is_refused()
    {
        Assert.Equal("Position.EndBeforeStart",
            Assert.Throws<DomainException>(() => Position.Create(1, 1, PositionRole.Secretary, null, 0, new(2024, 1, 1), new(2023, 1, 1))).Code);
    }
}
