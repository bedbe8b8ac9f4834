using Shuzhi.Domain.Scoring;

namespace Shuzhi.Web.Data;

/// <summary>A track's sheet template (检查考核表), kept beside the track so the track itself stays as it is.</summary>
public sealed class TrackSheet
{
    public int Id { get; set; }
    public int TrackId { get; set; }
    public SheetTemplate Template { get; set; } = SheetTemplate.Seed000;
}

/// <summary>The inspector (检查人员) assigned by the organizer's staff to inspect one reporter (实地考核); one per reporter.</summary>
public sealed class InspectorAssignment
{
    public int Id { get; set; }
    public int CampaignId { get; set; }
    public int ReporterId { get; set; }
    public string InspectorUserId { get; set; } = "";
}
