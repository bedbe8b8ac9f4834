using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Shuzhi.Domain.Meetings;
using Shuzhi.Web.Data;

namespace Shuzhi.E2E;

/// <summary>
/// The logs of every E2E server of this run, and the secrets those servers saw (issue #9: after the whole end-to-end
/// suite the logs hold no password, voting code, token or session cookie; <see cref="LogSecretsTests"/> checks it after
/// every journey). Each <see cref="ShuzhiServer"/> writes its complete log (Information and up, every category, with
/// scopes) to its own file in <see cref="RunDirectory"/>: $SHUZHI_E2E_LOGS when set (test.sh keeps them with the test
/// results), else a new directory under the temp directory. Secrets are recorded where the server meets them: every
/// password hashed or checked (a wrapped <see cref="IPasswordHasher{TUser}"/>), every cookie and bearer token in a request
/// or a Set-Cookie, voting codes and password fields in request bodies, the voting key; and by the journeys, the codes
/// they read off the slips.
/// </summary>
public static class E2ELogs
{
    /// <summary>Shorter values could occur by chance (and no secret of the suite is that short).</summary>
    public const int MinSecretLength = 6;

    private static readonly ConcurrentDictionary<string, byte> SecretSet = new(StringComparer.Ordinal);
    private static int _servers;

    public static string RunDirectory { get; } = Resolve();

    public static IReadOnlyCollection<string> Secrets => SecretSet.Keys.ToList();

    /// <summary>The log files written so far in this run.</summary>
    public static IReadOnlyList<string> LogFiles => Directory.GetFiles(RunDirectory, "server-*.log").Order(StringComparer.Ordinal).ToList();

    /// <summary>Records a secret as it was seen, and the forms a log would hold it in (URL-encoded; a code also normalized).</summary>
    public static void Secret(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        value = value.Trim();
        if (value.Length < MinSecretLength) return;
        SecretSet.TryAdd(value, 0);
        SecretSet.TryAdd(Uri.EscapeDataString(value), 0);
    }

    /// <summary>A voting code as printed, typed in lower case, and normalized (no hyphens).</summary>
    public static void Code(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return;
        Secret(code);
        Secret(code.ToLowerInvariant());
        try
        {
            var normalized = VotingCodes.Normalize(code);
            Secret(normalized);
            Secret(normalized.ToLowerInvariant());
            Secret(VotingCodes.Format(normalized));
        }
        catch (Shuzhi.Domain.DomainException) { } // a mistyped code: as typed only
    }

    /// <summary>A new log file for one server: server-NN.log.</summary>
    public static FileLog NewServerLog() => new(Path.Combine(RunDirectory, $"server-{Interlocked.Increment(ref _servers):00}.log"));

    /// <summary>Wires the log file and the secret capture into a server under test.</summary>
    public static void Configure(IWebHostBuilder builder, FileLog log)
    {
        builder.ConfigureLogging(l => l.AddProvider(log)
            // Every category at Information and up, whatever appsettings.json says for Microsoft.AspNetCore and EF Core.
            .AddFilter<FileLog>(null, LogLevel.Information));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter>(new SecretCapture());
            var inner = services.LastOrDefault(d => d.ServiceType == typeof(IPasswordHasher<AppUser>));
            services.Replace(ServiceDescriptor.Scoped<IPasswordHasher<AppUser>>(sp => new RecordingPasswordHasher(
                inner?.ImplementationType is { } type ? (IPasswordHasher<AppUser>)ActivatorUtilities.CreateInstance(sp, type)
                : inner?.ImplementationFactory is { } factory ? (IPasswordHasher<AppUser>)factory(sp)
                : inner?.ImplementationInstance as IPasswordHasher<AppUser> ?? ActivatorUtilities.CreateInstance<PasswordHasher<AppUser>>(sp))));
        });
    }

    private static string Resolve()
    {
        var dir = Environment.GetEnvironmentVariable("SHUZHI_E2E_LOGS");
        dir = string.IsNullOrEmpty(dir)
            ? Path.Combine(Path.GetTempPath(), $"shuzhi-e2e-logs-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}")
            : Path.GetFullPath(dir);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Every password the server hashes (accounts made, passwords set) or checks (log-ins, right or wrong).</summary>
    private sealed class RecordingPasswordHasher(IPasswordHasher<AppUser> inner) : IPasswordHasher<AppUser>
    {
        public string HashPassword(AppUser user, string password)
        {
            Secret(password);
            return inner.HashPassword(user, password);
        }

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Secret(providedPassword);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    /// <summary>
    /// First in the pipeline: records the values of every cookie a request carries and every cookie the server sets, bearer
    /// tokens, password and code fields of forms, and the code of the voting API's JSON bodies.
    /// </summary>
    private sealed class SecretCapture : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                var request = context.Request;
                foreach (var cookie in request.Cookies) Secret(cookie.Value);
                if (request.Headers.Authorization.ToString() is { Length: > 0 } auth)
                    Secret(auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth[7..] : auth);
                if (request.HasFormContentType && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
                {
                    // Read once here; the form stays on the request for the page (IFormFeature).
                    var form = await request.ReadFormAsync(context.RequestAborted);
                    foreach (var (key, values) in form)
                        if (key.Contains("Password", StringComparison.OrdinalIgnoreCase) || key.Contains("Code", StringComparison.OrdinalIgnoreCase)
                            || key.Contains("Token", StringComparison.OrdinalIgnoreCase) && !key.Contains("RequestVerificationToken", StringComparison.Ordinal))
                            foreach (var v in values) Secret(v);
                }
                else if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true
                         && request.Path.StartsWithSegments("/vote"))
                {
                    request.EnableBuffering();
                    try
                    {
                        using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: context.RequestAborted);
                        if (json.RootElement.ValueKind == JsonValueKind.Object)
                            foreach (var p in json.RootElement.EnumerateObject())
                                if (p.Name.Equals("code", StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.String)
                                    Code(p.Value.GetString());
                    }
                    catch (JsonException) { } // the endpoint answers malformed bodies itself
                    request.Body.Position = 0;
                }
                context.Response.OnStarting(() =>
                {
                    foreach (var header in context.Response.Headers.SetCookie)
                    {
                        if (string.IsNullOrEmpty(header)) continue;
                        var eq = header.IndexOf('=');
                        var end = header.IndexOf(';');
                        if (eq > 0) Secret(header[(eq + 1)..(end > eq ? end : header.Length)]);
                    }
                    return Task.CompletedTask;
                });
                await nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>One server's complete log as text lines: time, level, category and event, the message, the scopes, the exception.</summary>
public sealed class FileLog : ILoggerProvider, ISupportExternalScope
{
    private readonly StreamWriter _writer;
    private readonly Lock _lock = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();
    private bool _disposed;

    public FileLog(string path)
    {
        Path = path;
        _writer = new StreamWriter(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)) { AutoFlush = true };
    }

    public string Path { get; }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    private void Write(string line)
    {
        lock (_lock)
        {
            if (!_disposed) _writer.WriteLine(line);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            _writer.Dispose();
        }
    }

    private sealed class Logger(FileLog owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var line = new StringBuilder();
            line.Append(DateTime.UtcNow.ToString("HH:mm:ss.fff")).Append(' ').Append(logLevel).Append(' ').Append(category).Append('[').Append(eventId.Id).Append("] ")
                .Append(formatter(state, exception));
            owner._scopes.ForEachScope((scope, sb) => sb.Append(" => ").Append(scope), line);
            // The structured values too: what a structured sink (JSON, Seq) would store beside the message.
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
                foreach (var (key, value) in values)
                    if (key != "{OriginalFormat}") line.Append(" | ").Append(key).Append('=').Append(value);
            if (exception is not null) line.Append('\n').Append(exception);
            owner.Write(line.ToString());
        }
    }
}
