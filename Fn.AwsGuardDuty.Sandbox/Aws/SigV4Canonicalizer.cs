using System.Security.Cryptography;
using System.Text;

namespace Fn.AwsGuardDuty.Sandbox.Aws;

/// <summary>
/// The SigV4 algorithm from the server's side, written from the published specification: canonical request,
/// string to sign, signing key and signature. For every service but S3 the canonical URI is the wire path
/// URI-encoded once more, so a label sent as <c>abc%2F1</c> is signed as <c>abc%252F1</c>.
/// </summary>
public static class SigV4Canonicalizer
{
    public static string HashHex(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static string CanonicalRequest(SigV4Request request, IReadOnlyList<string> signedHeaders)
    {
        var builder = new StringBuilder();
        builder.Append(request.Method.ToUpperInvariant()).Append('\n');
        builder.Append(CanonicalUri(request.RawPath)).Append('\n');
        builder.Append(CanonicalQuery(request.RawQuery)).Append('\n');
        foreach (var name in signedHeaders)
        {
            builder.Append(name).Append(':').Append(CanonicalHeaderValue(request, name)).Append('\n');
        }

        builder.Append('\n');
        builder.Append(string.Join(';', signedHeaders)).Append('\n');
        builder.Append(HashHex(request.Body));
        return builder.ToString();
    }

    public static string StringToSign(string amzDate, string credentialScope, string canonicalRequest) =>
        $"{SigV4AuthorizationHeader.Algorithm}\n{amzDate}\n{credentialScope}\n{HashHex(Encoding.UTF8.GetBytes(canonicalRequest))}";

    public static byte[] SigningKey(string secretAccessKey, string scopeDate, string region, string service)
    {
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), scopeDate);
        key = Hmac(key, region);
        key = Hmac(key, service);
        return Hmac(key, "aws4_request");
    }

    public static string Signature(byte[] signingKey, string stringToSign) =>
        Convert.ToHexStringLower(Hmac(signingKey, stringToSign));

    /// <summary>Computes the signature the client should have sent for <paramref name="request"/>.</summary>
    public static string ComputeSignature(SigV4Request request, SigV4AuthorizationHeader authorization, string amzDate, string secretAccessKey)
    {
        var canonical = CanonicalRequest(request, authorization.SignedHeaders);
        var stringToSign = StringToSign(amzDate, authorization.CredentialScope, canonical);
        var key = SigningKey(secretAccessKey, authorization.ScopeDate, authorization.Region, authorization.Service);
        return Signature(key, stringToSign);
    }

    public static string CanonicalUri(string rawPath)
    {
        var segments = RemoveDotSegments(rawPath.Split('/'));
        var encoded = string.Join('/', segments.Select(UriEncode));
        return encoded.StartsWith('/') ? encoded : "/" + encoded;
    }

    public static string CanonicalQuery(string rawQuery)
    {
        if (rawQuery.Length == 0)
        {
            return "";
        }

        var pairs = new List<(string Key, string Value)>();
        foreach (var part in rawQuery.Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? "" : part[(equals + 1)..];
            pairs.Add((UriEncode(Uri.UnescapeDataString(key)), UriEncode(Uri.UnescapeDataString(value))));
        }

        return string.Join('&', pairs
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .ThenBy(pair => pair.Value, StringComparer.Ordinal)
            .Select(pair => pair.Key + "=" + pair.Value));
    }

    /// <summary>RFC 3986 encoding as SigV4 wants it: unreserved characters kept, everything else %XX upper-case.</summary>
    public static string UriEncode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static string CanonicalHeaderValue(SigV4Request request, string name)
    {
        if (!request.Headers.TryGetValue(name, out var values))
        {
            return "";
        }

        return string.Join(',', values.Select(CollapseWhitespace));
    }

    private static string CollapseWhitespace(string value)
    {
        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value.Trim())
        {
            if (c is ' ' or '\t')
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static List<string> RemoveDotSegments(string[] segments)
    {
        var output = new List<string>();
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment == "." )
            {
                continue;
            }

            if (segment == "..")
            {
                if (output.Count > 1)
                {
                    output.RemoveAt(output.Count - 1);
                }

                continue;
            }

            output.Add(segment);
        }

        return output;
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
