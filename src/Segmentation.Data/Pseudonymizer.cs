using System.Security.Cryptography;
using System.Text;

namespace Segmentation.Data;

/// <summary>
/// Replaces customer ids by keyed pseudonyms: <c>"P" + first 16 hex digits of HMAC-SHA256(key, id)</c>.
/// The same key gives the same pseudonym in every run (so months can be joined); without the key the id cannot
/// be recovered or confirmed by hashing guesses. 64 bits keep collisions negligible below ~10⁸ customers (p ≈ n²/2⁶⁵).
/// </summary>
public sealed class Pseudonymizer
{
    /// <summary>Environment variable holding the key (text, at least 16 characters).</summary>
    public const string KeyVariable = "SEG_PSEUDONYM_KEY";

    private readonly byte[] key;

    /// <summary>Creates a pseudonymiser with the given key.</summary>
    /// <exception cref="ArgumentException">The key is shorter than 16 bytes.</exception>
    public Pseudonymizer(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 16) throw new ArgumentException($"The pseudonymisation key must be at least 16 bytes; got {key.Length}.", nameof(key));
        this.key = (byte[])key.Clone();
    }

    /// <summary>The pseudonym of one id.</summary>
    public string Pseudonymize(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(id), hash);
        return "P" + Convert.ToHexStringLower(hash[..8]);
    }

    /// <summary>
    /// A pseudonymiser from a key file (its bytes, trailing newline removed) or the <see cref="KeyVariable"/>
    /// environment variable; null if neither is given.
    /// </summary>
    public static Pseudonymizer? FromEnvironmentOrFile(string? keyFile)
    {
        if (keyFile is not null)
        {
            if (!File.Exists(keyFile)) throw new FileNotFoundException($"Pseudonymisation key file not found: {keyFile}", keyFile);
            var text = File.ReadAllText(keyFile).TrimEnd('\r', '\n');
            return new Pseudonymizer(Encoding.UTF8.GetBytes(text));
        }
        var env = Environment.GetEnvironmentVariable(KeyVariable);
        return string.IsNullOrEmpty(env) ? null : new Pseudonymizer(Encoding.UTF8.GetBytes(env));
    }
}
