namespace Shuzhi.Web.Api;

/// <summary>
/// Probes for a load balancer or an operator, anonymous and without data: <c>/healthz</c> answers while the process
/// serves (it runs the whole middleware stack, so the middleware bench times it), <c>/healthz/db</c> also reaches the
/// database and answers 503 while it cannot.
/// </summary>
public static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/healthz/db", async (AppDbContext db, CancellationToken ct) =>
            await db.Database.CanConnectAsync(ct) ? Results.Text("ok") : Results.Text("database unavailable", statusCode: StatusCodes.Status503ServiceUnavailable))
            .AllowAnonymous().ExcludeFromDescription();
    }
}
