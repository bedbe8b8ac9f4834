namespace Shuzhi.Web.Data;

/// <summary>What a stored report file is: the Word original a report was uploaded from, the stamped PDF copy or the debrief's slides (seed 004).</summary>
public enum ReportFileKind
{
    OriginalDocx = 1,
    StampedPdf = 2,
    /// <summary>The slides of an on-site debrief (.pptx).</summary>
    Slides = 3,
}

/// <summary>
/// A file kept with a reporter's report, stored in the database. Every upload is kept (the latest first in lists);
/// the content is served back only as an attachment. The scope filter follows the reporter.
/// </summary>
public sealed class ReportFile
{
    public const long MaxDocxBytes = 10 * 1024 * 1024;
    public const long MaxPdfBytes = 20 * 1024 * 1024;

    public int Id { get; set; }
    public int CampaignReporterId { get; set; }
    public ReportFileKind Kind { get; set; }
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
