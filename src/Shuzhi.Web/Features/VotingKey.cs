using System.Security.Cryptography;

namespace Shuzhi.Web.Features;

/// <summary>
/// The server's key for the voting codes' keyed hash (HMAC-SHA256): Voting:Key (base64, at least 32 bytes) when set,
/// else a random key kept in the data directory (voting.key), made on first use. Without the key a stolen database
/// cannot test codes; the key is never logged.
/// </summary>
public sealed class VotingKey
{
    private readonly Lazy<byte[]> _key;

    public VotingKey(IConfiguration config, IWebHostEnvironment env)
    {
        _key = new Lazy<byte[]>(() =>
        {
            if (config["Voting:Key"] is { Length: > 0 } configured)
            {
                var bytes = Convert.FromBase64String(configured);
                if (bytes.Length < 32) throw new InvalidOperationException("Voting:Key must hold at least 32 bytes (base64).");
                return bytes;
            }
            var dir = DatabaseSetup.DataDirectory(config, env);
            Directory.CreateDirectory(dir);
            var path = Path.Combine(dir, "voting.key");
            if (!File.Exists(path))
            {
                try
                {
                    using var fs = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                    fs.Write(RandomNumberGenerator.GetBytes(32));
                    if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
                catch (IOException) when (File.Exists(path)) { } // another process made it first
            }
            var key = File.ReadAllBytes(path);
            if (key.Length < 32) throw new InvalidOperationException($"{path} must hold at least 32 bytes.");
            return key;
        });
    }

    public string Hash(string code) => Domain.Meetings.VotingCodes.Hash(code, _key.Value);
}
