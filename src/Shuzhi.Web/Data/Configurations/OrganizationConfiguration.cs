using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Shuzhi.Web.Data.Configurations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.Property(o => o.Code).HasMaxLength(OrgPath.MaxCodeLength).IsRequired();
        b.Property(o => o.Name).HasMaxLength(100).IsRequired();
        b.Property(o => o.Path).HasMaxLength((OrgPath.MaxCodeLength + 1) * OrgPath.MaxDepth + 1).IsRequired();
        b.HasIndex(o => o.Code).IsUnique();
        // Subtree = path range; children = parent id; both ordered for the tree browser.
        b.HasIndex(o => o.Path).IsUnique();
        b.HasIndex(o => new { o.ParentId, o.SortOrder, o.Code });
        b.HasOne<Organization>().WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.Property(p => p.Name).HasMaxLength(50).IsRequired();
        b.Property(p => p.Phone).HasMaxLength(20);
        b.HasOne(p => p.Organization).WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.OrganizationId, p.Name });
        b.HasIndex(p => p.Name);
    }
}

internal sealed class PositionConfiguration : IEntityTypeConfiguration<Position>
{
    public void Configure(EntityTypeBuilder<Position> b)
    {
        b.Property(p => p.Title).HasMaxLength(30);
        b.HasOne(p => p.Organization).WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.Person).WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.OrganizationId, p.Role, p.StartDate });
        b.HasIndex(p => p.PersonId);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.Actor).HasMaxLength(256).IsRequired();
        b.Property(a => a.Action).HasMaxLength(64).IsRequired();
        b.Property(a => a.EntityType).HasMaxLength(64).IsRequired();
        b.Property(a => a.EntityId).HasMaxLength(128);
        b.Property(a => a.OrgPath).HasMaxLength(400);
        b.Property(a => a.PreviousHash).HasMaxLength(64).IsRequired();
        b.Property(a => a.Hash).HasMaxLength(64).IsRequired();
        // One successor per entry: a forked chain cannot be stored.
        b.HasIndex(a => a.PreviousHash).IsUnique();
        b.HasIndex(a => a.At);
        b.HasIndex(a => new { a.EntityType, a.EntityId });
        b.HasIndex(a => a.OrgPath);
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(50).IsRequired();
        b.HasOne(u => u.ScopeOrganization).WithMany().HasForeignKey(u => u.ScopeOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(u => u.ScopeOrganizationId);
    }
}

internal sealed class RolePolicyConfiguration : IEntityTypeConfiguration<RolePolicy>
{
    public void Configure(EntityTypeBuilder<RolePolicy> b)
    {
        b.HasKey(r => r.RoleName);
        b.Property(r => r.RoleName).HasMaxLength(64);
    }
}
