using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shuzhi.Domain.Rectification;

namespace Shuzhi.Web.Data.Configurations;

/// <summary>Lists kept inside a rectification entity (notes, evidence ids, commitments) stored as JSON text.</summary>
internal static class JsonList
{
    public static PropertyBuilder<IReadOnlyList<T>> AsJsonList<T>(this PropertyBuilder<IReadOnlyList<T>> p, string field) =>
        p.HasField(field).UsePropertyAccessMode(PropertyAccessMode.Field)
            .HasConversion(v => JsonColumn.Write(v), v => (IReadOnlyList<T>)(JsonSerializer.Deserialize<List<T>>(v, JsonColumn.Options) ?? new List<T>()),
                new ValueComparer<IReadOnlyList<T>>((x, y) => JsonColumn.Write(x) == JsonColumn.Write(y), v => JsonColumn.Write(v).GetHashCode(),
                    v => JsonSerializer.Deserialize<List<T>>(JsonColumn.Write(v), JsonColumn.Options)!))
            .IsRequired();
}

internal sealed class ProblemConfiguration : IEntityTypeConfiguration<Problem>
{
    public void Configure(EntityTypeBuilder<Problem> b)
    {
        b.ToTable("RectProblems");
        b.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<CampaignReporter>().WithMany().HasForeignKey(x => x.ReporterId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.ReporterId, x.SourceKind, x.SourceRefId, x.SourcePosition });
        b.HasIndex(x => x.CampaignId);
        b.HasIndex(x => x.OrganizationId);
        b.Ignore(x => x.Source);
        b.Property(x => x.Text).HasMaxLength(Problem.MaxTextLength).IsRequired();
        b.Property(x => x.SourceText).HasMaxLength(ProblemSource.MaxTextLength);
    }
}

internal sealed class RectificationPlanConfiguration : IEntityTypeConfiguration<RectificationPlan>
{
    public void Configure(EntityTypeBuilder<RectificationPlan> b)
    {
        b.ToTable("RectPlans");
        b.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<CampaignReporter>().WithMany().HasForeignKey(x => x.ReporterId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.ReporterId).IsUnique();
        b.HasIndex(x => new { x.CampaignId, x.State });
        b.HasIndex(x => x.OrganizationId);
        b.Ignore(x => x.IsLate);
        b.Property(x => x.ReturnReason).HasMaxLength(RectificationPlan.MaxReasonLength);
        b.Property(x => x.ReviewedBy).HasMaxLength(PlanItem.MaxPersonLength);
        b.HasMany(x => x.Items).WithOne().HasForeignKey(i => i.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Items).HasField("_items").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class PlanItemConfiguration : IEntityTypeConfiguration<PlanItem>
{
    public void Configure(EntityTypeBuilder<PlanItem> b)
    {
        b.ToTable("RectPlanItems");
        b.HasOne<Problem>().WithMany().HasForeignKey(x => x.ProblemId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(x => new { x.PlanId, x.ProblemId }).IsUnique();
        b.HasIndex(x => x.ProblemId);
        // The dashboard's figures count a plan's items by state and deadline (CampaignFigures.ComputeAsync) from this index alone.
        b.HasIndex(x => new { x.PlanId, x.State, x.Deadline });
        b.Property(x => x.Measures).HasMaxLength(PlanItem.MaxMeasuresLength).IsRequired();
        b.Property(x => x.Responsible).HasMaxLength(PlanItem.MaxResponsibleLength).IsRequired();
        b.Property(x => x.ExpectedResult).HasMaxLength(PlanItem.MaxExpectedLength).IsRequired();
        b.Property(x => x.ClosedBy).HasMaxLength(PlanItem.MaxPersonLength);
        b.Property(x => x.RejectReason).HasMaxLength(PlanItem.MaxNoteLength);
        b.Property(x => x.Notes).AsJsonList("_notes");
        b.Property(x => x.EvidenceFileIds).AsJsonList("_evidence");
    }
}

internal sealed class SupervisionCheckConfiguration : IEntityTypeConfiguration<SupervisionCheck>
{
    public void Configure(EntityTypeBuilder<SupervisionCheck> b)
    {
        b.ToTable("RectChecks");
        b.HasOne<RectificationPlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PlanItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(x => x.PlanId);
        b.HasIndex(x => x.ItemId);
        b.Property(x => x.Checker).HasMaxLength(SupervisionCheck.MaxCheckerLength).IsRequired();
        b.Property(x => x.Finding).HasMaxLength(SupervisionCheck.MaxFindingLength).IsRequired();
        b.Property(x => x.NextStep).HasMaxLength(SupervisionCheck.MaxNextStepLength).IsRequired();
    }
}

internal sealed class InterviewConfiguration : IEntityTypeConfiguration<Interview>
{
    public void Configure(EntityTypeBuilder<Interview> b)
    {
        b.ToTable("RectInterviews");
        b.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<CampaignReporter>().WithMany().HasForeignKey(x => x.ReporterId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.ReporterId);
        b.HasIndex(x => x.CampaignId);
        b.HasIndex(x => x.OrganizationId);
        b.Property(x => x.Grade).HasMaxLength(10).IsRequired();
        b.Property(x => x.Interviewer).HasMaxLength(Interview.MaxInterviewerLength).IsRequired();
        b.Property(x => x.Notes).HasMaxLength(Interview.MaxNotesLength).IsRequired();
        b.Property(x => x.Commitments).AsJsonList("_commitments");
    }
}

internal sealed class AccountabilityRecordConfiguration : IEntityTypeConfiguration<AccountabilityRecord>
{
    public void Configure(EntityTypeBuilder<AccountabilityRecord> b)
    {
        b.ToTable("RectAccountability");
        b.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.CampaignId, x.OrganizationId });
        b.HasIndex(x => x.OrganizationId);
        b.Property(x => x.Person).HasMaxLength(AccountabilityRecord.MaxPersonLength).IsRequired();
        b.Property(x => x.Basis).HasMaxLength(AccountabilityRecord.MaxBasisLength).IsRequired();
        b.Property(x => x.Decision).HasMaxLength(AccountabilityRecord.MaxDecisionLength).IsRequired();
        b.Property(x => x.DocumentNumber).HasMaxLength(AccountabilityRecord.MaxDocumentNumberLength).IsRequired();
    }
}

internal sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> b)
    {
        b.ToTable("RectEvidenceFiles");
        b.HasOne<CampaignReporter>().WithMany().HasForeignKey(f => f.ReporterId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PlanItem>().WithMany().HasForeignKey(f => f.PlanItemId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(f => f.PlanItemId);
        b.HasIndex(f => f.ReporterId);
        b.Property(f => f.FileName).HasMaxLength(200).IsRequired();
        b.Property(f => f.ContentType).HasMaxLength(200).IsRequired();
        b.Property(f => f.Sha256).HasMaxLength(64).IsRequired();
        b.Property(f => f.UploadedBy).HasMaxLength(256).IsRequired();
        b.Property(f => f.Content).IsRequired();
    }
}
