using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shuzhi.Domain.Results;

namespace Shuzhi.Web.Data.Configurations;

internal sealed class ResultReleaseConfiguration : IEntityTypeConfiguration<ResultRelease>
{
    public void Configure(EntityTypeBuilder<ResultRelease> b)
    {
        b.HasOne<Domain.Campaigns.Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.CampaignId, x.WithdrawnAt });
        b.Property(x => x.MinuteReference).HasMaxLength(Domain.Scoring.Deliberation.MaxMinuteReference).IsRequired();
        b.Property(x => x.ReleasedBy).HasMaxLength(256).IsRequired();
        b.Property(x => x.WithdrawnBy).HasMaxLength(256);
        b.Property(x => x.WithdrawReason).HasMaxLength(ResultRelease.MaxReason);
        b.Ignore(x => x.IsActive);
    }
}

internal sealed class FeedbackLetterConfiguration : IEntityTypeConfiguration<FeedbackLetter>
{
    public void Configure(EntityTypeBuilder<FeedbackLetter> b)
    {
        b.HasOne<ResultRelease>().WithMany().HasForeignKey(x => x.ReleaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ReleaseId, x.ReporterId }).IsUnique();
        // The staff list (campaign, sort) and 我的反馈 (the account's own organization).
        b.HasIndex(x => new { x.CampaignId, x.WithdrawnAt, x.SortOrder });
        b.HasIndex(x => new { x.OrganizationId, x.WithdrawnAt });
        b.Property(x => x.CampaignTitle).HasMaxLength(200).IsRequired();
        b.Property(x => x.OrganizerName).HasMaxLength(200).IsRequired();
        b.Property(x => x.OrganizationName).HasMaxLength(200).IsRequired();
        b.Property(x => x.PersonName).HasMaxLength(100);
        b.Property(x => x.PostName).HasMaxLength(50).IsRequired();
        b.Property(x => x.TrackName).HasMaxLength(100).IsRequired();
        b.Property(x => x.Achievements).HasMaxLength(Domain.Scoring.Opinion.MaxPart).IsRequired();
        b.Property(x => x.Problems).HasMaxLength(Domain.Scoring.Opinion.MaxPart).IsRequired();
        b.Property(x => x.Direction).HasMaxLength(Domain.Scoring.Opinion.MaxPart).IsRequired();
        b.Property(x => x.AcknowledgedBy).HasMaxLength(256);
        b.Property(x => x.AcknowledgedByUserId).HasMaxLength(450);
        b.Ignore(x => x.IsAcknowledged);
        b.Ignore(x => x.Opinion);
        b.Ignore(x => x.Consequences);
    }
}

internal sealed class ConsequenceRecordConfiguration : IEntityTypeConfiguration<ConsequenceRecord>
{
    public void Configure(EntityTypeBuilder<ConsequenceRecord> b)
    {
        b.HasOne<Domain.Campaigns.Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.CampaignId, x.ReporterId }).IsUnique();
        b.HasIndex(x => new { x.PersonId, x.Year });
        b.Property(x => x.OrganizationName).HasMaxLength(200).IsRequired();
        b.Property(x => x.PersonName).HasMaxLength(100);
        b.Property(x => x.PostName).HasMaxLength(50).IsRequired();
        b.Property(x => x.WithdrawReason).HasMaxLength(ResultRelease.MaxReason);
        b.Ignore(x => x.InForce);
    }
}

internal sealed class ResultBulletinConfiguration : IEntityTypeConfiguration<ResultBulletin>
{
    public void Configure(EntityTypeBuilder<ResultBulletin> b)
    {
        b.HasOne<Domain.Campaigns.Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Domain.Organizations.Organization>().WithMany().HasForeignKey(x => x.ScopeOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.CampaignId);
        // The reader's filter compares its scope with the published range (as for report publications).
        b.HasIndex(x => new { x.ScopePath, x.ScopeUpper });
        b.Property(x => x.ScopePath).HasMaxLength(450).IsRequired();
        b.Property(x => x.ScopeUpper).HasMaxLength(450).IsRequired();
        b.Property(x => x.ScopeName).HasMaxLength(200).IsRequired();
        b.Property(x => x.CampaignTitle).HasMaxLength(200).IsRequired();
        b.Property(x => x.OrganizerName).HasMaxLength(200).IsRequired();
        b.Property(x => x.PublishedBy).HasMaxLength(256).IsRequired();
        b.Property(x => x.WithdrawnBy).HasMaxLength(256);
        b.Property(x => x.WithdrawReason).HasMaxLength(ResultBulletin.MaxReason);
        b.Property(x => x.Entries).AsJson();
        b.Ignore(x => x.IsActive);
    }
}

internal sealed class DossierFilingConfiguration : IEntityTypeConfiguration<DossierFiling>
{
    public void Configure(EntityTypeBuilder<DossierFiling> b)
    {
        b.HasOne<FeedbackLetter>().WithMany().HasForeignKey(x => x.LetterId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.LetterId).IsUnique();
        b.HasIndex(x => x.CampaignId);
        b.Property(x => x.FiledBy).HasMaxLength(256).IsRequired();
        b.Property(x => x.Note).HasMaxLength(DossierFiling.MaxNote).IsRequired();
    }
}

internal sealed class UpwardReportConfiguration : IEntityTypeConfiguration<UpwardReport>
{
    public void Configure(EntityTypeBuilder<UpwardReport> b)
    {
        b.HasOne<Domain.Campaigns.Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.CampaignId).IsUnique();
        // The upper unit's list: the reports of the organizers below it, by year.
        b.HasIndex(x => new { x.OrganizerId, x.Year });
        b.Property(x => x.Conduct).HasMaxLength(UpwardReport.MaxPart).IsRequired();
        b.Property(x => x.ProblemAnalysis).HasMaxLength(UpwardReport.MaxPart).IsRequired();
        b.Property(x => x.NextSteps).HasMaxLength(UpwardReport.MaxPart).IsRequired();
        b.Property(x => x.Sent!).AsJson();
        b.Property(x => x.Sent).IsRequired(false);
        b.Property(x => x.SubmittedBy).HasMaxLength(256);
        b.Property(x => x.AcknowledgedBy).HasMaxLength(256);
        b.Property(x => x.ReturnReason).HasMaxLength(UpwardReport.MaxReason);
        b.Property(x => x.History).AsJson();
        b.Ignore(x => x.IsEditable);
        b.Ignore(x => x.IsSent);
    }
}
