using System.Linq.Expressions;
using Shuzhi.Web.Documents;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Audit;

/// <summary>The audit log of the account's subtree (administrators: all of it), with chain verification.</summary>
public sealed class IndexModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public ListQuery Query { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityType { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    public PageResult<AuditEntry> Result { get; private set; } = new([], 1, 50, 0);
    public ChainCheck? Check { get; private set; }
    public bool MayVerify => db.CurrentScope.Scope.IsUnrestricted;

    private static readonly Dictionary<string, Expression<Func<AuditEntry, object>>> Columns = new()
    {
        ["id"] = a => a.Id,
        ["actor"] = a => a.Actor,
        ["action"] = a => a.Action,
    };

    private IQueryable<AuditEntry> Filtered()
    {
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Actor)) q = q.Where(a => a.Actor == Actor.Trim());
        if (!string.IsNullOrWhiteSpace(Action)) q = q.Where(a => a.Action == Action.Trim());
        if (!string.IsNullOrWhiteSpace(EntityType)) q = q.Where(a => a.EntityType == EntityType.Trim());
        if (From is { } f) { var t = new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero); q = q.Where(a => a.At >= t); }
        if (To is { } to) { var t = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero); q = q.Where(a => a.At < t); }
        if (!string.IsNullOrWhiteSpace(Query.Q)) q = q.Where(a => a.Details.Contains(Query.Q.Trim()) || a.EntityId == Query.Q.Trim());
        if (Query.Sort is null) Query.Desc = true;
        return Query.Apply(q, Columns);
    }

    public async Task OnGetAsync(CancellationToken ct) => Result = await Query.PageAsync(Filtered(), ct);

    /// <summary>Verification reads the whole chain, so it is for unrestricted (administrator) accounts.</summary>
    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        if (!MayVerify) return Forbid();
        Check = await AuditVerifier.VerifyAsync(db, ct);
        Result = await Query.PageAsync(Filtered(), ct);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await Filtered().Take(Xlsx.MaxExportRows).ToListAsync(ct);
        var sheet = new XlsxSheet(Strings.Nav_Audit, ["ID", Strings.Audit_At, Strings.Audit_Actor, Strings.Audit_Action, Strings.Audit_Entity, Strings.Audit_EntityId, Strings.Audit_Details, Strings.Audit_Hash],
            rows.Select(a => (IReadOnlyList<object?>)[a.Id, a.At.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss"), a.Actor, a.Action, a.EntityType, a.EntityId, a.Details, a.Hash]));
        return XlsxResult.File(this, [sheet], Strings.Nav_Audit);
    }
}
