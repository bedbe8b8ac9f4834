using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shuzhi.Domain.Meetings;

namespace Shuzhi.Web.Data.Configurations;

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.HasOne<Domain.Campaigns.Campaign>().WithMany().HasForeignKey(m => m.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => m.CampaignId);
        b.Property(m => m.Title).HasMaxLength(Meeting.TitleMaxLength).IsRequired();
        b.Property(m => m.SpeakerOrder).AsJson();
        b.Property(m => m.Rules).AsJson();
        b.Property(m => m.Digest).HasMaxLength(64);
    }
}

internal sealed class VoterCategoryConfiguration : IEntityTypeConfiguration<VoterCategory>
{
    public void Configure(EntityTypeBuilder<VoterCategory> b)
    {
        b.HasOne<Meeting>().WithMany().HasForeignKey(c => c.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.MeetingId, c.SortOrder });
        b.Property(c => c.Name).HasMaxLength(50).IsRequired();
        b.Property(c => c.Weight).HasPrecision(9, 4);
    }
}

internal sealed class VotingCodeConfiguration : IEntityTypeConfiguration<VotingCode>
{
    public void Configure(EntityTypeBuilder<VotingCode> b)
    {
        b.HasOne<Meeting>().WithMany().HasForeignKey(c => c.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<VoterCategory>().WithMany().HasForeignKey(c => c.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => c.Hash).IsUnique();
        b.HasIndex(c => new { c.MeetingId, c.CategoryId, c.Kind });
        b.Property(c => c.Hash).HasMaxLength(64).IsRequired();
        // "Used" lives apart, in UsedVotingCodes, where the unique key decides.
        b.Ignore(c => c.Used);
    }
}

internal sealed class UsedVotingCodeConfiguration : IEntityTypeConfiguration<UsedVotingCode>
{
    public void Configure(EntityTypeBuilder<UsedVotingCode> b)
    {
        b.HasKey(u => u.Hash);
        b.Property(u => u.Hash).HasMaxLength(64);
        b.HasOne<Meeting>().WithMany().HasForeignKey(u => u.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(u => u.MeetingId);
    }
}

/// <summary>
/// The ballot table holds a random id, the meeting, the category, the source, validity and the marks: nothing that
/// leads to a code, an account, an address or a time (a test reads the schema to keep it so).
/// </summary>
internal sealed class MeetingBallotConfiguration : IEntityTypeConfiguration<MeetingBallot>
{
    public void Configure(EntityTypeBuilder<MeetingBallot> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<VoterCategory>().WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.MeetingId, x.CategoryId });
        b.Property(x => x.Marks).AsJson();
    }
}

internal sealed class MeetingCommentConfiguration : IEntityTypeConfiguration<MeetingComment>
{
    public void Configure(EntityTypeBuilder<MeetingComment> b)
    {
        b.HasOne<Meeting>().WithMany().HasForeignKey(c => c.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Domain.Campaigns.CampaignReporter>().WithMany().HasForeignKey(c => c.ReporterId).IsRequired(false).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(c => c.IsGeneral);
        b.HasIndex(c => new { c.MeetingId, c.ReporterId });
        b.Property(c => c.AuthorUserId).HasMaxLength(450);
        b.Property(c => c.AuthorName).HasMaxLength(50).IsRequired();
        b.Property(c => c.Text).HasMaxLength(2000).IsRequired();
    }
}

internal sealed class PaperEntryConfiguration : IEntityTypeConfiguration<PaperEntry>
{
    public void Configure(EntityTypeBuilder<PaperEntry> b)
    {
        b.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<VoterCategory>().WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.MeetingId, x.Batch, x.Round, x.SheetNumber }).IsUnique();
        b.Property(x => x.EnteredBy).HasMaxLength(256).IsRequired();
        b.Property(x => x.Marks).AsJson();
        b.Ignore(x => x.Sheet);
    }
}
