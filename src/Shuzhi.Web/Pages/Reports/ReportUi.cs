using Shuzhi.Domain.Reports;
using Shuzhi.Web.Features;

namespace Shuzhi.Web.Pages.Reports;

/// <summary>Labels and the JSON shape of the checks, shared by the report pages.</summary>
public static class ReportUi
{
    public static string StatusName(ReportStatus s) => ReportStrings.ResourceManager.GetString("Rp_Status_" + s) ?? s.ToString();

    public static string StatusClass(ReportStatus s) => s switch
    {
        ReportStatus.Approved => "text-bg-success",
        ReportStatus.Submitted => "text-bg-primary",
        ReportStatus.Returned => "text-bg-warning",
        _ => "text-bg-secondary",
    };

    /// <summary>A check as the page and the live endpoint show it: passed, failed and blocking, or failed and only advised.</summary>
    public static string CheckState(CheckResult r) => r.Passed ? "pass" : r.Blocks ? "fail" : "advice";

    public static object Json(CheckRun run) => new
    {
        canSubmit = run.CanSubmit,
        total = run.Statistics.Total,
        totalText = string.Format(ReportStrings.Rp_Total, run.Statistics.Total),
        results = run.Results.Select(r => new
        {
            rule = r.RuleId,
            state = CheckState(r),
            label = r.Severity == RuleSeverity.Blocking ? ReportStrings.Rp_Blocking : ReportStrings.Rp_Advisory,
            message = Message(r),
            items = r.Items,
        }),
    };

    /// <summary>The resx text when the web carries the code, else the domain's default Chinese text.</summary>
    public static string Message(CheckResult r) =>
        ReportStrings.ResourceManager.GetString(r.Code.Replace('.', '_'), System.Globalization.CultureInfo.InvariantCulture) is { } t
            ? string.Format(System.Globalization.CultureInfo.InvariantCulture, t, r.Args) : r.Message;

    public static string Time(DateTimeOffset? at, TimeProvider clock) =>
        at is { } x ? TimeZoneInfo.ConvertTime(x, clock.LocalTimeZone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "";
}
