using System.Net;
using System.Security;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Fn.AwsGuardDuty.Sandbox.Aws;

/// <summary>
/// STS on 127.0.0.1, just enough for <c>selftest</c>'s "AWS credentials" row: the query-protocol
/// <c>GetCallerIdentity</c>, SigV4-verified against the sandbox's access key (a wrong secret is refused as STS refuses
/// it), answered with the XML STS returns. Everything else gets STS's <c>InvalidAction</c>.
/// </summary>
public sealed class StsCallerIdentityEndpoint : IAsyncDisposable
{
    private const string Namespace = "https://sts.amazonaws.com/doc/2011-06-15/";
    private readonly WebApplication _app;
    private readonly SigV4Verifier _verifier;

    private StsCallerIdentityEndpoint(WebApplication app, SigV4Verifier verifier)
    {
        _app = app;
        _verifier = verifier;
    }

    public Uri Endpoint { get; private set; } = null!;

    public static async Task<StsCallerIdentityEndpoint> StartAsync(IEnumerable<AwsCredential> credentials, CancellationToken cancellationToken = default)
    {
        var verifier = new SigV4Verifier(new AwsCredentialStore(credentials), TimeProvider.System, TimeSpan.FromMinutes(15));
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 64 * 1024;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        var endpoint = new StsCallerIdentityEndpoint(app, verifier);
        app.Run(endpoint.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        endpoint.Endpoint = new Uri($"http://127.0.0.1:{new Uri(address).Port}/");
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var body = buffer.ToArray();
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.ToUriComponent();
        var question = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = question < 0 ? rawTarget : rawTarget[..question];
        var rawQuery = question < 0 ? "" : rawTarget[(question + 1)..];
        var headers = context.Request.Headers.SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v ?? "")));
        var request = new SigV4Request(context.Request.Method, rawPath, rawQuery, headers, body);

        var parameters = QueryHelpers.ParseQuery(rawQuery).Concat(QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)))
            .GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value.ToString(), StringComparer.Ordinal);
        SigV4Identity identity;
        try
        {
            identity = _verifier.Verify(request);
            if (identity.Service != "sts")
                throw new AwsAuthException(AwsAuthFailure.InvalidScope, $"Credential should be scoped to correct service: 'sts'.");
        }
        catch (AwsAuthException e)
        {
            var code = e.Failure switch
            {
                AwsAuthFailure.UnknownAccessKey => "InvalidClientTokenId",
                AwsAuthFailure.MissingAuthentication => "MissingAuthenticationToken",
                AwsAuthFailure.SignatureMismatch => "SignatureDoesNotMatch",
                AwsAuthFailure.SignatureExpired => "SignatureDoesNotMatch",
                _ => "IncompleteSignature",
            };
            await WriteAsync(context, 403, Error(code, e.Message, requestId)).ConfigureAwait(false);
            return;
        }

        if (parameters.GetValueOrDefault("Action") != "GetCallerIdentity")
        {
            await WriteAsync(context, 400, Error("InvalidAction", "This sandbox STS answers GetCallerIdentity only.", requestId)).ConfigureAwait(false);
            return;
        }

        var account = identity.AccountId;
        await WriteAsync(context, 200, $"""
            <GetCallerIdentityResponse xmlns="{Namespace}">
              <GetCallerIdentityResult>
                <Arn>arn:aws:iam::{account}:user/fn-aws-guardduty-sandbox</Arn>
                <UserId>AIDA{SecurityElement.Escape(identity.AccessKeyId)}</UserId>
                <Account>{account}</Account>
              </GetCallerIdentityResult>
              <ResponseMetadata><RequestId>{requestId}</RequestId></ResponseMetadata>
            </GetCallerIdentityResponse>
            """).ConfigureAwait(false);
    }

    private static string Error(string code, string message, string requestId) => $"""
        <ErrorResponse xmlns="{Namespace}">
          <Error><Type>Sender</Type><Code>{code}</Code><Message>{SecurityElement.Escape(message)}</Message></Error>
          <RequestId>{requestId}</RequestId>
        </ErrorResponse>
        """;

    private static async Task WriteAsync(HttpContext context, int status, string xml)
    {
        var bytes = Encoding.UTF8.GetBytes(xml);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }
}
