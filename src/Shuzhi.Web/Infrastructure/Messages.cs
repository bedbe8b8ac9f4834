using System.Globalization;

namespace Shuzhi.Web.Infrastructure;

/// <summary>Turns rule keys (DomainException.Code, ImportError.Code) into the Chinese text of the resources.</summary>
public static class Messages
{
    private static readonly System.Resources.ResourceManager[] Sources =
        [Strings.ResourceManager, CampaignStrings.ResourceManager, TrackStrings.ResourceManager, ReportStrings.ResourceManager,
         PublicationStrings.ResourceManager, MeetingStrings.ResourceManager, MeetingPageStrings.ResourceManager, TallyStrings.ResourceManager,
         ScoringStrings.ResourceManager, RectificationStrings.ResourceManager, InspectionStrings.ResourceManager,
         DashboardStrings.ResourceManager, ResultStrings.ResourceManager, GradingStrings.ResourceManager, RectPageStrings.ResourceManager,
         SheetStrings.ResourceManager, UpwardStrings.ResourceManager];

    public static string Get(string code, params object[] args)
    {
        var key = code.Replace('.', '_');
        var template = Sources.Select(r => r.GetString(key, CultureInfo.InvariantCulture)).FirstOrDefault(t => t is not null);
        if (template is null) return code;
        return args.Length == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, args);
    }

    public static string For(DomainException e) => Get(e.Code, [.. e.Args]);
}
