namespace Shuzhi.Domain.Reports;

/// <summary>
/// One of last year's rectification items (整改事项) of a reporter organization, to be answered in its report of
/// the campaign <see cref="CampaignId"/> (seed 001 第四条, seed 002 二.7). Entered by the organizer's staff until
/// the rectification stage produces them.
/// </summary>
public sealed class RectificationItem
{
    public const int MaxTextLength = 500;
    public const int MaxSourceLength = 200;

    private RectificationItem() { }

    public int Id { get; private set; }
    /// <summary>The campaign in whose report the item must be answered.</summary>
    public int CampaignId { get; private set; }
    /// <summary>The reporter organization.</summary>
    public int OrganizationId { get; private set; }
    public int SortOrder { get; private set; }
    public string Text { get; private set; } = "";
    /// <summary>Where the item comes from, e.g. 2022年度述职评议点评.</summary>
    public string Source { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public static RectificationItem Create(int campaignId, int organizationId, int sortOrder, string text, string? source, DateTimeOffset now)
    {
        var i = new RectificationItem { CampaignId = campaignId, OrganizationId = organizationId, SortOrder = sortOrder, CreatedAt = now };
        i.Update(text, source);
        return i;
    }

    public void Update(string? text, string? source)
    {
        text = (text ?? "").Replace("\r\n", "\n").Trim();
        source = (source ?? "").Trim();
        if (text.Length == 0) throw new DomainException("Rr.TextRequired");
        if (text.Length > MaxTextLength) throw new DomainException("Rr.TextTooLong", MaxTextLength, text.Length);
        if (source.Length > MaxSourceLength) throw new DomainException("Rr.SourceTooLong", MaxSourceLength);
        Text = text;
        Source = source;
    }
}
