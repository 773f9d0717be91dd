using System.Security.Cryptography;
using System.Text;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Paging;

/// <summary>
/// Opaque <c>nextToken</c>s. A token carries a cursor (the last item's sort key and id, not an offset) and a hash
/// of the query it belongs to, and is sealed with an HMAC under a key made at emulator start. Replaying it with a
/// different query, a different detector, an edited or foreign token gives 400.
/// </summary>
internal sealed class PageTokenCodec
{
    private const int MacLength = 16;
    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);

    public static string QueryHash(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u0000', parts))));

    public string Encode(string queryHash, JObject cursor)
    {
        var payload = Encoding.UTF8.GetBytes(WireJson.Serialize(new JObject { ["q"] = queryHash, ["c"] = cursor }));
        var mac = HMACSHA256.HashData(key, payload).AsSpan(0, MacLength).ToArray();
        return Base64Url(payload) + "." + Base64Url(mac);
    }

    public JObject Decode(string token, string queryHash)
    {
        try
        {
            var dot = token.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0)
            {
                throw Invalid();
            }

            var payload = FromBase64Url(token[..dot]);
            var mac = FromBase64Url(token[(dot + 1)..]);
            var expected = HMACSHA256.HashData(key, payload).AsSpan(0, MacLength);
            if (!CryptographicOperations.FixedTimeEquals(mac, expected))
            {
                throw Invalid();
            }

            var document = WireJson.ParseObject(Encoding.UTF8.GetString(payload));
            if (document.Value<string>("q") != queryHash || document["c"] is not JObject cursor)
            {
                throw Invalid();
            }

            return cursor;
        }
        catch (FormatException)
        {
            throw Invalid();
        }
    }

    private static AwsServiceErrorException Invalid() => GuardDutyErrors.InvalidParameter("nextToken");

    private static string Base64Url(byte[] data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }
}
