namespace Shuzhi.Web.Data;

/// <summary>
/// A track's cross-inspection plan (交叉检查互评, seed 004): how many units each unit inspects (k), the seed the table
/// was generated from, whether only pairs across groups (group = the reporter organization's parent) were allowed,
/// and <see cref="TrimK"/>, how many highest and lowest totals the component mean drops (0 = plain mean; read by grading).
/// One per track; the rows are <see cref="CrossInspectionPair"/>s.
/// </summary>
public sealed class CrossPlan
{
    public int Id { get; set; }
    public int TrackId { get; set; }
    /// <summary>The campaign's organizer, denormalized for the scope filter.</summary>
    public int OrganizerId { get; set; }
    public int K { get; set; }
    public int Seed { get; set; }
    public bool AcrossGroupsOnly { get; set; }
    public int TrimK { get; set; }
    public DateTimeOffset? GeneratedAt { get; set; }
}

/// <summary>
/// One row of a track's assignment table: the unit of reporter <see cref="InspectorReporterId"/> (organization
/// <see cref="InspectingOrganizationId"/>) inspects reporter <see cref="InspectedReporterId"/>. Seen by the organizer's
/// subtree and by the inspecting organization's subtree: the one path by which an inspecting unit reaches a sibling
/// reporter (docs/decisions/0014-cross-inspection-access.md).
/// </summary>
public sealed class CrossInspectionPair
{
    public int Id { get; set; }
    public int TrackId { get; set; }
    public int OrganizerId { get; set; }
    public int InspectorReporterId { get; set; }
    public int InspectingOrganizationId { get; set; }
    public int InspectedReporterId { get; set; }
}

/// <summary>
/// A photo kept as evidence with a score sheet (JPEG/PNG, checked by content, metadata stripped: ImageEvidence), stored in
/// the database. The scope filter follows the sheet; the inspector removes it while the sheet is a draft.
/// </summary>
public sealed class SheetPhoto
{
    public int Id { get; set; }
    public int SheetId { get; set; }
    /// <summary>Sanitized with FileNames.Sanitize; the extension follows the content.</summary>
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/>.</summary>
    public string Sha256 { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public DateTimeOffset UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";
}
