namespace Shuzhi.Web.Data;

/// <summary>
/// Append-only audit record, hash-chained: Hash = SHA-256(PreviousHash | fields). Database
/// triggers refuse UPDATE and DELETE; verification recomputes the chain. See docs/decisions/0004.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string Actor { get; set; } = "";
    public string Action { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string? EntityId { get; set; }
    /// <summary>Path of the organization the change belongs to, so the log can be scoped.</summary>
    public string? OrgPath { get; set; }
    public string Details { get; set; } = "";
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}
