using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Shuzhi.Domain.Meetings;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Meetings;

/// <summary>
/// 现场测评大屏: turnout per voter category (received / issued) as ballots arrive, pushed by server-sent events (the
/// server polls the database about once a second and sends only changes); after the close, and only once the chair has
/// shown them, the results per reporter. Categories with fewer than five marks are not shown separately.
/// The organizer's own staff only: out of scope 404, another unit's staff 403.
/// </summary>
[Authorize(Policy = Policies.ManageCampaigns)]
public sealed class BoardModel(MeetingCommands meetings, CampaignCommands campaigns, AppDbContext db) : MeetingPageModel(campaigns, meetings)
{
    public sealed record Turnout(string State, bool ResultsShown, IReadOnlyList<CategoryTurnout> Categories, int Received, int Issued);

    public Turnout Now { get; private set; } = null!;
    public IReadOnlyList<MeetingSpeaker> Speakers { get; private set; } = [];
    public IReadOnlyList<ReporterTally>? Results { get; private set; }

    private async Task<IActionResult?> LoadAsync(int meetingId, CancellationToken ct)
    {
        if (await FindAsync(meetingId, ct) is { } stop) return stop;
        return null;
    }

    private async Task<Turnout> TurnoutAsync(CancellationToken ct)
    {
        var rows = await Meetings.TurnoutAsync(Meeting.Id, ct);
        return new Turnout(Meeting.State.ToString(), Meeting.ResultsShown, rows, rows.Sum(r => r.Received), rows.Sum(r => r.Issued));
    }

    public async Task<IActionResult> OnGetAsync(int meetingId, CancellationToken ct)
    {
        if (await LoadAsync(meetingId, ct) is { } stop) return stop;
        Now = await TurnoutAsync(ct);
        Speakers = await Meetings.SpeakersAsync(Meeting, ct);
        if (Meeting.State == VotingState.Closed && Meeting.ResultsShown)
            Results = await Meetings.TallyAsync(User, Campaign, Meeting, ct);
        return Page();
    }

    /// <summary>The turnout as JSON (what the stream sends).</summary>
    public async Task<IActionResult> OnGetTurnoutAsync(int meetingId, CancellationToken ct)
    {
        if (await LoadAsync(meetingId, ct) is { } stop) return stop;
        return new JsonResult(await TurnoutAsync(ct));
    }

    /// <summary>text/event-stream: the turnout at once, then whenever it changes (polled about once a second).</summary>
    public async Task<IActionResult> OnGetStreamAsync(int meetingId, CancellationToken ct)
    {
        if (await LoadAsync(meetingId, ct) is { } stop) return stop;
        Response.ContentType = "text/event-stream";
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Accel-Buffering"] = "no";
        HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        string? last = null;
        var quiet = 0;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                db.ChangeTracker.Clear(); // read afresh, not the entities tracked by the previous round
                if (await Meetings.FindAsync(meetingId, ct) is not { } m) break;
                Meeting = m;
                var json = JsonSerializer.Serialize(await TurnoutAsync(ct), options);
                if (json != last)
                {
                    await Response.WriteAsync($"data: {json}\n\n", ct);
                    await Response.Body.FlushAsync(ct);
                    last = json;
                    quiet = 0;
                }
                else if (++quiet >= 15)
                {
                    await Response.WriteAsync(": keep-alive\n\n", ct); // proxies drop a silent connection
                    await Response.Body.FlushAsync(ct);
                    quiet = 0;
                }
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
        catch (OperationCanceledException) { /* the screen went away */ }
        return new EmptyResult();
    }

    /// <summary>公布结果/隐藏结果: the chair puts the results on the big screen (only after the close) or takes them off.</summary>
    public async Task<IActionResult> OnPostResultsAsync(int meetingId, bool show, CancellationToken ct)
    {
        if (await LoadAsync(meetingId, ct) is { } stop) return stop;
        try
        {
            Meeting.ShowResults(show);
            await db.SaveChangesAsync(ct);
            return Redirect($"/Meetings/Board/{meetingId}");
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", Messages.For(e));
            return await OnGetAsync(meetingId, ct);
        }
    }

    public string StateText => Meeting.State switch
    {
        VotingState.Open => VoteStrings.Board_StateOpen,
        VotingState.Closed => VoteStrings.Board_StateClosed,
        _ => VoteStrings.Board_StateDraft,
    };
}
