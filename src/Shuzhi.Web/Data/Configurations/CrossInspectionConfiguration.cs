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

internal sealed class SheetPhotoConfiguration : IEntityTypeConfiguration<SheetPhoto>
{
    public void Configure(EntityTypeBuilder<SheetPhoto> b)
    {
        b.HasOne<Shuzhi.Domain.Scoring.InspectionSheet>().WithMany().HasForeignKey(p => p.SheetId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => p.SheetId);
        b.Property(p => p.FileName).HasMaxLength(200).IsRequired();
        b.Property(p => p.ContentType).HasMaxLength(40).IsRequired();
        b.Property(p => p.Sha256).HasMaxLength(64).IsRequired();
        b.Property(p => p.UploadedBy).HasMaxLength(256).IsRequired();
    }
}
