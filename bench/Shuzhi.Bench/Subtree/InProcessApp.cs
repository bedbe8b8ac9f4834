using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Shuzhi.Bench.Subtree;

/// <summary>
/// The whole app as Program builds it (middleware, authentication, scope, endpoints) in
/// Production mode, listening on a loopback Kestrel port, so requests go through real sockets.
/// </summary>
public sealed class InProcessApp : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public InProcessApp(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
        UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
    }

    public SqlRecorder Sql { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseContentRoot(AppContentRoot());
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(l => l.AddProvider(Sql)
            .AddFilter<SqlRecorder>(DbLoggerCategory.Database.Command.Name, LogLevel.Information));
    }

    /// <summary>
    /// The app's project folder, from the manifest the Mvc.Testing build step writes beside this assembly.
    /// WebApplicationFactory itself looks for that file in the current directory (bin/ under a test runner), not here.
    /// </summary>
    private static string AppContentRoot()
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, "MvcTestingAppManifest.json");
        var roots = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(manifest))!;
        return roots[typeof(Program).Assembly.FullName!];
    }
}

/// <summary>Records the SQL that EF runs while <see cref="RecordAsync"/> is in progress, and costs nothing otherwise.</summary>
public sealed class SqlRecorder : ILoggerProvider, ILogger
{
    private readonly ConcurrentQueue<string> _commands = new();
    private volatile bool _recording;

    public async Task<IReadOnlyList<string>> RecordAsync(Func<Task> action)
    {
        _commands.Clear();
        _recording = true;
        try { await action(); }
        finally { _recording = false; }
        return [.. _commands];
    }

    public ILogger CreateLogger(string categoryName) => this;

    public bool IsEnabled(LogLevel logLevel) => _recording;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (_recording && eventId.Id == RelationalEventId.CommandExecuted.Id) _commands.Enqueue(formatter(state, exception));
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public void Dispose() { }
}
