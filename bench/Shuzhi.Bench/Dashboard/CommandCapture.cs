using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Shuzhi.Bench.Dashboard;

/// <summary>
/// The SQL commands EF runs in this process while <see cref="RecordAsync"/> is in progress, with their parameter values and
/// durations (from EF's diagnostic events: execution, and for readers until the reader is disposed, so reading the rows counts),
/// so the slowest can be shown with its plan.
/// </summary>
public sealed class CommandCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    public sealed record Captured(Guid Id, string Sql, IReadOnlyList<(string Name, object? Value, System.Data.DbType Type)> Parameters)
    {
        public TimeSpan Duration { get; set; }
    }

    private readonly ConcurrentDictionary<Guid, Captured> _commands = new();
    private readonly List<IDisposable> _subscriptions = [];
    private volatile bool _recording;

    public CommandCapture() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    public async Task<IReadOnlyList<Captured>> RecordAsync(Func<Task> action)
    {
        _commands.Clear();
        _recording = true;
        try { await action(); }
        finally { _recording = false; }
        return [.. _commands.Values];
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name) lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> e)
    {
        if (!_recording) return;
        if (e.Key == RelationalEventId.CommandExecuted.Name && e.Value is CommandExecutedEventData x)
            _commands.AddOrUpdate(x.CommandId, _ => Snapshot(x.CommandId, x.Command, x.Duration), (_, c) => { c.Duration = Max(c.Duration, x.Duration); return c; });
        else if (e.Key == RelationalEventId.DataReaderDisposing.Name && e.Value is DataReaderDisposingEventData d)
            _commands.AddOrUpdate(d.CommandId, _ => Snapshot(d.CommandId, d.Command, d.Duration), (_, c) => { c.Duration = Max(c.Duration, d.Duration); return c; });
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static Captured Snapshot(Guid id, DbCommand cmd, TimeSpan duration) =>
        new(id, cmd.CommandText, cmd.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value, p.DbType)).ToList()) { Duration = duration };

    public void OnCompleted() { }
    public void OnError(Exception error) { }

    public void Dispose()
    {
        lock (_subscriptions) foreach (var s in _subscriptions) s.Dispose();
    }
}
