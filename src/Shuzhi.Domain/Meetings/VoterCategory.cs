namespace Shuzhi.Domain.Meetings;

/// <summary>
/// 参会人员类别: a group of voters at the debrief meeting, with the weight its mean counts with in the
/// ballot score and the number of ballots (paper sheets or phone codes) issued to it.
/// </summary>
public sealed class VoterCategory
{
    public const int NameMaxLength = 50;

    private VoterCategory() { }

    public int Id { get; private set; }
    public int MeetingId { get; private set; }
    public string Name { get; private set; } = "";
    public decimal Weight { get; private set; }
    public int Issued { get; private set; }
    public int SortOrder { get; private set; }

    /// <summary>The defaults of issue #5 (seed 001 第五条: 党代表、人大代表、政协委员和基层党员干部群众代表; seed 000: 师生代表).</summary>
    public static IReadOnlyList<string> DefaultNames { get; } =
    [
        "党委(党组)委员/班子成员",
        "党组织书记",
        "党员代表",
        "党代表·人大代表·政协委员",
        "群众代表",
        "工作人员",
        "师生代表",
    ];

    public static VoterCategory Create(int meetingId, string name, decimal weight, int issued, int sortOrder)
    {
        var c = new VoterCategory { MeetingId = meetingId };
        c.Update(name, weight, issued, sortOrder);
        return c;
    }

    public void Update(string name, decimal weight, int issued, int sortOrder)
    {
        var errors = ValidateOne(name, weight, issued);
        if (errors.Count > 0) throw new DomainException(errors[0].Code, errors[0].Args);
        Name = name.Trim();
        Weight = weight;
        Issued = issued;
        SortOrder = sortOrder;
    }

    /// <summary>Paper sheets staff counted out of the ballot box (收回), when counted; reconciled against those entered.</summary>
    public int? PaperCollected { get; private set; }

    public void SetPaperCollected(int? count)
    {
        if (count < 0) throw new DomainException("Meeting.IssuedNegative");
        PaperCollected = count;
    }

    /// <summary>Sets the number of ballots issued (when more sheets or codes are handed out).</summary>
    public void SetIssued(int issued)
    {
        if (issued < 0) throw new DomainException("Meeting.IssuedNegative");
        Issued = issued;
    }

    private static List<(string Code, object[] Args)> ValidateOne(string name, decimal weight, int issued)
    {
        var errors = new List<(string, object[])>();
        name = (name ?? "").Trim();
        if (name.Length == 0) errors.Add(("Meeting.CategoryNameRequired", []));
        else if (name.Length > NameMaxLength) errors.Add(("Meeting.CategoryNameTooLong", [NameMaxLength]));
        if (weight < 0) errors.Add(("Meeting.CategoryWeightNegative", [name]));
        if (issued < 0) errors.Add(("Meeting.IssuedNegative", []));
        return errors;
    }

    /// <summary>
    /// Validates a whole set of categories: each name required and at most 50 characters, names unique
    /// (after trimming), weights not negative and at least one weight above zero, issued not negative.
    /// </summary>
    public static IReadOnlyList<(string Code, object[] Args)> Validate(IReadOnlyList<(string Name, decimal Weight, int Issued)> categories)
    {
        var errors = new List<(string Code, object[] Args)>();
        if (categories.Count == 0) { errors.Add(("Meeting.NoCategories", [])); return errors; }
        foreach (var c in categories)
            foreach (var e in ValidateOne(c.Name, c.Weight, c.Issued))
                if (!errors.Any(x => x.Code == e.Code)) errors.Add(e);
        var duplicate = categories.GroupBy(c => (c.Name ?? "").Trim(), StringComparer.Ordinal).FirstOrDefault(g => g.Key.Length > 0 && g.Count() > 1);
        if (duplicate is not null) errors.Add(("Meeting.CategoryNameDuplicate", [duplicate.Key]));
        if (!categories.Any(c => c.Weight > 0)) errors.Add(("Meeting.NoPositiveWeight", []));
        return errors;
    }
}
