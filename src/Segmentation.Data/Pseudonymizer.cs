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
    /// <summary>Environment variable holding the key (text, at least 16 bytes, see <see cref="Check"/>).</summary>
    public const string KeyVariable = "SEG_PSEUDONYM_KEY";

    private readonly byte[] key;

    /// <summary>The shortest key, in bytes.</summary>
    public const int MinKeyBytes = 16;

    /// <summary>The least estimated entropy of a key, in bits (see <see cref="Check"/>).</summary>
    public const double MinKeyBits = 64;

    /// <summary>Creates a pseudonymiser with the given key.</summary>
    /// <exception cref="ArgumentException">The key is too short or too predictable (<see cref="Check"/>).</exception>
    public Pseudonymizer(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Check(key) is { } problem) throw new ArgumentException($"The pseudonymisation key {problem}.", nameof(key));
        this.key = (byte[])key.Clone();
    }

    /// <summary>
    /// Why <paramref name="key"/> is not a usable key, or null when it is: shorter than <see cref="MinKeyBytes"/> bytes;
    /// only whitespace; fewer than 8 distinct bytes; or an estimated entropy (length × the Shannon entropy of its byte
    /// frequencies) below <see cref="MinKeyBits"/> bits — a 16-byte key of 16 different characters just passes, 16
    /// spaces or <c>aaaaaaaaaaaaaaaa</c> do not.
    /// </summary>
    public static string? Check(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinKeyBytes) return $"must be at least {MinKeyBytes} bytes; got {key.Length}";
        bool blank = true;
        foreach (var b in key) blank &= b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
        if (blank) return "is only whitespace";
        Span<int> counts = stackalloc int[256];
        foreach (var b in key) counts[b]++;
        int distinct = 0;
        double bitsPerByte = 0;
        foreach (var c in counts)
        {
            if (c == 0) continue;
            distinct++;
            double p = (double)c / key.Length;
            bitsPerByte -= p * Math.Log2(p);
        }
        double bits = bitsPerByte * key.Length;
        if (distinct < 8 || bits < MinKeyBits)
            return $"is too predictable: {distinct} distinct byte(s), about {bits.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)} bits of entropy (needs 8 distinct bytes and {MinKeyBits.ToString(System.Globalization.CultureInfo.InvariantCulture)} bits; use e.g. 32 random bytes: head -c 32 /dev/urandom | base64)";
        return null;
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
    /// A pseudonymiser from a key file or the <see cref="KeyVariable"/> environment variable; null if neither is given.
    /// The key is the file's bytes with one final line break (LF or CRLF) removed, nothing else: a key with other
    /// leading or trailing whitespace is refused rather than trimmed, since a silently dropped space would change every
    /// pseudonym.
    /// </summary>
    /// <exception cref="FileNotFoundException">The key file does not exist.</exception>
    /// <exception cref="InvalidDataException">The key is too short, too predictable or has leading/trailing whitespace (names the file or variable, never the key).</exception>
    public static Pseudonymizer? FromEnvironmentOrFile(string? keyFile)
    {
        if (keyFile is not null)
        {
            if (!File.Exists(keyFile)) throw new FileNotFoundException($"Pseudonymisation key file not found: {keyFile}", keyFile);
            var info = new FileInfo(keyFile);
            if (info.Length > 4096) throw new InvalidDataException($"{keyFile}: the pseudonymisation key file is larger than 4 KB; it should hold one key");
            var bytes = File.ReadAllBytes(keyFile);
            int end = bytes.Length;
            if (end > 0 && bytes[end - 1] == '\n') end--;
            if (end > 0 && bytes[end - 1] == '\r') end--;
            return FromKey(bytes[..end], keyFile + " (--pseudonym-key)");
        }
        var env = Environment.GetEnvironmentVariable(KeyVariable);
        return string.IsNullOrEmpty(env) ? null : FromKey(Encoding.UTF8.GetBytes(env), KeyVariable);
    }

    private static Pseudonymizer FromKey(byte[] key, string source)
    {
        if (key.Length > 0 && (IsSpace(key[0]) || IsSpace(key[^1])))
            throw new InvalidDataException($"{source}: the pseudonymisation key has leading or trailing whitespace; remove it (it is not trimmed: a dropped space would change every pseudonym)");
        if (Check(key) is { } problem) throw new InvalidDataException($"{source}: the pseudonymisation key {problem}");
        return new Pseudonymizer(key);
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
