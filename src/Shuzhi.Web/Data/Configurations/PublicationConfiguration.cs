using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shuzhi.Domain.Reports;

namespace Shuzhi.Web.Data.Configurations;

internal sealed class ReportPublicationConfiguration : IEntityTypeConfiguration<ReportPublication>
{
    public void Configure(EntityTypeBuilder<ReportPublication> b)
    {
        b.HasOne<Domain.Campaigns.Campaign>().WithMany().HasForeignKey(p => p.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Domain.Organizations.Organization>().WithMany().HasForeignKey(p => p.ScopeOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Reports).WithOne().HasForeignKey(r => r.PublicationId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(p => p.Reports).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(p => p.CampaignId);
        // The reader's filter compares its scope with the published range.
        b.HasIndex(p => new { p.ScopePath, p.ScopeUpper });
        b.Property(p => p.ScopePath).HasMaxLength(450).IsRequired();
        b.Property(p => p.ScopeUpper).HasMaxLength(450).IsRequired();
        b.Property(p => p.ScopeName).HasMaxLength(200).IsRequired();
        b.Property(p => p.PublishedBy).HasMaxLength(256).IsRequired();
        b.Property(p => p.WithdrawnBy).HasMaxLength(256);
        b.Property(p => p.WithdrawReason).HasMaxLength(ReportPublication.MaxWithdrawReason);
        b.Ignore(p => p.IsActive);
    }
}

internal sealed class PublishedReportConfiguration : IEntityTypeConfiguration<PublishedReport>
{
    public void Configure(EntityTypeBuilder<PublishedReport> b)
    {
        b.HasIndex(r => new { r.PublicationId, r.SortOrder });
        b.HasIndex(r => new { r.PublicationId, r.ReportId }).IsUnique();
        b.Property(r => r.CampaignTitle).HasMaxLength(200).IsRequired();
        b.Property(r => r.TrackName).HasMaxLength(100).IsRequired();
        b.Property(r => r.OrganizationName).HasMaxLength(200).IsRequired();
        b.Property(r => r.PersonName).HasMaxLength(100);
        b.Property(r => r.Outline).AsJson();
        b.Property(r => r.Text).AsJson();
    }
}
