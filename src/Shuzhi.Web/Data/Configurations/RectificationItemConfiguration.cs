using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shuzhi.Domain.Reports;

namespace Shuzhi.Web.Data.Configurations;

internal sealed class RectificationItemConfiguration : IEntityTypeConfiguration<RectificationItem>
{
    public void Configure(EntityTypeBuilder<RectificationItem> b)
    {
        b.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.CampaignId, x.OrganizationId, x.SortOrder });
        b.Property(x => x.Text).HasMaxLength(RectificationItem.MaxTextLength).IsRequired();
        b.Property(x => x.Source).HasMaxLength(RectificationItem.MaxSourceLength).IsRequired();
    }
}
