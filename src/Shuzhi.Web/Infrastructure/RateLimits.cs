using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Shuzhi.Web.Infrastructure;

/// <summary>
/// Rate limits on the doors a guesser knocks on: the login form (and its TOTP step), the API's token endpoint and the
/// ballot endpoints. Each is per client address in a fixed one-minute window; a refusal is 429 with Retry-After (the
/// seconds until the window opens again), never the framework's default 503, which would read as "server down".
/// The ballot endpoints also have a cap on requests served at once (a queue, not a refusal, for a burst of phones).
/// Limits: Security:LoginRequestsPerMinute, Security:TokenRequestsPerMinute, Voting:RequestsPerMinute, Voting:ConcurrentRequests.
/// </summary>
public static class RateLimits
{
    private enum Door { None, Login, Token, Vote }

    private static Door DoorOf(HttpContext http)
    {
        var path = http.Request.Path;
        if (path.StartsWithSegments("/vote/api")) return Door.Vote;
        if (!HttpMethods.IsPost(http.Request.Method)) return Door.None;
        if (path.StartsWithSegments("/api/v1/auth/token")) return Door.Token;
        if (path.StartsWithSegments("/Account/Login", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/Account/LoginWith2fa", StringComparison.OrdinalIgnoreCase)) return Door.Login;
        return Door.None;
    }

    public static IServiceCollection AddShuzhiRateLimits(this IServiceCollection services, IConfiguration config)
    {
        var login = config.GetValue("Security:LoginRequestsPerMinute", 30);
        var token = config.GetValue("Security:TokenRequestsPerMinute", 30);
        // Per address and generous: a whole meeting room may vote through one Wi-Fi address.
        var vote = config.GetValue("Voting:RequestsPerMinute", 600);
        var concurrent = config.GetValue("Voting:ConcurrentRequests", 16);
        static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "";
        static FixedWindowRateLimiterOptions PerMinute(int n) => new() { PermitLimit = n, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };

        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RejectAsync;
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => DoorOf(http) switch
                {
                    Door.Login => RateLimitPartition.GetFixedWindowLimiter("login:" + Address(http), _ => PerMinute(login)),
                    Door.Token => RateLimitPartition.GetFixedWindowLimiter("token:" + Address(http), _ => PerMinute(token)),
                    Door.Vote => RateLimitPartition.GetFixedWindowLimiter("vote:" + Address(http), _ => PerMinute(vote)),
                    _ => RateLimitPartition.GetNoLimiter(""),
                }),
                // A burst of phones (everyone votes at once after the last speaker) queues here instead of taking every
                // database connection: a few at a time, the rest wait their turn in order.
                PartitionedRateLimiter.Create<HttpContext, string>(http => DoorOf(http) == Door.Vote
                    ? RateLimitPartition.GetConcurrencyLimiter("vote", _ => new ConcurrencyLimiterOptions
                        { PermitLimit = concurrent, QueueLimit = 5000, QueueProcessingOrder = QueueProcessingOrder.OldestFirst })
                    : RateLimitPartition.GetNoLimiter("")));
        });
    }

    /// <summary>429 with Retry-After; JSON for the API and the phone page, the error page (by status code) for the login form.</summary>
    private static async ValueTask RejectAsync(OnRejectedContext ctx, CancellationToken ct)
    {
        var http = ctx.HttpContext;
        var seconds = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (DoorOf(http) is Door.Token or Door.Vote)
        {
            var message = string.Format(CultureInfo.InvariantCulture, SecurityStrings.Sec_TooManyRequests, seconds);
            // "message" for the phone page's script, "title" for problem-details readers.
            await http.Response.WriteAsJsonAsync(new { type = "https://tools.ietf.org/html/rfc6585#section-4", title = message, status = 429, message },
                (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", ct);
        }
        // The login form: no body, so the status-code pages show the Chinese error page for 429.
    }
}
