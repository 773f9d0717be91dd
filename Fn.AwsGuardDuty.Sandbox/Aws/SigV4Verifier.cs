using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Fn.AwsGuardDuty.Sandbox.Aws;

/// <summary>
/// Verifies SigV4 <c>Authorization</c> headers against the secrets of <see cref="AwsCredentialStore"/>.
/// Region, service and access key come from the credential scope; the signature is recomputed here.
/// </summary>
public sealed class SigV4Verifier(AwsCredentialStore credentials, TimeProvider clock, TimeSpan maxClockSkew)
{
    private const string AmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";

    public SigV4Identity Verify(SigV4Request request)
    {
        var authorization = request.Header("Authorization");
        if (string.IsNullOrWhiteSpace(authorization))
        {
            throw new AwsAuthException(AwsAuthFailure.MissingAuthentication, "Missing Authentication Token");
        }

        if (!SigV4AuthorizationHeader.TryParse(authorization, out var header, out var parseError))
        {
            throw new AwsAuthException(AwsAuthFailure.IncompleteSignature, parseError);
        }

        if (!credentials.TryGet(header!.AccessKeyId, out var credential))
        {
            throw new AwsAuthException(AwsAuthFailure.UnknownAccessKey, "The security token included in the request is invalid.");
        }

        CheckSessionToken(request, credential);
        var (amzDate, signedAt) = RequestTime(request, header);
        if (!header.SignedHeaders.Contains("host"))
        {
            throw new AwsAuthException(AwsAuthFailure.SignatureMismatch, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }

        var expected = SigV4Canonicalizer.ComputeSignature(request, header, amzDate, credential.SecretAccessKey);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(header.Signature)))
        {
            throw new AwsAuthException(
                AwsAuthFailure.SignatureMismatch,
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }

        CheckClockSkew(amzDate, signedAt);
        return new SigV4Identity(credential.AccessKeyId, credential.AccountId, header.Region, header.Service, signedAt);
    }

    private static void CheckSessionToken(SigV4Request request, AwsCredential credential)
    {
        var token = request.Header("X-Amz-Security-Token");
        var valid = credential.SessionToken is null
            ? token is null
            : token is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(credential.SessionToken));
        if (!valid)
        {
            throw new AwsAuthException(AwsAuthFailure.InvalidSessionToken, "The security token included in the request is invalid.");
        }
    }

    private static (string AmzDate, DateTimeOffset SignedAt) RequestTime(SigV4Request request, SigV4AuthorizationHeader header)
    {
        var amzDate = request.Header("X-Amz-Date");
        DateTimeOffset signedAt;
        if (amzDate is not null)
        {
            if (!DateTimeOffset.TryParseExact(amzDate, AmzDateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out signedAt))
            {
                throw new AwsAuthException(AwsAuthFailure.IncompleteSignature, $"X-Amz-Date '{amzDate}' is not in the form yyyyMMddTHHmmssZ.");
            }
        }
        else
        {
            var date = request.Header("Date");
            if (date is null || !DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out signedAt))
            {
                throw new AwsAuthException(AwsAuthFailure.IncompleteSignature, "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
            }

            amzDate = signedAt.UtcDateTime.ToString(AmzDateFormat, CultureInfo.InvariantCulture);
        }

        if (!amzDate.StartsWith(header.ScopeDate, StringComparison.Ordinal))
        {
            throw new AwsAuthException(
                AwsAuthFailure.SignatureMismatch,
                $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{header.ScopeDate}' != '{amzDate[..8]}', from '{amzDate}'.");
        }

        return (amzDate, signedAt);
    }

    private void CheckClockSkew(string amzDate, DateTimeOffset signedAt)
    {
        var now = clock.GetUtcNow();
        var nowText = now.UtcDateTime.ToString(AmzDateFormat, CultureInfo.InvariantCulture);
        if (signedAt < now - maxClockSkew)
        {
            var limit = (now - maxClockSkew).UtcDateTime.ToString(AmzDateFormat, CultureInfo.InvariantCulture);
            throw new AwsAuthException(
                AwsAuthFailure.SignatureExpired,
                $"Signature expired: {amzDate} is now earlier than {limit} ({nowText} - {maxClockSkew.TotalMinutes:0} min.)");
        }

        if (signedAt > now + maxClockSkew)
        {
            var limit = (now + maxClockSkew).UtcDateTime.ToString(AmzDateFormat, CultureInfo.InvariantCulture);
            throw new AwsAuthException(
                AwsAuthFailure.SignatureExpired,
                $"Signature not yet current: {amzDate} is still later than {limit} ({nowText} + {maxClockSkew.TotalMinutes:0} min.)");
        }
    }
}
