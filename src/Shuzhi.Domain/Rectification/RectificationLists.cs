namespace Shuzhi.Domain.Rectification;

/// <summary>问题清单 row: number, problem, where it was found.</summary>
public sealed record ProblemRow(int No, int ProblemId, string Problem, string Source);

/// <summary>责任清单 row: number, problem, who answers for it, by when.</summary>
public sealed record ResponsibilityRow(int No, int ProblemId, string Problem, string Responsible, DateOnly Deadline);

/// <summary>整改清单 row: number, problem, measures, deadline, expected result, state (and whether overdue).</summary>
public sealed record RectificationRow(int No, int ProblemId, string Problem, string Measures, DateOnly Deadline, string ExpectedResult, ItemState State, bool Overdue)
{
    public string StateName => PlanItem.StateName(State) + (Overdue ? "（逾期）" : "");
}

/// <summary>The three lists of seed 004 (问题清单、责任清单、整改清单) of one reporter, as pages and exports show them.</summary>
public sealed record RectificationLists(IReadOnlyList<ProblemRow> Problems, IReadOnlyList<ResponsibilityRow> Responsibilities, IReadOnlyList<RectificationRow> Rectifications)
{
    /// <summary>
    /// The lists of a plan. The 问题清单 holds every problem of the reporter (in the given order), planned or not;
    /// the other two follow the plan's items in their order, numbered as the problems are.
    /// </summary>
    public static RectificationLists Of(RectificationPlan plan, IReadOnlyList<Problem> problems, DateOnly today)
    {
        var no = problems.Select((p, i) => (p.Id, No: i + 1)).ToDictionary(x => x.Id, x => x.No);
        var byId = problems.ToDictionary(p => p.Id);
        var items = plan.Items.Where(i => byId.ContainsKey(i.ProblemId)).OrderBy(i => no[i.ProblemId]).ToList();
        return new(
            problems.Select(p => new ProblemRow(no[p.Id], p.Id, p.Text, p.Source.Label)).ToList(),
            items.Select(i => new ResponsibilityRow(no[i.ProblemId], i.ProblemId, byId[i.ProblemId].Text, i.Responsible, i.Deadline)).ToList(),
            items.Select(i => new RectificationRow(no[i.ProblemId], i.ProblemId, byId[i.ProblemId].Text, i.Measures, i.Deadline, i.ExpectedResult, i.State, i.IsOverdue(today))).ToList());
    }
}
