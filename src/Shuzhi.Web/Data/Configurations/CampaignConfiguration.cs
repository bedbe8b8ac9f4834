using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shuzhi.Domain.Campaigns;

namespace Shuzhi.Web.Data.Configurations;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> b)
    {
        b.Property(c => c.Title).HasMaxLength(200).IsRequired();
        b.Property(c => c.BasisDocuments).HasMaxLength(4000);
        b.HasOne(c => c.Organizer).WithMany().HasForeignKey(c => c.OrganizerId).OnDelete(DeleteBehavior.Restrict);
        // One campaign per organizing organization and year.
        b.HasIndex(c => new { c.OrganizerId, c.Year }).IsUnique();
        b.HasIndex(c => c.Year);
        b.OwnsOne(c => c.Timeline, t =>
        {
            t.Property(x => x.Start).HasColumnName("Start");
            t.Property(x => x.ReportDeadline).HasColumnName("ReportDeadline");
            t.Property(x => x.ReviewDeadline).HasColumnName("ReviewDeadline");
            t.Property(x => x.MeetingDate).HasColumnName("MeetingDate");
            t.Property(x => x.MeetingEndDate).HasColumnName("MeetingEndDate");
            t.Property(x => x.AssessmentEnd).HasColumnName("AssessmentEnd");
            t.Property(x => x.FeedbackDate).HasColumnName("FeedbackDate");
            t.Property(x => x.RectificationPlanDeadline).HasColumnName("RectificationPlanDeadline");
            t.Property(x => x.UpwardReportDeadline).HasColumnName("UpwardReportDeadline");
        });
        b.Navigation(c => c.Timeline).IsRequired();
    }
}

internal sealed class TrackConfiguration : IEntityTypeConfiguration<Track>
{
    private static readonly JsonSerializerOptions Json = new();

    public void Configure(EntityTypeBuilder<Track> b)
    {
        b.Property(t => t.Name).HasMaxLength(100).IsRequired();
        b.HasOne<Campaign>().WithMany().HasForeignKey(t => t.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => new { t.CampaignId, t.SortOrder });
        // Small value objects read and written whole with the track: stored as JSON text on both providers.
        b.Property(t => t.Components).HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            v => JsonSerializer.Deserialize<List<WeightedComponent>>(v, Json) ?? new List<WeightedComponent>(),
            new ValueComparer<IReadOnlyList<WeightedComponent>>((x, y) => x!.SequenceEqual(y!), v => v.Aggregate(0, (h, c) => HashCode.Combine(h, c.GetHashCode())), v => v.ToList()));
        b.Property(t => t.Ballot).HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            v => JsonSerializer.Deserialize<BallotForm>(v, Json)!,
            new ValueComparer<BallotForm>((x, y) => JsonSerializer.Serialize(x, Json) == JsonSerializer.Serialize(y, Json), v => JsonSerializer.Serialize(v, Json).GetHashCode(), v => v));
        b.Property(t => t.Outline).AsJson();
        b.Property(t => t.Rules).AsJson();
    }
}

internal sealed class CampaignTopicConfiguration : IEntityTypeConfiguration<CampaignTopic>
{
    public void Configure(EntityTypeBuilder<CampaignTopic> b)
    {
        b.Property(t => t.Title).HasMaxLength(200).IsRequired();
        b.Property(t => t.Keywords).HasMaxLength(1000);
        b.HasOne<Campaign>().WithMany().HasForeignKey(t => t.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => new { t.CampaignId, t.IsMustAnswer, t.SortOrder });
    }
}

internal sealed class CampaignReporterConfiguration : IEntityTypeConfiguration<CampaignReporter>
{
    public void Configure(EntityTypeBuilder<CampaignReporter> b)
    {
        b.HasOne<Campaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Track>().WithMany().HasForeignKey(r => r.TrackId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(r => r.ReviewerUserId).OnDelete(DeleteBehavior.SetNull);
        b.Property(r => r.ReviewerUserId).HasMaxLength(450);
        b.HasIndex(r => r.OrganizerId);
        b.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
        // An organization reports once per campaign.
        b.HasIndex(r => new { r.CampaignId, r.OrganizationId }).IsUnique();
        b.HasIndex(r => new { r.TrackId, r.SortOrder });
        b.HasIndex(r => r.OrganizationId);
    }
}

internal sealed class CampaignEventConfiguration : IEntityTypeConfiguration<CampaignEvent>
{
    public void Configure(EntityTypeBuilder<CampaignEvent> b)
    {
        b.Property(e => e.Actor).HasMaxLength(256).IsRequired();
        b.Property(e => e.Comment).HasMaxLength(2000);
        b.HasOne<Campaign>().WithMany().HasForeignKey(e => e.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.CampaignId, e.At });
    }
}

internal sealed class ApprovalRequirementConfiguration : IEntityTypeConfiguration<ApprovalRequirement>
{
    public void Configure(EntityTypeBuilder<ApprovalRequirement> b)
    {
        b.HasOne<Organization>().WithMany().HasForeignKey(r => r.UpperOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.UpperOrganizationId, r.Year }).IsUnique();
        b.HasIndex(r => r.Year);
    }
}

internal sealed class OverdueItemConfiguration : IEntityTypeConfiguration<OverdueItem>
{
    public void Configure(EntityTypeBuilder<OverdueItem> b)
    {
        b.HasOne<Campaign>().WithMany().HasForeignKey(o => o.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organization>().WithMany().HasForeignKey(o => o.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(o => new { o.CampaignId, o.Kind, o.OrganizationId, o.ResolvedOn });
        b.HasIndex(o => new { o.OrganizationId, o.ResolvedOn });
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.Property(n => n.UserId).HasMaxLength(450).IsRequired();
        b.Property(n => n.Text).HasMaxLength(1000).IsRequired();
        b.Property(n => n.Link).HasMaxLength(400);
        b.Property(n => n.Key).HasMaxLength(200);
        b.HasIndex(n => new { n.UserId, n.ReadAt, n.CreatedAt });
        b.HasIndex(n => new { n.UserId, n.Key }).IsUnique();
    }
}
