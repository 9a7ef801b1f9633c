namespace Domovoy.Simulator.States;

/// <summary>Makes 26-character ULIDs (48-bit millisecond time + 80 random bits, Crockford base32) like core's ulid_now().</summary>
internal sealed class ContextIdGenerator(TimeProvider time, Random random)
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private readonly Lock _gate = new();

    public string Next()
    {
        var ms = (ulong)Math.Max(0, time.GetUtcNow().ToUnixTimeMilliseconds());
        Span<byte> randomness = stackalloc byte[10];
        lock (_gate)
        {
            random.NextBytes(randomness);
        }

        // 128 bits = 2 bits of padding + 26 * 5 bits; encode as a big integer, most significant first.
        var hi = (ms << 16) | ((ulong)randomness[0] << 8) | randomness[1];
        ulong lo = 0;
        for (var i = 2; i < 10; i++)
        {
            lo = (lo << 8) | randomness[i];
        }

        Span<char> chars = stackalloc char[26];
        for (var i = 25; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(lo & 0x1F)];
            lo = (lo >> 5) | ((hi & 0x1F) << 59);
            hi >>= 5;
        }

        return new string(chars);
    }
}
