namespace Shuzhi.Domain;

/// <summary>
/// A rule was broken. <see cref="Code"/> is a stable key; the web layer turns it into the
/// Chinese message from its resource strings, so the domain stays free of UI text.
/// </summary>
public sealed class DomainException(string code, params object[] args) : Exception(code)
{
    public string Code { get; } = code;
    public IReadOnlyList<object> Args { get; } = args;
}
