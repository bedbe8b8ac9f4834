using System.Text;
using Xunit.Abstractions;

namespace Shuzhi.E2E;

/// <summary>
/// Runs after every other E2E class: xunit runs the collections with parallelization disabled only after all the parallel
/// ones have finished (and <see cref="LastCollectionOrderer"/> puts this one last when the run is not parallel), so every
/// journey's server has been disposed and its log closed.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LogCheckCollection
{
    public const string Name = "zz log check, after every journey";
}

/// <summary>Orders the test collections by name, the log check last.</summary>
public sealed class LastCollectionOrderer : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => c.DisplayName == LogCheckCollection.Name).ThenBy(c => c.DisplayName, StringComparer.Ordinal);
}

/// <summary>
/// Issue #9: after the whole end-to-end suite, the logs contain no password, voting code, token or session cookie. Every
/// server of the run wrote its complete log to a file (E2ELogs) and recorded the secrets it saw; none may be in any log.
/// </summary>
[Collection(LogCheckCollection.Name)]
public sealed class LogSecretsTests
{
    [Fact]
    public void After_every_journey_no_log_holds_a_password_code_token_or_cookie()
    {
        var files = E2ELogs.LogFiles;
        Assert.True(files.Count > 0, $"no E2E server wrote a log to {E2ELogs.RunDirectory}: run this with the journeys (is the log wired?)");
        var secrets = E2ELogs.Secrets;
        // The passwords of the fixtures are always there; log-ins through the browser add their cookies.
        Assert.Contains(ShuzhiServer.StaffPassword, secrets);
        Assert.Contains(secrets, s => s.Length > 40); // a cookie value (session or antiforgery)

        var found = new List<string>();
        long lines = 0;
        foreach (var file in files)
        {
            var n = 0;
            foreach (var line in File.ReadLines(file, Encoding.UTF8))
            {
                n++;
                foreach (var secret in secrets)
                    if (line.Contains(secret, StringComparison.Ordinal))
                        found.Add($"{Path.GetFileName(file)}:{n}: a secret ({secret[..3]}…, {secret.Length} characters): {line[..Math.Min(200, line.Length)]}");
            }
            lines += n;
        }
        // Information and up of every category over a whole journey is far more than this.
        Assert.True(lines > 100 * files.Count, $"only {lines} log lines in {files.Count} files of {E2ELogs.RunDirectory}: is the log complete?");
        Assert.True(found.Count == 0, $"{found.Count} secret(s) in the logs of {E2ELogs.RunDirectory} ({secrets.Count} secrets, {files.Count} files, {lines} lines):\n"
                                      + string.Join("\n", found.Take(20)));
    }
}
