using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Campaigns.Manage;

/// <summary>The ordered focus contents (重点内容, seed 001 第四条) and must-answer topics (必答题) of a campaign.</summary>
public sealed class TopicsModel(AppDbContext db, CampaignCommands commands) : PageModel
{
    public Campaign Campaign { get; private set; } = null!;
    public IReadOnlyList<CampaignTopic> Focus { get; private set; } = [];
    public IReadOnlyList<CampaignTopic> MustAnswer { get; private set; } = [];

    /// <summary>Which form failed ("new-False", "new-True" or the topic id) and why, with what was typed.</summary>
    public string? ErrorForm { get; private set; }
    public string? Error { get; private set; }
    public (string Title, string Text, string Keywords) Typed { get; private set; }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var c = await commands.FindAsync(id, ct);
        if (c is null) return NotFound();
        if (!commands.MayManage(c.Organizer!)) return Forbid();
        Campaign = c;
        var topics = await db.CampaignTopics.AsNoTracking().Where(t => t.CampaignId == id).OrderBy(t => t.SortOrder).ThenBy(t => t.Id).ToListAsync(ct);
        Focus = topics.Where(t => !t.IsMustAnswer).ToList();
        MustAnswer = topics.Where(t => t.IsMustAnswer).ToList();
        return null;
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAddAsync(int id, bool mustAnswer, string? title, string? text, string? keywords, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } fail) return fail;
        try
        {
            await commands.AddTopicAsync(Campaign, mustAnswer, title ?? "", text ?? "", keywords ?? "", ct);
            TempData["Flash"] = Strings.Common_Saved;
            return Redirect($"/Campaigns/Manage/Topics/{id}");
        }
        catch (DomainException e) { return Failed($"new-{mustAnswer}", e, title, text, keywords); }
    }

    public async Task<IActionResult> OnPostUpdateAsync(int id, int topicId, string? title, string? text, string? keywords, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } fail) return fail;
        var topic = await db.CampaignTopics.SingleOrDefaultAsync(t => t.Id == topicId && t.CampaignId == id, ct);
        if (topic is null) return NotFound();
        try
        {
            topic.Update(topic.SortOrder, title ?? "", text ?? "", keywords ?? "");
            await db.SaveChangesAsync(ct);
            TempData["Flash"] = Strings.Common_Saved;
            return Redirect($"/Campaigns/Manage/Topics/{id}");
        }
        catch (DomainException e) { return Failed(topicId.ToString(System.Globalization.CultureInfo.InvariantCulture), e, title, text, keywords); }
    }

    public async Task<IActionResult> OnPostMoveAsync(int id, int topicId, int direction, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } fail) return fail;
        var topic = await db.CampaignTopics.SingleOrDefaultAsync(t => t.Id == topicId && t.CampaignId == id, ct);
        if (topic is null) return NotFound();
        await commands.MoveTopicAsync(topic, direction, ct);
        return Redirect($"/Campaigns/Manage/Topics/{id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, int topicId, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } fail) return fail;
        var topic = await db.CampaignTopics.SingleOrDefaultAsync(t => t.Id == topicId && t.CampaignId == id, ct);
        if (topic is null) return NotFound();
        await commands.DeleteTopicAsync(topic, ct);
        TempData["Flash"] = CampaignStrings.Cp_Deleted;
        return Redirect($"/Campaigns/Manage/Topics/{id}");
    }

    private PageResult Failed(string form, DomainException e, string? title, string? text, string? keywords)
    {
        ErrorForm = form;
        Error = Messages.For(e);
        Typed = (title ?? "", text ?? "", keywords ?? "");
        return Page();
    }
}
