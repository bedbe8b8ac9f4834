using Shuzhi.Domain.Organizations;

namespace Shuzhi.Domain.Campaigns;

/// <param name="NoReporter">Neither the secretary nor a deputy holds a post on the date: staff must settle it by hand.</param>
public sealed record DerivedReporter(int OrganizationId, int? PersonId, int? PositionId, bool IsActing, bool ShortTenure, int MonthsInPost, bool NoReporter);

/// <summary>Who debriefs in a track, derived from the organization tree and the posts on the campaign's date.</summary>
public static class Reporters
{
    /// <summary>The active direct subordinates of <paramref name="organizerId"/>, optionally of one kind, in tree order.</summary>
    public static IReadOnlyList<Organization> DirectSubordinates(IEnumerable<Organization> organizations, int organizerId, OrganizationKind? kind) =>
        organizations.Where(o => o.ParentId == organizerId && o.IsActive && (kind is null || o.Kind == kind))
            .OrderBy(o => o.SortOrder).ThenBy(o => o.Code, StringComparer.Ordinal).ToList();

    /// <summary>
    /// One reporter per organization: the secretary, or the first deputy marked acting when the
    /// post is vacant (seed 004); a reporter in post for fewer than <paramref name="shortTenureMonths"/>
    /// months is marked 任职时间较短 (seed 003). Inactive organizations never report.
    /// </summary>
    public static IReadOnlyList<DerivedReporter> Derive(IEnumerable<Organization> organizations, ILookup<int, Position> positionsByOrganization,
        DateOnly date, int shortTenureMonths)
    {
        var result = new List<DerivedReporter>();
        foreach (var org in organizations.Where(o => o.IsActive))
        {
            var r = ReportingPerson.On(positionsByOrganization[org.Id], date);
            result.Add(r is null
                ? new DerivedReporter(org.Id, null, null, false, false, 0, true)
                : new DerivedReporter(org.Id, r.PersonId, r.PositionId, r.IsActing, r.MonthsInPost < shortTenureMonths, r.MonthsInPost, false));
        }
        return result;
    }
}
