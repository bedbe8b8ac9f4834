using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Shuzhi.Web.Infrastructure;

/// <summary>
/// The database went away (PostgreSQL stopped or unreachable, the SQLite file cannot be opened): the request answers 503
/// with Retry-After, as JSON problem details for /api and /vote/api and as a Chinese page otherwise, instead of
/// a 500 that reads as a bug. Nothing is written: every write goes through SaveChanges, one transaction, which never
/// reached the server. Nothing is kept either: the next request opens a fresh connection (Npgsql clears a pool whose
/// server went away), so the service recovers by itself when the database returns.
/// </summary>
public sealed class DatabaseUnavailableHandler(ILogger<DatabaseUnavailableHandler> log) : IExceptionHandler
{
    public const int RetryAfterSeconds = 30;

    public static bool IsUnavailable(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // Connection class 08, admin shutdown / crash / cannot connect now, too many connections.
                case PostgresException pg:
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState is "57P01" or "57P02" or "57P03" or "53300";
                // A NpgsqlException that is not a server error is the connection itself (refused, reset, timed out).
                case NpgsqlException:
                    return true;
                // SQLITE_CANTOPEN, SQLITE_IOERR, SQLITE_FULL: the file is gone, unreadable or the disk is full.
                case SqliteException sq:
                    return sq.SqliteErrorCode is 14 or 10 or 13;
                case SocketException:
                    return true;
            }
        }
        return false;
    }

    public static int StatusFor(Exception e) => IsUnavailable(e) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (!IsUnavailable(exception)) return false;
        // The exception handler has already set the request's path to /Error; the feature keeps the original.
        var path = new PathString(http.Features.Get<IExceptionHandlerFeature>()?.Path ?? http.Request.Path);
        // The type only: a connection exception's message may carry the host, never the password, but nothing more is needed.
        log.LogWarning("Database unavailable during {Method} {Path}: {Error}", http.Request.Method, path, exception.GetType().Name);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        var message = SecurityStrings.Sec_Unavailable;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/vote/api"))
            await http.Response.WriteAsJsonAsync(new { type = "https://tools.ietf.org/html/rfc9110#section-15.6.4", title = message, status = 503, message },
                (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", ct);
        else
        {
            // Written here, not by re-executing /Error: that page's pipeline (authentication's security-stamp check,
            // the scope lookup) would need the very database that is gone.
            var title = System.Net.WebUtility.HtmlEncode(SecurityStrings.Sec_UnavailableTitle);
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync($"""
                <!DOCTYPE html>
                <html lang="zh-CN"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>{title}</title><link rel="stylesheet" href="/lib/bootstrap/bootstrap.min.css" /></head>
                <body><main class="container py-4"><h1 data-unavailable>{title}</h1><p>{System.Net.WebUtility.HtmlEncode(message)}</p>
                <p><a href="/">{System.Net.WebUtility.HtmlEncode(Strings.Common_BackHome)}</a></p></main></body></html>
                """, ct);
        }
        return true;
    }
}
