using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Shuzhi.Domain.Meetings;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Meetings;

/// <summary>
/// 点评 (seed 001 第五条, 一述一评): per speaker, the upper secretary's and the members' comments, each optionally
/// marked as a problem for the reporter's rectification problem list; deletions confirm and are audited (entity
/// change); an .xlsx export of all comments.
/// </summary>
public sealed class CommentsModel(CampaignCommands campaigns, MeetingCommands meetings, UserManager<AppUser> users, AppDbContext db)
    : MeetingPageModel(campaigns, meetings)
{
    public IReadOnlyList<MeetingSpeaker> Speakers { get; private set; } = [];
    public IReadOnlyList<MeetingComment> Comments { get; private set; } = [];
    public string DefaultAuthor { get; private set; } = "";

    /// <summary>The form that failed (a speaker's add form "r{id}" or a comment's edit form "c{id}"), with what was posted.</summary>
    public string? FailedForm { get; private set; }
    public string? FailedMessage { get; private set; }
    public string PostedAuthor { get; private set; } = "";
    public string PostedText { get; private set; } = "";
    public bool PostedProblem { get; private set; }

    /// <summary>The comments on one speaker, or with null the comments on all together (总体点评).</summary>
    public IEnumerable<MeetingComment> For(int? reporterId) => Comments.Where(c => c.ReporterId == reporterId);
    public IEnumerable<MeetingComment> Problems => Speakers.SelectMany(s => For(s.ReporterId).Where(c => c.IsProblem));
    public MeetingSpeaker? SpeakerOf(int? reporterId) => Speakers.FirstOrDefault(s => s.ReporterId == reporterId);

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is { } stop) return stop;
        Speakers = await Meetings.SpeakersAsync(Meeting, ct);
        Comments = await Meetings.CommentsAsync(Meeting.Id, ct);
        var me = await users.GetUserAsync(User);
        DefaultAuthor = me is null ? "" : string.IsNullOrWhiteSpace(me.DisplayName) ? me.UserName ?? "" : me.DisplayName;
        if (DefaultAuthor.Length > MeetingComment.AuthorMaxLength) DefaultAuthor = DefaultAuthor[..MeetingComment.AuthorMaxLength];
        return null;
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    private async Task<IActionResult> ActAsync(int id, string form, string? author, string? text, bool isProblem, Func<Task<string>> act, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop) return stop;
        try
        {
            TempData["Flash"] = await act();
            return Redirect($"/Meetings/Comments/{id}#{form}");
        }
        catch (DomainException e)
        {
            FailedForm = form;
            FailedMessage = Messages.For(e);
            PostedAuthor = author ?? "";
            PostedText = text ?? "";
            PostedProblem = isProblem;
            ModelState.AddModelError("", FailedMessage);
            return Page();
        }
    }

    public Task<IActionResult> OnPostAddAsync(int id, int? reporterId, string? authorName, string? text, bool isProblem, CancellationToken ct) =>
        ActAsync(id, reporterId is null ? "general" : $"r{reporterId}", authorName, text, isProblem, async () =>
        {
            await Meetings.AddCommentAsync(User, Campaign, Meeting, reporterId, authorName ?? "", text ?? "", isProblem, ct);
            return MeetingPageStrings.Mt_CommentAdded;
        }, ct);

    public Task<IActionResult> OnPostEditAsync(int id, int commentId, string? authorName, string? text, bool isProblem, CancellationToken ct) =>
        ActAsync(id, $"c{commentId}", authorName, text, isProblem, async () =>
        {
            await Meetings.UpdateCommentAsync(User, Campaign, Meeting, commentId, authorName ?? "", text ?? "", isProblem, ct);
            return MeetingPageStrings.Mt_CommentSaved;
        }, ct);

    public Task<IActionResult> OnPostDeleteAsync(int id, int commentId, CancellationToken ct) =>
        ActAsync(id, "comments", null, null, false, async () =>
        {
            await Meetings.DeleteCommentAsync(User, Campaign, Meeting, commentId, ct);
            return MeetingPageStrings.Mt_CommentDeleted;
        }, ct);

    /// <summary>All comments of the meeting in speaking order, and the problem-marked ones on a second sheet.</summary>
    public async Task<IActionResult> OnGetExportAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop) return stop;
        string Who(MeetingSpeaker s) => s.OrganizationName + (s.PersonName is null ? "" : " " + s.PersonName);
        IReadOnlyList<object?> Row(MeetingSpeaker s, MeetingComment c) =>
            [Who(s), s.TrackName, c.AuthorName, c.Text, c.IsProblem ? MeetingPageStrings.Mt_Yes : MeetingPageStrings.Mt_No];
        string[] headers = [MeetingPageStrings.Mt_Col_Speaker, MeetingPageStrings.Mt_Col_Track, MeetingPageStrings.Mt_Author, MeetingPageStrings.Mt_Text, MeetingPageStrings.Mt_Col_Problem];
        var all = Speakers.SelectMany(s => For(s.ReporterId).Select(c => Row(s, c)))
            .Concat(For(null).Select(c => (IReadOnlyList<object?>)[MeetingPageStrings.Mt_General, "", c.AuthorName, c.Text, MeetingPageStrings.Mt_No])).ToList();
        var problems = Speakers.SelectMany(s => For(s.ReporterId).Where(c => c.IsProblem).Select(c => Row(s, c))).ToList();
        db.Audit("export", nameof(MeetingComment), null, $"{{\"meetingId\":{Meeting.Id.ToString(CultureInfo.InvariantCulture)},\"count\":{all.Count.ToString(CultureInfo.InvariantCulture)}}}", Campaign.Organizer?.Path);
        await db.SaveChangesAsync(ct);
        return XlsxResult.File(this, [new XlsxSheet(MeetingPageStrings.Mt_Comments, headers, all), new XlsxSheet(MeetingPageStrings.Mt_Problems, headers, problems)],
            $"{Campaign.Year}{MeetingPageStrings.Mt_ExportName}");
    }
}
