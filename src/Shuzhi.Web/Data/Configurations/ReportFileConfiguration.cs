using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Shuzhi.Web.Data.Configurations;

internal sealed class ReportFileConfiguration : IEntityTypeConfiguration<ReportFile>
{
    public void Configure(EntityTypeBuilder<ReportFile> b)
    {
        b.HasOne<Domain.Campaigns.CampaignReporter>().WithMany().HasForeignKey(f => f.CampaignReporterId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(f => new { f.CampaignReporterId, f.Kind });
        b.Property(f => f.FileName).HasMaxLength(200).IsRequired();
        b.Property(f => f.ContentType).HasMaxLength(200).IsRequired();
        b.Property(f => f.Sha256).HasMaxLength(64).IsRequired();
        b.Property(f => f.UploadedBy).HasMaxLength(256).IsRequired();
        b.Property(f => f.Content).IsRequired();
    }
}
