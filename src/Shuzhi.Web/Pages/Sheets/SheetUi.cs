using Shuzhi.Domain.Scoring;

namespace Shuzhi.Web.Pages.Sheets;

/// <summary>Names the sheet pages show.</summary>
public static class SheetUi
{
    public static string StateName(SheetState? s) => s switch
    {
        SheetState.Draft => InspectionStrings.Insp_State_Draft,
        SheetState.Submitted => InspectionStrings.Insp_State_Submitted,
        _ => InspectionStrings.Insp_State_None,
    };

    public static string KindName(SheetKind k) => k switch
    {
        SheetKind.FieldInspection => SheetStrings.Kind_FieldInspection,
        SheetKind.CrossInspection => SheetStrings.Kind_CrossInspection,
        SheetKind.UpperReview => SheetStrings.Kind_UpperReview,
        SheetKind.DailyReview => SheetStrings.Kind_DailyReview,
        SheetKind.ReportEvaluation => SheetStrings.Kind_ReportEvaluation,
        _ => k.ToString(),
    };

    /// <summary>A kind named in a URL by its English name (not a number).</summary>
    public static SheetKind? ParseKind(string? text) =>
        !string.IsNullOrEmpty(text) && !char.IsDigit(text[0]) && Enum.TryParse<SheetKind>(text, false, out var k) && Enum.IsDefined(k) ? k : null;

    public static string Points(decimal d) => d.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The points typed for a group of a template's items (blank ones left out); a text that is not a number is a model
    /// error naming the item, and <paramref name="ok"/> turns false. The domain checks the numbers' ranges afterwards.
    /// </summary>
    public static Dictionary<string, decimal> ReadPoints(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState,
        Dictionary<string, string?> posted, IEnumerable<(string Key, string Title)> items, ref bool ok)
    {
        var result = new Dictionary<string, decimal>();
        foreach (var (key, title) in items)
        {
            var text = posted.GetValueOrDefault(key)?.Trim();
            if (string.IsNullOrEmpty(text)) continue;
            if (decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var v)) result[key] = v;
            else
            {
                ok = false;
                modelState.AddModelError("", string.Format(System.Globalization.CultureInfo.InvariantCulture, InspectionStrings.Insp_PointsNotNumber, title));
            }
        }
        return result;
    }
}
