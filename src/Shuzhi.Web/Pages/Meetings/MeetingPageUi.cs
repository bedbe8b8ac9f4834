using System.Globalization;
using Shuzhi.Domain.Meetings;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Meetings;

/// <summary>Names and messages shared by the organizer's meeting pages.</summary>
public static class MeetingPageUi
{
    public static string StateName(VotingState s) => s switch
    {
        VotingState.Open => MeetingPageStrings.Mt_State_Open,
        VotingState.Closed => MeetingPageStrings.Mt_State_Closed,
        _ => MeetingPageStrings.Mt_State_Draft,
    };

    public static string RehearsalName(RehearsalState s) => s switch
    {
        RehearsalState.Open => MeetingPageStrings.Mt_Rehearsal_Open,
        RehearsalState.Closed => MeetingPageStrings.Mt_Rehearsal_Closed,
        _ => MeetingPageStrings.Mt_Rehearsal_None,
    };

    public static string StateBadge(VotingState s) => s switch
    {
        VotingState.Open => "text-bg-success",
        VotingState.Closed => "text-bg-secondary",
        _ => "text-bg-light border",
    };
}

/// <summary>
/// A staff page of one meeting: the meeting and its campaign through the scope filters (out of scope → 404), and only
/// the organizer's own staff act (another unit's staff → 403).
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Policies.ManageCampaigns)]
public abstract class MeetingPageModel(CampaignCommands campaigns, MeetingCommands meetings) : PageModel
{
    protected MeetingCommands Meetings { get; } = meetings;
    public Meeting Meeting { get; protected set; } = null!;
    public Campaign Campaign { get; private set; } = null!;

    protected async Task<IActionResult?> FindAsync(int id, CancellationToken ct)
    {
        if (await Meetings.FindAsync(id, ct) is not { } m) return NotFound();
        if (await campaigns.FindAsync(m.CampaignId, ct) is not { } c) return NotFound();
        if (!Meetings.MayManage(User, c)) return Forbid();
        Meeting = m;
        Campaign = c;
        return null;
    }
}

/// <summary>The fields of a comment form (add or edit) with the error of the last attempt; a general comment (总体点评) has no problem box.</summary>
public sealed record CommentFieldsModel(string Key, string Author, string Text, bool IsProblem, string? Error, bool General = false);
