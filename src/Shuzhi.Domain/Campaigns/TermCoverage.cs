namespace Shuzhi.Domain.Campaigns;

/// <param name="YearsOnSite">Years of the current term in which the organization debriefed on-site, this year's choice included.</param>
/// <param name="YearsLeft">Years of the term after the campaign year.</param>
/// <param name="WillMissTerm">Not on-site in any year of the term and no year left: the rule of seed 002 三.2 would be broken.</param>
public sealed record Coverage(int OrganizationId, IReadOnlyList<int> YearsOnSite, int YearsLeft, bool Covered, bool WillMissTerm);

/// <summary>
/// Seed 002 三.2: over one term (届期) every unit debriefs on-site at least once. Terms run
/// from <c>termStartYear</c> for <c>termLength</c> years and repeat.
/// </summary>
public static class TermCoverage
{
    public static (int Start, int End) TermOf(int year, int termStartYear, int termLength)
    {
        if (termLength < 1) throw new DomainException("Campaign.TermLengthInvalid");
        var offset = ((year - termStartYear) % termLength + termLength) % termLength;
        var start = year - offset;
        return (start, start + termLength - 1);
    }

    public static Coverage For(int organizationId, int campaignYear, int termStartYear, int termLength,
        IEnumerable<int> pastOnSiteYears, bool onSiteThisYear)
    {
        var (start, end) = TermOf(campaignYear, termStartYear, termLength);
        var years = pastOnSiteYears.Where(y => y >= start && y < campaignYear).ToHashSet();
        if (onSiteThisYear) years.Add(campaignYear);
        var yearsLeft = end - campaignYear;
        var covered = years.Count > 0;
        return new Coverage(organizationId, years.Order().ToList(), yearsLeft, covered, !covered && yearsLeft == 0);
    }
}
