namespace Shuzhi.Web.Data;

/// <summary>
/// A 佐证材料 file of a rectification item (PDF, JPEG, PNG or a Word/Excel document, checked by content), stored in the
/// database like a report file and served back only as an attachment. The scope filter follows the reporter.
/// </summary>
public sealed class EvidenceFile
{
    public const long MaxBytes = 20 * 1024 * 1024;

    public int Id { get; set; }
    public int ReporterId { get; set; }
    public int PlanItemId { get; set; }
    /// <summary>Sanitized with FileNames.Sanitize.</summary>
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/>.</summary>
    public string Sha256 { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public DateTimeOffset UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";
}
