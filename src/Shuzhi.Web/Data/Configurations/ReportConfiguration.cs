using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shuzhi.Domain.Reports;

namespace Shuzhi.Web.Data.Configurations;

/// <summary>Value objects of the report area stored whole as JSON text (both providers), compared by their JSON.</summary>
public static class JsonColumn
{
    public static readonly JsonSerializerOptions Options = new();

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new InvalidOperationException($"Empty JSON for {typeof(T).Name}.");

    public static PropertyBuilder<T> AsJson<T>(this PropertyBuilder<T> p) where T : class =>
        p.HasConversion(v => Write(v), v => Read<T>(v),
            new ValueComparer<T>((x, y) => Write(x) == Write(y), v => Write(v).GetHashCode(), v => Read<T>(Write(v)))).IsRequired();
}

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> b)
    {
        b.HasOne<Domain.Campaigns.CampaignReporter>().WithMany().HasForeignKey(r => r.CampaignReporterId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => r.CampaignReporterId).IsUnique();
        b.Property(r => r.Text).AsJson();
        b.Property(r => r.ReturnReason).HasMaxLength(Report.MaxReturnReason);
    }
}

internal sealed class ReportVersionConfiguration : IEntityTypeConfiguration<ReportVersion>
{
    public void Configure(EntityTypeBuilder<ReportVersion> b)
    {
        b.HasOne<Report>().WithMany().HasForeignKey(v => v.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Domain.Campaigns.CampaignReporter>().WithMany().HasForeignKey(v => v.CampaignReporterId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(v => new { v.ReportId, v.Number }).IsUnique();
        b.HasIndex(v => v.CampaignReporterId);
        b.Property(v => v.Text).AsJson();
        b.Property(v => v.SubmittedBy).HasMaxLength(256).IsRequired();
    }
}
