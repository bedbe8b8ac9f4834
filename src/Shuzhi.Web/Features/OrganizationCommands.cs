namespace Shuzhi.Web.Features;

/// <summary>Organization changes shared by the pages and the API. Reads go through the scope filter, so an out-of-scope id is simply not found.</summary>
public static class OrganizationCommands
{
    /// <summary>
    /// Moves <paramref name="org"/> under <paramref name="newParent"/>; the descendants' paths are
    /// rebased with one set-based UPDATE (bulk path: a subtree can hold thousands of rows).
    /// </summary>
    public static async Task<int> MoveAsync(AppDbContext db, Organization org, Organization newParent, CancellationToken ct = default)
    {
        await using var tx = await BeginIfNoneAsync(db, ct);
        var (oldPrefix, newPrefix) = org.MoveTo(newParent);
        var depthDelta = OrgPath.Depth(newPrefix) - OrgPath.Depth(oldPrefix);
        await db.SaveChangesAsync(ct);
        var moved = await db.Subtree(oldPrefix, includeRoot: false)
            .ExecuteUpdateAsync(s => s
                .SetProperty(o => o.Path, o => newPrefix + o.Path.Substring(oldPrefix.Length))
                .SetProperty(o => o.Depth, o => o.Depth + depthDelta), ct);
        db.Audit("move-subtree", nameof(Organization), org.Id.ToString(),
            $"{{\"from\":\"{oldPrefix}\",\"to\":\"{newPrefix}\",\"descendants\":{moved}}}", newPrefix);
        await db.SaveChangesAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return moved;
    }

    /// <summary>Deactivates the organization and its whole subtree.</summary>
    public static async Task<int> DeactivateAsync(AppDbContext db, Organization org, CancellationToken ct = default)
    {
        await using var tx = await BeginIfNoneAsync(db, ct);
        org.Deactivate();
        await db.SaveChangesAsync(ct);
        var n = await db.Subtree(org.Path, includeRoot: false).Where(o => o.IsActive)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.IsActive, false), ct);
        if (n > 0)
        {
            db.Audit("deactivate-subtree", nameof(Organization), org.Id.ToString(), $"{{\"descendants\":{n}}}", org.Path);
            await db.SaveChangesAsync(ct);
        }
        if (tx is not null) await tx.CommitAsync(ct);
        return n;
    }

    /// <summary>A transaction of our own unless the caller (an import) already runs one.</summary>
    private static async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction?> BeginIfNoneAsync(AppDbContext db, CancellationToken ct) =>
        db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;

    public static async Task ActivateAsync(AppDbContext db, Organization org, CancellationToken ct = default)
    {
        var parent = org.ParentId is null ? null : await db.Organizations.IgnoreQueryFilters().SingleAsync(o => o.Id == org.ParentId, ct);
        org.Activate(parent);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Deletes an organization nothing refers to; anything referenced is deactivated instead so history stays.</summary>
    public static async Task DeleteAsync(AppDbContext db, Organization org, CancellationToken ct = default)
    {
        var all = db.Organizations.IgnoreQueryFilters();
        if (await all.AnyAsync(o => o.ParentId == org.Id, ct)) throw new DomainException("Org.HasChildren");
        if (await db.Positions.IgnoreQueryFilters().AnyAsync(p => p.OrganizationId == org.Id, ct)
            || await db.People.IgnoreQueryFilters().AnyAsync(p => p.OrganizationId == org.Id, ct)
            || await db.Users.AnyAsync(u => u.ScopeOrganizationId == org.Id, ct)
            || await db.Campaigns.IgnoreQueryFilters().AnyAsync(c => c.OrganizerId == org.Id, ct)
            || await db.CampaignReporters.IgnoreQueryFilters().AnyAsync(r => r.OrganizationId == org.Id, ct)
            || await db.ApprovalRequirements.IgnoreQueryFilters().AnyAsync(r => r.UpperOrganizationId == org.Id, ct))
            throw new DomainException("Org.Referenced");
        db.Organizations.Remove(org);
        await db.SaveChangesAsync(ct);
    }

    public static async Task<bool> CodeTakenAsync(AppDbContext db, string code, CancellationToken ct = default) =>
        await db.Organizations.IgnoreQueryFilters().AnyAsync(o => o.Code == code, ct);

    /// <summary>The reporting person of an organization on a date (seed 004: a deputy when the post is vacant).</summary>
    public static async Task<(ReportingPersonResult Result, Person Person)?> ReportingPersonAsync(AppDbContext db, int organizationId, DateOnly date, CancellationToken ct = default)
    {
        var positions = await db.Positions.AsNoTracking().Where(p => p.OrganizationId == organizationId && p.Role != PositionRole.CommitteeMember).ToListAsync(ct);
        var result = ReportingPerson.On(positions, date);
        if (result is null) return null;
        var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == result.PersonId, ct);
        return (result, person);
    }
}
