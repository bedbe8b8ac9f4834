using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Shuzhi.Web.Api;

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public static class ApiSetup
{
    public static IServiceCollection AddShuzhiApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return services;
    }

    public static void MapApi(this WebApplication app)
    {
        HealthEndpoints.Map(app);
        VotingEndpoints.Map(app); // anonymous, outside the bearer-secured group
        var v1 = app.MapGroup("/api/v1");
        AuthEndpoints.Map(v1);
        var secured = v1.MapGroup("").RequireAuthorization(Policies.Api);
        OrganizationEndpoints.Map(secured);
        PeopleEndpoints.Map(secured);
        PositionEndpoints.Map(secured);
        AccountEndpoints.Map(secured);
        CampaignEndpoints.Map(secured);
        TrackEndpoints.Map(secured);
        ReportEndpoints.Map(secured);
    }

    public static (int Page, int Size) Paging(int? page, int? pageSize) =>
        (Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? 50, 1, 500));

    /// <summary>422 with a problem-details body naming the field, in Chinese.</summary>
    public static IResult Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult Invalid(DomainException e) => Invalid(FieldOf(e.Code), Messages.For(e));

    public static IResult Invalid(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, statusCode: StatusCodes.Status422UnprocessableEntity, title: Resources.Strings.Api_ValidationTitle,
            type: "https://tools.ietf.org/html/rfc4918#section-11.2");

    public static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: 404, title: Resources.Strings.Api_NotFound);

    public static ProblemHttpResult Forbidden(string message) =>
        TypedResults.Problem(statusCode: 403, title: message);

    private static string FieldOf(string code) => code switch
    {
        "Org.InvalidCode" or "Org.CodeTaken" => "code",
        "Org.NameRequired" or "Org.NameTooLong" => "name",
        "Org.ParentInactive" or "Org.MoveIntoOwnSubtree" or "Org.TooDeep" => "parentId",
        "Person.NameRequired" or "Person.NameTooLong" => "name",
        "Person.BirthYearOutOfRange" => "birthYear",
        "Person.PhoneInvalid" => "phone",
        "Position.EndBeforeStart" => "endDate",
        "Position.TitleTooLong" => "title",
        "Position.RankOutOfRange" => "rank",
        _ => "",
    };
}

/// <summary>Declares the bearer scheme in the OpenAPI document.</summary>
internal sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "POST /api/v1/auth/token 取得的访问令牌",
        };
        document.Info.Title = "述职评议考核系统 API";
        return Task.CompletedTask;
    }
}
