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
}
