using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shuzhi.Domain.Campaigns;

namespace Shuzhi.Web.Data.Configurations;

internal sealed class CampaignFigureConfiguration : IEntityTypeConfiguration<CampaignFigure>
{
    public void Configure(EntityTypeBuilder<CampaignFigure> b)
    {
        b.Property(x => x.Track).HasMaxLength(100);
        b.Property(x => x.Label).HasMaxLength(200);
        b.Property(x => x.Title).HasMaxLength(500);
        b.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        // The dashboard reads a year's rows (the grades five years) in the account's subtree; the job replaces a campaign's rows.
        b.HasIndex(x => new { x.Year, x.Measure, x.OrganizerId });
        b.HasIndex(x => x.CampaignId);
    }
}
