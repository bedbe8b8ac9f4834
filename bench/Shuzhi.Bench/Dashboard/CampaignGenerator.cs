using System.Diagnostics;
using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Meetings;
using Shuzhi.Domain.Organizations;
using Shuzhi.Domain.Rectification;
using Shuzhi.Domain.Scoring;
using Shuzhi.Web.Data.Configurations;

namespace Shuzhi.Bench.Dashboard;

/// <summary>
/// One year of 述职评议 over the generated tree, bulk-loaded (bench data only, no audit): every organization of the upper
/// four levels with subordinates (province → cities, city → counties, county → towns/streets, town → villages/communities)
/// runs a campaign for its direct subordinates' secretaries, with one track, a reporter per active subordinate, a closed
/// meeting with four voter categories and ballots grading every speaker, a locked deliberation with the grades, open and
/// resolved overdue steps, and a rectification plan per reporter (three problems and items each). The four years before get
/// campaigns, tracks, reporters and locked deliberations only (the grade-by-year chart). Columns the dashboard does not read
/// (plan texts, track components, meeting rules) hold minimal values. Same tree, same data (fixed seed).
/// </summary>
public sealed class CampaignGenerator(Provider provider, string connection)
{
    public const int EarlierYears = 4;
    private const int OrganizerMaxDepth = 4;

    private sealed record Org(int Id, int? ParentId, int Depth, string Name, bool Active);

    public sealed record Sizes(int Organizers, int Campaigns, int Tracks, int Reporters, int Meetings, int Categories, long BallotsIssued, int Ballots,
        int Deliberations, int OverdueOpen, int OverdueResolved, int Problems, int Plans, int Items);

    private readonly Random _rnd = new(20251231);
    private readonly TableLoader _load = new(provider, connection);

    public async Task<Sizes> RunAsync(int year, Action<string> log)
    {
        var orgs = await ReadOrgsAsync();
        var children = orgs.Where(o => o.ParentId != null && o.Active).GroupBy(o => o.ParentId!.Value).ToDictionary(g => g.Key, g => g.OrderBy(o => o.Id).ToList());
        var organizers = orgs.Where(o => o.Depth <= OrganizerMaxDepth && children.ContainsKey(o.Id)).OrderBy(o => o.Id).ToList();

        var campaignId = await _load.MaxIdAsync("Campaigns");
        var trackId = await _load.MaxIdAsync("Tracks");
        var reporterId = await _load.MaxIdAsync("CampaignReporters");
        var meetingId = await _load.MaxIdAsync("Meetings");
        var categoryId = await _load.MaxIdAsync("VoterCategories");
        var deliberationId = await _load.MaxIdAsync("Deliberations");
        var overdueId = await _load.MaxIdAsync("OverdueItems");
        var problemId = await _load.MaxIdAsync("RectProblems");
        var planId = await _load.MaxIdAsync("RectPlans");
        var itemId = await _load.MaxIdAsync("RectPlanItems");

        List<object?[]> campaigns = [], tracks = [], reporters = [], meetings = [], categories = [], ballots = [], deliberations = [], overdue = [],
            problems = [], plans = [], items = [];
        long issuedTotal = 0;
        var now = new DateTimeOffset(year + 1, 3, 1, 2, 0, 0, TimeSpan.Zero);
        var sw = Stopwatch.StartNew();

        for (var y = year - EarlierYears; y <= year; y++)
        {
            var current = y == year;
            foreach (var o in organizers)
            {
                var subs = children[o.Id];
                var meetingDate = new DateOnly(y + 1, 1, 10).AddDays(_rnd.Next(30));
                var planDeadline = CampaignTimeline.DefaultRectificationPlanDeadline(meetingDate);
                var stage = !current ? CampaignStage.Closed : Pick((CampaignStage.Closed, 40), (CampaignStage.Rectification, 30), (CampaignStage.Reporting, 10),
                    (CampaignStage.Feedback, 10), (CampaignStage.Assessment, 10));
                var c = ++campaignId;
                campaigns.Add([c, o.Id, y, $"{y}年度{o.Name}抓基层党建工作述职评议考核", "", "", "[]",
                    new DateOnly(y + 1, 1, 2), new DateOnly(y + 1, 1, 8), meetingDate.AddDays(-2), meetingDate, null, meetingDate.AddDays(20),
                    meetingDate.AddDays(25), planDeadline, meetingDate.AddDays(40), (int)stage, (int)PlanApproval.NotRequired, year - 2, 5, 6, null]);
                var t = ++trackId;
                var mode = o.Depth == OrganizerMaxDepth && _rnd.Next(3) == 0 ? DebriefMode.Written : DebriefMode.OnSite;
                tracks.Add([t, c, TrackName(o.Depth), 1, (int)mode, "[]", "{}", 5, false, "", ""]);
                var ids = new List<int>(subs.Count);
                foreach (var (s, n) in subs.Select((s, n) => (s, n)))
                {
                    var r = ++reporterId;
                    ids.Add(r);
                    reporters.Add([r, c, false, s.Id, o.Id, null, null, false, n + 1, t]);
                }
                var grades = ids.Select(_ => Pick((Grade.Good, 30), (Grade.FairlyGood, 50), (Grade.Average, 17), (Grade.Poor, 3))).ToList();
                deliberations.Add([++deliberationId, c, (int)DeliberationState.Locked, meetingDate.AddDays(15), $"党委会纪要〔{y + 1}〕{_rnd.Next(1, 30)}号",
                    "[" + string.Join(",", ids.Select((r, i) => $"{{\"ReporterId\":{r},\"Proposed\":{(int)grades[i]},\"Final\":{(int)grades[i]}}}")) + "]",
                    null, null, "[]"]);
                if (!current) continue;

                // The meeting: the leadership, party members' representatives, the subordinate secretaries, the masses' representatives.
                var m = ++meetingId;
                meetings.Add([m, c, $"{y}年度述职评议大会", (int)VotingState.Closed, (int)RehearsalState.None, "[]", "{}", null, true]);
                int[] issued = [7 + _rnd.Next(6), 20 + _rnd.Next(20), subs.Count, 10 + _rnd.Next(10)];
                string[] names = ["领导班子成员", "党员代表", "下级党组织书记", "群众代表"];
                for (var k = 0; k < 4; k++)
                {
                    var cat = ++categoryId;
                    categories.Add([cat, m, names[k], "1", issued[k], k + 1, null]);
                    issuedTotal += issued[k];
                    var received = issued[k] - _rnd.Next(0, 1 + issued[k] / 10);
                    for (var b = 0; b < received; b++)
                    {
                        var marks = ids.Select(r => Mark.ForGrade(r, Pick(("好", 55), ("较好", 30), ("一般", 12), ("差", 3)))).ToList();
                        ballots.Add([Guid.NewGuid(), m, cat, (int)BallotSource.Phone, true, null, JsonColumn.Write<IReadOnlyList<Mark>>(marks)]);
                    }
                }

                foreach (var (r, i) in ids.Select((r, i) => (r, i)))
                {
                    var org = subs[i].Id;
                    // Overdue steps: about 3 % of the reporters, half of them resolved since.
                    if (_rnd.Next(100) < 3)
                    {
                        var due = new DateOnly(y + 1, 1, 8);
                        overdue.Add([++overdueId, c, (int)Pick((OverdueKind.ReportNotSubmitted, 50), (OverdueKind.ReviewNotDone, 20), (OverdueKind.RectificationPlanNotFiled, 30)),
                            org, due, due.AddDays(1), _rnd.Next(2) == 0 ? due.AddDays(5) : null]);
                    }
                    // Rectification: three problems, a plan with an item for each.
                    var state = Pick((PlanState.Accepted, 85), (PlanState.Filed, 7), (PlanState.Draft, 5), (PlanState.Returned, 3));
                    var p = ++planId;
                    var filed = state == PlanState.Draft ? (DateOnly?)null : planDeadline.AddDays(_rnd.Next(-20, 5));
                    plans.Add([p, c, r, org, (int)state, meetingDate.AddDays(3), planDeadline, filed, filed,
                        state == PlanState.Returned ? "措施不够具体，请细化后重新报送。" : null,
                        state is PlanState.Accepted or PlanState.Returned ? "组织部" : null, state is PlanState.Accepted or PlanState.Returned ? now : null]);
                    for (var k = 1; k <= 3; k++)
                    {
                        var pr = ++problemId;
                        problems.Add([pr, c, r, org, $"问题{k}：{Problem(k)}", (int)ProblemSourceKind.StaffEntered, null, null, "年度考核", now]);
                        var itemState = state != PlanState.Accepted ? ItemState.NotStarted
                            : Pick((ItemState.Closed, 40), (ItemState.Done, 15), (ItemState.InProgress, 30), (ItemState.NotStarted, 15));
                        var deadline = meetingDate.AddDays(30 + _rnd.Next(300));
                        items.Add([++itemId, p, pr, k, "制定整改措施，明确时限，逐项落实。", "党组织书记", deadline, "问题整改到位，建立长效机制。", (int)itemState,
                            state == PlanState.Accepted, itemState >= ItemState.InProgress ? now : null, itemState >= ItemState.Done ? now : null,
                            itemState == ItemState.Closed ? deadline.AddDays(-_rnd.Next(10)) : null, itemState == ItemState.Closed ? "组织部" : null, null, "[]", "[]"]);
                    }
                }
            }
        }
        log($"built the campaign rows in memory in {sw.ElapsedMilliseconds} ms");

        async Task Load(string table, string[] cols, List<object?[]> rows, bool identity = true)
        {
            var step = Stopwatch.StartNew();
            await _load.LoadAsync(table, cols, rows, identity);
            log($"  {table,-18} {rows.Count,9:N0} rows in {step.ElapsedMilliseconds,6} ms");
        }
        await Load("Campaigns", ["Id", "OrganizerId", "Year", "Title", "PlanText", "MeetingPlanText", "BasisDocuments", "Start", "ReportDeadline", "ReviewDeadline",
            "MeetingDate", "MeetingEndDate", "AssessmentEnd", "FeedbackDate", "RectificationPlanDeadline", "UpwardReportDeadline", "Stage", "PlanApproval",
            "TermStartYear", "TermLength", "ShortTenureMonths", "CopiedFromId"], campaigns);
        await Load("Tracks", ["Id", "CampaignId", "Name", "SortOrder", "Mode", "Components", "Ballot", "SpeakingMinutes", "PptRequired", "Outline", "Rules"], tracks);
        await Load("CampaignReporters", ["Id", "CampaignId", "IsActing", "OrganizationId", "OrganizerId", "PersonId", "ReviewerUserId", "ShortTenure", "SortOrder", "TrackId"], reporters);
        await Load("Meetings", ["Id", "CampaignId", "Title", "State", "Rehearsal", "SpeakerOrder", "Rules", "Digest", "ResultsShown"], meetings);
        await Load("VoterCategories", ["Id", "MeetingId", "Name", "Weight", "Issued", "SortOrder", "PaperCollected"], categories);
        await Load("MeetingBallots", ["Id", "MeetingId", "CategoryId", "Source", "IsValid", "InvalidReason", "Marks"], ballots, identity: false);
        await Load("Deliberations", ["Id", "CampaignId", "State", "MeetingDate", "MinuteReference", "Grades", "QuotaAtLock", "QuotaReason", "History"], deliberations);
        await Load("OverdueItems", ["Id", "CampaignId", "Kind", "OrganizationId", "DueDate", "DetectedOn", "ResolvedOn"], overdue);
        await Load("RectProblems", ["Id", "CampaignId", "ReporterId", "OrganizationId", "Text", "SourceKind", "SourceRefId", "SourcePosition", "SourceText", "CreatedAt"], problems);
        await Load("RectPlans", ["Id", "CampaignId", "ReporterId", "OrganizationId", "State", "PlanDate", "Deadline", "FirstFiledOn", "FiledOn", "ReturnReason",
            "ReviewedBy", "ReviewedAt"], plans);
        await Load("RectPlanItems", ["Id", "PlanId", "ProblemId", "SortOrder", "Measures", "Responsible", "Deadline", "ExpectedResult", "State", "Released",
            "StartedAt", "DoneAt", "ClosedOn", "ClosedBy", "RejectReason", "Notes", "EvidenceFileIds"], items);

        return new Sizes(organizers.Count, campaigns.Count, tracks.Count, reporters.Count, meetings.Count, categories.Count, issuedTotal, ballots.Count,
            deliberations.Count, overdue.Count(o => o[6] is null), overdue.Count(o => o[6] is not null), problems.Count, plans.Count, items.Count);
    }

    private static string TrackName(int organizerDepth) => organizerDepth switch
    {
        1 => "市委书记",
        2 => "县（市、区）委书记",
        3 => "乡镇（街道）党（工）委书记",
        _ => "村（社区）党组织书记",
    };

    private static readonly string[] Problems =
        ["抓党建工作责任落实不够到位，研究部署党建工作次数偏少。", "“三会一课”制度落实不够严格，组织生活质量不高。", "党员教育管理不够经常，流动党员联系不紧。",
         "软弱涣散基层党组织整顿进度偏慢。", "发展党员工作把关不严，程序不够规范。", "村级集体经济发展办法不多，增收渠道单一。"];

    private string Problem(int k) => Problems[(k + _rnd.Next(Problems.Length)) % Problems.Length];

    private T Pick<T>(params (T Value, int Weight)[] choices)
    {
        var n = _rnd.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if (n < weight) return value;
            n -= weight;
        }
        return choices[^1].Value;
    }

    private async Task<List<Org>> ReadOrgsAsync()
    {
        var list = new List<Org>();
        await using var conn = Database.Connect(provider, connection);
        await conn.OpenAsync();
        await using var cmd = conn.Command("SELECT \"Id\", \"ParentId\", \"Depth\", \"Name\", \"IsActive\" FROM \"Organizations\"");
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
            list.Add(new Org(r.GetInt32(0), r.IsDBNull(1) ? null : r.GetInt32(1), r.GetInt32(2), r.GetString(3), r.GetBoolean(4)));
        return list;
    }
}
