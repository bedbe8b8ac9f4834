namespace Shuzhi.Domain.Organizations;

public enum PositionRole
{
    Secretary = 1,        // 书记
    DeputySecretary = 2,  // 副书记
    CommitteeMember = 3,  // 委员
}

public static class PositionTerms
{
    public static readonly IReadOnlyDictionary<PositionRole, string> RoleNames = new Dictionary<PositionRole, string>
    {
        [PositionRole.Secretary] = "书记",
        [PositionRole.DeputySecretary] = "副书记",
        [PositionRole.CommitteeMember] = "委员",
    };

    public static string Name(this PositionRole role) => RoleNames[role];

    public static PositionRole? ParseRole(string? text)
    {
        var t = text?.Trim();
        foreach (var (role, name) in RoleNames)
            if (name == t) return role;
        return null;
    }
}

/// <summary>A post held in an organization (任职), with tenure dates.</summary>
public sealed class Position
{
    private Position() { }

    public int Id { get; private set; }
    public int OrganizationId { get; private set; }
    public Organization? Organization { get; private set; }
    public int PersonId { get; private set; }
    public Person? Person { get; private set; }
    public PositionRole Role { get; private set; }
    /// <summary>Title within the committee, e.g. 组织委员, 宣传委员, 纪检委员.</summary>
    public string? Title { get; private set; }
    /// <summary>Order among deputies: 1 is the first deputy (第一副书记), who reports when the secretary post is vacant.</summary>
    public int Rank { get; private set; }
    public DateOnly StartDate { get; private set; }
    public DateOnly? EndDate { get; private set; }

    public static Position Create(int organizationId, int personId, PositionRole role, string? title, int rank, DateOnly start, DateOnly? end)
    {
        var p = new Position { OrganizationId = organizationId, PersonId = personId };
        p.Update(role, title, rank, start, end);
        return p;
    }

    public void Update(PositionRole role, string? title, int rank, DateOnly start, DateOnly? end)
    {
        if (end is { } e && e < start) throw new DomainException("Position.EndBeforeStart");
        title = string.IsNullOrWhiteSpace(title) ? null : title.Trim();
        if (title is { Length: > 30 }) throw new DomainException("Position.TitleTooLong", 30);
        if (rank < 0 || rank > 99) throw new DomainException("Position.RankOutOfRange");
        Role = role;
        Title = title;
        Rank = rank;
        StartDate = start;
        EndDate = end;
    }

    /// <summary>Held on <paramref name="date"/>: started on or before it and not ended before it.</summary>
    public bool IsHeldOn(DateOnly date) => StartDate <= date && (EndDate is null || EndDate >= date);
}
