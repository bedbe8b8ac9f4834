using Shuzhi.Domain.Rectification;

namespace Shuzhi.Web.Pages.Rectification;

/// <summary>Names the rectification pages show.</summary>
public static class RectUi
{
    public static string PlanStateName(PlanState? s) => s switch
    {
        PlanState.Draft => RectPageStrings.State_Draft,
        PlanState.Filed => RectPageStrings.State_Filed,
        PlanState.Accepted => RectPageStrings.State_Accepted,
        PlanState.Returned => RectPageStrings.State_Returned,
        _ => RectPageStrings.State_None,
    };
}
