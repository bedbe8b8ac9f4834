namespace Shuzhi.Web.Data;

/// <summary>An in-app message to one account (overdue steps, approvals); other channels can be added behind INotifier.</summary>
public sealed class Notification
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public string Text { get; set; } = "";
    public string Link { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    /// <summary>Deduplication key: the same fact is not announced twice (e.g. "overdue:12").</summary>
    public string Key { get; set; } = "";
}
