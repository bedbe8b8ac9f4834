using System.Globalization;

namespace Shuzhi.Web.Infrastructure;

/// <summary>Turns rule keys (DomainException.Code, ImportError.Code) into the Chinese text of the resources.</summary>
public static class Messages
{
    public static string Get(string code, params object[] args)
    {
        var template = Strings.ResourceManager.GetString(code.Replace('.', '_'), CultureInfo.InvariantCulture);
        if (template is null) return code;
        return args.Length == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, args);
    }

    public static string For(DomainException e) => Get(e.Code, [.. e.Args]);
}
