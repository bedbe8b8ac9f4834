using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Shuzhi.Web.Data;

/// <summary>
/// Writes the audit trail of a save in the same transaction as the change itself, chaining
/// each entry to the previous one by hash. One writer at a time: a process-wide lock, plus a
/// transaction-scoped advisory lock on PostgreSQL so several nodes cannot fork the chain.
/// </summary>
internal sealed class AuditWriter(AppDbContext db, CurrentActor actor, TimeProvider clock)
{
    private static readonly SemaphoreSlim Lock = new(1, 1);
    private const long AdvisoryLockKey = 0x5348_555A_4849; // "SHUZHI"

    // Bookkeeping fields that change on every login; their changes are not business changes.
    private static readonly HashSet<string> Ignored =
    [
        nameof(AppUser.PasswordHash), nameof(AppUser.SecurityStamp), nameof(AppUser.ConcurrencyStamp),
        nameof(AppUser.AccessFailedCount), nameof(AppUser.LockoutEnd), nameof(AppUser.NormalizedUserName),
        nameof(AppUser.NormalizedEmail),
    ];

    private readonly List<AuditEntry> _explicit = [];

    public void Add(string action, string entityType, string? entityId, string details, string? orgPath) =>
        _explicit.Add(new AuditEntry { Action = action, EntityType = entityType, EntityId = entityId, Details = details, OrgPath = orgPath });

    public async Task<int> SaveWithAuditAsync(bool acceptAll, CancellationToken ct)
    {
        var changes = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && IsAudited(e.Entity))
            .Select(Capture)
            .Where(c => c is not null)
            .Cast<PendingChange>()
            .ToList();
        if (changes.Count == 0 && _explicit.Count == 0)
            return await db.BaseSaveChangesAsync(acceptAll, ct);

        await Lock.WaitAsync(ct);
        try
        {
            await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            if (db.IsPostgres)
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
            var written = await db.BaseSaveChangesAsync(acceptAll, ct);

            var now = Truncate(clock.GetUtcNow());
            var entries = new List<AuditEntry>(changes.Count + _explicit.Count);
            foreach (var c in changes)
                entries.Add(new AuditEntry
                {
                    Action = c.Action,
                    EntityType = c.Entry.Metadata.ClrType.Name,
                    EntityId = KeyOf(c.Entry),
                    Details = c.Details,
                    OrgPath = await OrgPathOfAsync(c.Entry.Entity, ct),
                });
            entries.AddRange(_explicit);
            _explicit.Clear();

            var previous = await db.AuditEntries.IgnoreQueryFilters().OrderByDescending(a => a.Id)
                .Select(a => a.Hash).FirstOrDefaultAsync(ct) ?? "";
            foreach (var e in entries)
            {
                e.At = now;
                e.Actor = actor.Name;
                e.PreviousHash = previous;
                e.Hash = ComputeHash(e);
                previous = e.Hash;
                db.AuditEntries.Add(e);
            }
            await db.BaseSaveChangesAsync(true, ct);
            if (tx is not null) await tx.CommitAsync(ct);
            return written;
        }
        finally
        {
            Lock.Release();
        }
    }

    public static DateTimeOffset Truncate(DateTimeOffset t) =>
        new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    public static string ComputeHash(AuditEntry e)
    {
        var canonical = string.Join('\u001f', e.PreviousHash, e.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"),
            e.Actor, e.Action, e.EntityType, e.EntityId ?? "", e.OrgPath ?? "", e.Details);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    // Ballots, codes and used codes are never audited row by row: an audit entry's time and order would tie a ballot
    // to the moment it was cast and to the code that cast it (anonymity); their bulk actions are audited explicitly.
    private static bool IsAudited(object entity) => entity is not AuditEntry and not IdentityUserToken<string>
        and not IdentityUserClaim<string> and not IdentityUserLogin<string> and not IdentityRoleClaim<string>
        and not Domain.Meetings.MeetingBallot and not Domain.Meetings.UsedVotingCode and not Domain.Meetings.VotingCode
        and not CampaignFigure and not CampaignFigureStale;

    private sealed record PendingChange(EntityEntry Entry, string Action, string Details);

    private static PendingChange? Capture(EntityEntry e)
    {
        // File contents (byte[]) are not copied into the audit trail; their size and hash are.
        var props = e.Properties.Where(p => !Ignored.Contains(p.Metadata.Name) && p.Metadata.ClrType != typeof(byte[]));
        Dictionary<string, object?> details;
        switch (e.State)
        {
            case EntityState.Added:
                details = props.Where(p => !p.Metadata.IsPrimaryKey())
                    .ToDictionary(p => p.Metadata.Name, p => Show(p.CurrentValue));
                return new(e, "create", JsonSerializer.Serialize(details, Json));
            case EntityState.Deleted:
                details = props
                    .ToDictionary(p => p.Metadata.Name, p => Show(p.OriginalValue));
                return new(e, "delete", JsonSerializer.Serialize(details, Json));
            default:
                details = props.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue))
                    .ToDictionary(p => p.Metadata.Name, p => (object?)new[] { Show(p.OriginalValue), Show(p.CurrentValue) });
                return details.Count == 0 ? null : new(e, "update", JsonSerializer.Serialize(details, Json));
        }
    }

    private static object? Show(object? value) => value switch
    {
        null => null,
        Enum en => en.ToString(),
        DateOnly d => d.ToString("yyyy-MM-dd"),
        DateTimeOffset t => t.ToString("O"),
        _ => value,
    };

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string? KeyOf(EntityEntry e)
    {
        var key = e.Metadata.FindPrimaryKey();
        return key is null ? null : string.Join(",", key.Properties.Select(p => e.Property(p.Name).CurrentValue));
    }

    private Task<int?> OrganizerOfAsync(int campaignId, CancellationToken ct) =>
        db.Campaigns.IgnoreQueryFilters().Where(c => c.Id == campaignId).Select(c => (int?)c.OrganizerId).FirstOrDefaultAsync(ct);

    private async Task<string?> OrgPathOfAsync(object entity, CancellationToken ct)
    {
        int? orgId = entity switch
        {
            Organization o => null,
            Person p => p.OrganizationId,
            Position p => p.OrganizationId,
            AppUser u => u.ScopeOrganizationId,
            IdentityUserRole<string> ur => await db.Users.Where(u => u.Id == ur.UserId).Select(u => u.ScopeOrganizationId).FirstOrDefaultAsync(ct),
            // Grading (综合评价): the organizer's business, seen in its subtree's audit.
            GradingSettings g => await OrganizerOfAsync(g.CampaignId, ct),
            GradingEntry g => await OrganizerOfAsync(g.CampaignId, ct),
            Shuzhi.Domain.Scoring.Deliberation g => await OrganizerOfAsync(g.CampaignId, ct),
            _ => null,
        };
        if (entity is Organization org) return org.Path;
        if (orgId is null) return null;
        var local = db.Organizations.Local.FirstOrDefault(o => o.Id == orgId);
        return local?.Path ?? await db.Organizations.IgnoreQueryFilters().Where(o => o.Id == orgId).Select(o => o.Path).FirstOrDefaultAsync(ct);
    }
}
