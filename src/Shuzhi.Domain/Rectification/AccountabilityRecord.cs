namespace Shuzhi.Domain.Rectification;

/// <summary>
/// 问责记录 (seed 001 第七条, seed 002 三.4: 问题严重的要依照有关规定严肃追责问责): who was held accountable (an
/// organization, optionally a named person), on what basis, the decision, its document number (文号), the date and
/// the period during which it takes effect (影响期).
/// </summary>
public sealed class AccountabilityRecord
{
    public const int MaxPersonLength = 50;
    public const int MaxBasisLength = 500;
    public const int MaxDecisionLength = 500;
    public const int MaxDocumentNumberLength = 100;

    private AccountabilityRecord() { }

    public int Id { get; private set; }
    public int? CampaignId { get; private set; }
    public int OrganizationId { get; private set; }
    /// <summary>The person held accountable; empty when the organization is.</summary>
    public string Person { get; private set; } = "";
    public string Basis { get; private set; } = "";
    public string Decision { get; private set; } = "";
    public string DocumentNumber { get; private set; } = "";
    public DateOnly DecidedOn { get; private set; }
    public DateOnly EffectStart { get; private set; }
    public DateOnly EffectEnd { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static AccountabilityRecord Create(int? campaignId, int organizationId, string? person, string? basis, string? decision,
        string? documentNumber, DateOnly decidedOn, DateOnly effectStart, DateOnly effectEnd, DateOnly today, DateTimeOffset now)
    {
        if (organizationId <= 0) throw new DomainException("Rect.AccountabilityOrganizationRequired");
        if (campaignId is <= 0) throw new ArgumentOutOfRangeException(nameof(campaignId));
        var r = new AccountabilityRecord { CampaignId = campaignId, OrganizationId = organizationId, CreatedAt = now };
        r.Edit(person, basis, decision, documentNumber, decidedOn, effectStart, effectEnd, today);
        return r;
    }

    public void Edit(string? person, string? basis, string? decision, string? documentNumber, DateOnly decidedOn, DateOnly effectStart, DateOnly effectEnd, DateOnly today)
    {
        person = (person ?? "").Trim();
        basis = (basis ?? "").Replace("\r\n", "\n").Trim();
        decision = (decision ?? "").Replace("\r\n", "\n").Trim();
        documentNumber = (documentNumber ?? "").Trim();
        if (person.Length > MaxPersonLength) throw new DomainException("Rect.AccountabilityPersonTooLong", MaxPersonLength);
        if (basis.Length == 0) throw new DomainException("Rect.AccountabilityBasisRequired");
        if (basis.Length > MaxBasisLength) throw new DomainException("Rect.AccountabilityBasisTooLong", MaxBasisLength, basis.Length);
        if (decision.Length == 0) throw new DomainException("Rect.AccountabilityDecisionRequired");
        if (decision.Length > MaxDecisionLength) throw new DomainException("Rect.AccountabilityDecisionTooLong", MaxDecisionLength, decision.Length);
        if (documentNumber.Length == 0) throw new DomainException("Rect.DocumentNumberRequired");
        if (documentNumber.Length > MaxDocumentNumberLength) throw new DomainException("Rect.DocumentNumberTooLong", MaxDocumentNumberLength);
        if (decidedOn > today) throw new DomainException("Rect.DecisionDateInFuture");
        if (effectEnd < effectStart) throw new DomainException("Rect.EffectEndBeforeStart");
        if (effectStart < decidedOn) throw new DomainException("Rect.EffectStartBeforeDecision");
        (Person, Basis, Decision, DocumentNumber, DecidedOn, EffectStart, EffectEnd) = (person, basis, decision, documentNumber, decidedOn, effectStart, effectEnd);
    }

    /// <summary>Whether the decision is in effect on a day.</summary>
    public bool InEffect(DateOnly day) => day >= EffectStart && day <= EffectEnd;
}
