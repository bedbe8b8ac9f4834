using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shuzhi.Domain.Scoring;

namespace Shuzhi.Web.Data.Configurations;

internal sealed class TrackSheetConfiguration : IEntityTypeConfiguration<TrackSheet>
{
    public void Configure(EntityTypeBuilder<TrackSheet> b)
    {
        b.HasOne<Track>().WithMany().HasForeignKey(s => s.TrackId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.TrackId).IsUnique();
        b.Property(s => s.Template).AsJson();
    }
}

internal sealed class InspectorAssignmentConfiguration : IEntityTypeConfiguration<InspectorAssignment>
{
    public void Configure(EntityTypeBuilder<InspectorAssignment> b)
    {
        b.HasOne<Campaign>().WithMany().HasForeignKey(a => a.CampaignId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<CampaignReporter>().WithMany().HasForeignKey(a => a.ReporterId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(a => a.InspectorUserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => a.ReporterId).IsUnique();
        b.HasIndex(a => new { a.InspectorUserId, a.CampaignId });
        b.HasIndex(a => a.CampaignId);
    }
}

internal sealed class InspectionSheetConfiguration : IEntityTypeConfiguration<InspectionSheet>
{
    public void Configure(EntityTypeBuilder<InspectionSheet> b)
    {
        b.HasOne<Track>().WithMany().HasForeignKey(s => s.TrackId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<CampaignReporter>().WithMany().HasForeignKey(s => s.ReporterId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organization>().WithMany().HasForeignKey(s => s.InspectingOrganizationId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(s => new { s.ReporterId, s.Kind, s.InspectorUserId });
        b.HasIndex(s => s.TrackId);
        b.Ignore(s => s.IsDirect);
        b.Property(s => s.InspectorUserId).HasMaxLength(450);
        b.Property(s => s.InspectorName).HasMaxLength(256).IsRequired();
        b.Property(s => s.Template!).AsJson();
        b.Property(s => s.Template).IsRequired(false);
        b.Property(s => s.Scores).AsJson();
        b.Property(s => s.Notes).HasMaxLength(SheetScores.MaxNotes).IsRequired();
        b.Property(s => s.Reopenings).AsJson();
        b.Property(s => s.DirectScore).HasPrecision(6, 1);
    }
}

internal sealed class DeliberationConfiguration : IEntityTypeConfiguration<Deliberation>
{
    public void Configure(EntityTypeBuilder<Deliberation> b)
    {
        b.HasOne<Campaign>().WithMany().HasForeignKey(d => d.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(d => d.CampaignId).IsUnique();
        b.Ignore(d => d.IsLocked);
        b.Property(d => d.MinuteReference).HasMaxLength(Deliberation.MaxMinuteReference).IsRequired();
        b.Property(d => d.QuotaReason).HasMaxLength(Deliberation.MaxReason);
        b.Property(d => d.Grades).AsJson();
        b.Property(d => d.QuotaAtLock!).AsJson();
        b.Property(d => d.QuotaAtLock).IsRequired(false);
        b.Property(d => d.History).AsJson();
    }
}

internal sealed class GradingSettingsConfiguration : IEntityTypeConfiguration<GradingSettings>
{
    public void Configure(EntityTypeBuilder<GradingSettings> b)
    {
        b.HasOne<Campaign>().WithMany().HasForeignKey(s => s.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.CampaignId).IsUnique();
        b.Ignore(s => s.Rule);
        b.Ignore(s => s.Quota);
        b.Property(s => s.GoodMin).HasPrecision(6, 2);
        b.Property(s => s.FairlyGoodMin).HasPrecision(6, 2);
        b.Property(s => s.AverageMin).HasPrecision(6, 2);
        b.Property(s => s.GoodShare).HasPrecision(6, 4);
        b.Property(s => s.FairlyGoodShare).HasPrecision(6, 4);
        b.Property(s => s.AverageShare).HasPrecision(6, 4);
        b.Property(s => s.QuotaShare).HasPrecision(6, 4);
    }
}

internal sealed class GradingEntryConfiguration : IEntityTypeConfiguration<GradingEntry>
{
    public void Configure(EntityTypeBuilder<GradingEntry> b)
    {
        b.HasOne<Campaign>().WithMany().HasForeignKey(e => e.CampaignId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<CampaignReporter>().WithMany().HasForeignKey(e => e.ReporterId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => e.ReporterId).IsUnique();
        b.HasIndex(e => e.CampaignId);
        b.Ignore(e => e.Opinion);
        b.Property(e => e.Waivers).AsJson();
        b.Property(e => e.GradeReason).HasMaxLength(Deliberation.MaxReason);
        b.Property(e => e.Achievements).HasMaxLength(Opinion.MaxPart).IsRequired();
        b.Property(e => e.Problems).HasMaxLength(Opinion.MaxPart).IsRequired();
        b.Property(e => e.Direction).HasMaxLength(Opinion.MaxPart).IsRequired();
    }
}
