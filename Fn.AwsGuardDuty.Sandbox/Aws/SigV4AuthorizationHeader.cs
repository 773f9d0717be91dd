using System.Globalization;

namespace Fn.AwsGuardDuty.Sandbox.Aws;

/// <summary>
/// The parsed <c>Authorization: AWS4-HMAC-SHA256 Credential=AKID/yyyyMMdd/region/service/aws4_request,
/// SignedHeaders=a;b, Signature=hex</c> header.
/// </summary>
public sealed record SigV4AuthorizationHeader(
    string AccessKeyId,
    string ScopeDate,
    string Region,
    string Service,
    IReadOnlyList<string> SignedHeaders,
    string Signature)
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    public string CredentialScope => $"{ScopeDate}/{Region}/{Service}/aws4_request";

    /// <summary>Parses the header; on failure <paramref name="error"/> says what is missing, in AWS's words.</summary>
    public static bool TryParse(string value, out SigV4AuthorizationHeader? header, out string error)
    {
        header = null;
        var trimmed = value.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        var algorithm = space < 0 ? trimmed : trimmed[..space];
        if (!string.Equals(algorithm, Algorithm, StringComparison.Ordinal))
        {
            error = $"Unsupported AWS 'algorithm': '{algorithm}'.";
            return false;
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in (space < 0 ? "" : trimmed[(space + 1)..]).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error = $"Authorization header parameter '{part}' is not of the form key=value.";
                return false;
            }

            parameters[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }

        var missing = new[] { "Credential", "SignedHeaders", "Signature" }.Where(name => !parameters.ContainsKey(name)).ToList();
        if (missing.Count > 0)
        {
            error = string.Join(" ", missing.Select(name => $"Authorization header requires '{name}' parameter."));
            return false;
        }

        var scope = parameters["Credential"].Split('/');
        if (scope.Length != 5 || scope.Any(string.IsNullOrEmpty) || scope[4] != "aws4_request"
            || !DateOnly.TryParseExact(scope[1], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            error = $"Credential should be scoped to a valid Region, service and date: '{parameters["Credential"]}'.";
            return false;
        }

        var signedHeaders = parameters["SignedHeaders"].Split(';');
        if (signedHeaders.Any(name => name.Length == 0 || !string.Equals(name, name.ToLowerInvariant(), StringComparison.Ordinal)))
        {
            error = "SignedHeaders must be a ';'-separated list of lower-case header names.";
            return false;
        }

        var signature = parameters["Signature"];
        if (signature.Length != 64 || !signature.All(char.IsAsciiHexDigitLower))
        {
            error = "Signature must be 64 lower-case hexadecimal characters.";
            return false;
        }

        header = new SigV4AuthorizationHeader(scope[0], scope[1], scope[2], scope[3], signedHeaders, signature);
        error = "";
        return true;
    }
}
