using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace Fn.AwsGuardDuty.GuardDuty.Http;

/// <summary>
/// Signs one GuardDuty request with AWSSDK.Core's public SigV4 signer and puts the signature headers on it.
/// <para>
/// Why not <see cref="SigV4SigningHandler"/>: for every request with a body it copies the content into a new buffer and
/// throws and catches an <see cref="InvalidOperationException"/> ("Misused header name 'Authorization'") while cleaning
/// the content headers; one exception per archive call was a visible share of the app's CPU. Here the body is the
/// byte array the request sends, hashed once, and nothing throws.
/// </para>
/// </summary>
internal sealed class GuardDutySigner(AWSCredentials credentials, string service = "guardduty")
{
    public const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>Signs <paramref name="message"/> (whose body, if any, is <paramref name="body"/> sent as <see cref="JsonContentType"/>) for <paramref name="region"/>.</summary>
    public async Task SignAsync(HttpRequestMessage message, string region, byte[]? body, CancellationToken cancellationToken)
    {
        var request = new AWSSigningRequest { HttpMethod = message.Method, RequestUri = message.RequestUri, Content = body ?? [] };
        if (body is not null) request.Headers["Content-Type"] = JsonContentType;
        var signed = await AWSSigV4Signer.SignAsync(request, new AWSSigV4Parameters
        {
            Credentials = credentials,
            Region = RegionEndpoint.GetBySystemName(region),
            Service = service,
        }, cancellationToken).ConfigureAwait(false);
        foreach (var (name, value) in signed.Headers)
            message.Headers.TryAddWithoutValidation(name, value);
    }
}
