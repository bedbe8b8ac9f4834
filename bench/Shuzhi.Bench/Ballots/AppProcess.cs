using System.Diagnostics;
using Shuzhi.Bench;

namespace Shuzhi.Bench.Ballots;

/// <summary>Shuzhi.Web.dll in its own process, as `dotnet Shuzhi.Web.dll` runs it in production.</summary>
public sealed class AppProcess(Provider provider, string connection, string dataDirectory, int port)
{
    private Process? _process;

    public int LastPid { get; private set; }

    /// <summary>The app built beside the bench (bench-common.sh builds it in Release with the bench).</summary>
    private static string AppDll
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')); // bench/Shuzhi.Bench/bin/Release/net10.0
            var configuration = framework.Parent!;
            var root = configuration.Parent!.Parent!.Parent!.Parent!.FullName;
            var dll = Path.Combine(root, "src/Shuzhi.Web/bin", configuration.Name, framework.Name, "Shuzhi.Web.dll");
            return File.Exists(dll) ? dll : throw new UsageException($"{dll} not found: build the bench (bench/bench-common.sh builds both)");
        }
    }

    public string Describe => $"dotnet {Path.GetFileName(AppDll)} (pid {LastPid}) on 127.0.0.1:{port}, Production";

    private ProcessStartInfo Info(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet", [AppDll, .. args])
        {
            WorkingDirectory = Path.GetDirectoryName(AppDll)!, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Database__Provider"] = provider == Provider.Sqlite ? "Sqlite" : "Postgres";
        // The child runs in the app's folder: a relative SQLite file is made absolute so both open the same database.
        info.Environment["ConnectionStrings__Shuzhi"] = provider == Provider.Sqlite ? AbsoluteSqlite(connection) : connection;
        info.Environment["DataDirectory"] = dataDirectory;
        info.Environment["Security__SecureCookies"] = "false";
        info.Environment["Voting__RequestsPerMinute"] = "100000000";
        info.Environment["Voting__ConcurrentRequests"] = "64";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["SHUZHI_ADMIN_PASSWORD"] = "shuzhi-bench-admin";
        return info;
    }

    private static string AbsoluteSqlite(string connection)
    {
        var b = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection);
        b.DataSource = Path.GetFullPath(b.DataSource);
        return b.ToString();
    }

    /// <summary>Runs the app once with <paramref name="args"/> (e.g. --backup DIR) and returns its exit code and output.</summary>
    public async Task<(int Code, string Output)> RunOnceAsync(params string[] args)
    {
        using var p = Process.Start(Info(args))!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, (await output + await error).Trim());
    }

    public async Task StartAsync(HttpClient http)
    {
        var info = Info("--urls", $"http://127.0.0.1:{port}");
        _process = Process.Start(info)!;
        LastPid = _process.Id;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(180))
        {
            if (_process.HasExited) throw new InvalidOperationException($"the app exited with {_process.ExitCode} at start-up");
            try
            {
                using var r = await http.GetAsync("/Account/Login");
                if (r.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new InvalidOperationException("the app did not answer within 180 s");
    }

    /// <summary>SIGKILL: Process.Kill on Linux sends SIGKILL; nothing of the app runs after it.</summary>
    public void Kill()
    {
        _process!.Kill();
        _process.WaitForExit();
    }

    public void Stop()
    {
        if (_process is { HasExited: false }) Kill();
    }
}
