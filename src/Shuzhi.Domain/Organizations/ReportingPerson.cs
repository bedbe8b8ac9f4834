namespace Shuzhi.Domain.Organizations;

/// <param name="IsActing">代为述职: the secretary post is vacant and a deputy reports.</param>
/// <param name="MonthsInPost">Whole months the reporter has held the post on the date.</param>
public sealed record ReportingPersonResult(int PersonId, int PositionId, bool IsActing, int MonthsInPost);

public static class ReportingPerson
{
    /// <summary>
    /// The person who debriefs for an organization on a date: its secretary; if the post is
    /// vacant, the first deputy (lowest rank, then longest in post), marked as acting (seed 004:
    /// 无书记则由副书记述职). Null when neither post is held.
    /// </summary>
    public static ReportingPersonResult? On(IEnumerable<Position> positionsOfOrganization, DateOnly date)
    {
        var held = positionsOfOrganization.Where(p => p.IsHeldOn(date)).ToList();
        var secretary = held.Where(p => p.Role == PositionRole.Secretary)
            .OrderBy(p => p.StartDate).ThenBy(p => p.Id).FirstOrDefault();
        if (secretary is not null)
            return new(secretary.PersonId, secretary.Id, false, MonthsBetween(secretary.StartDate, date));
        var deputy = held.Where(p => p.Role == PositionRole.DeputySecretary)
            .OrderBy(p => p.Rank == 0 ? int.MaxValue : p.Rank).ThenBy(p => p.StartDate).ThenBy(p => p.Id).FirstOrDefault();
        return deputy is null ? null : new(deputy.PersonId, deputy.Id, true, MonthsBetween(deputy.StartDate, date));
    }

    public static int MonthsBetween(DateOnly from, DateOnly to)
    {
        var months = (to.Year - from.Year) * 12 + to.Month - from.Month;
        if (to.Day < from.Day) months--;
        return Math.Max(0, months);
    }
}
