using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Shuzhi.Web.Data.Configurations;

internal sealed class CrossPlanConfiguration : IEntityTypeConfiguration<CrossPlan>
{
    public void Configure(EntityTypeBuilder<CrossPlan> b)
    {
        b.HasOne<Track>().WithMany().HasForeignKey(p => p.TrackId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizerId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(p => p.TrackId).IsUnique();
        b.HasIndex(p => p.OrganizerId);
    }
}

internal sealed class CrossInspectionPairConfiguration : IEntityTypeConfiguration<CrossInspectionPair>
{
    public void Configure(EntityTypeBuilder<CrossInspectionPair> b)
    {
        b.HasOne<Track>().WithMany().HasForeignKey(p => p.TrackId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizerId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<Organization>().WithMany().HasForeignKey(p => p.InspectingOrganizationId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<CampaignReporter>().WithMany().HasForeignKey(p => p.InspectorReporterId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<CampaignReporter>().WithMany().HasForeignKey(p => p.InspectedReporterId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(p => new { p.TrackId, p.InspectorReporterId, p.InspectedReporterId }).IsUnique();
        b.HasIndex(p => new { p.InspectingOrganizationId, p.TrackId });
        b.HasIndex(p => p.InspectedReporterId);
        b.HasIndex(p => p.OrganizerId);
    }
}
