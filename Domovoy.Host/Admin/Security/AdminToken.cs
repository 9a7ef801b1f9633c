using System.Security.Cryptography;
using System.Text;

namespace Domovoy.Host.Admin.Security;

/// <summary>
/// The access token of the status page and admin API, and the session cookie value derived from it (an HMAC, so the
/// cookie never carries the token itself). Comparisons run in constant time.
/// </summary>
internal sealed class AdminToken
{
    /// <summary>The session cookie's name.</summary>
    public const string CookieName = "domovoy_admin";

    private readonly byte[] _token;
    private readonly byte[] _session;

    private AdminToken(string token, bool generated)
    {
        _token = Encoding.UTF8.GetBytes(token);
        _session = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(HMACSHA256.HashData(_token, "domovoy-admin-session"u8)));
        Value = token;
        IsGenerated = generated;
    }

    /// <summary>The token; only ever written to the log once, when generated.</summary>
    public string Value { get; }

    /// <summary>True when no token was configured and this one was generated for this run.</summary>
    public bool IsGenerated { get; }

    /// <summary>The value of the session cookie a successful login sets.</summary>
    public string SessionValue => Encoding.ASCII.GetString(_session);

    /// <summary>The configured token, or a new random one (256 bits, hex) when <paramref name="configured"/> is null.</summary>
    public static AdminToken From(string? configured)
        => configured is null ? new AdminToken(RandomNumberGenerator.GetHexString(64, lowercase: true), generated: true) : new AdminToken(configured, generated: false);

    public bool Matches(string? candidate)
        => candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _token);

    public bool MatchesSession(string? cookie)
        => cookie is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(cookie), _session);
}
