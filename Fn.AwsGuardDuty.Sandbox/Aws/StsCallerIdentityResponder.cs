using System.Security;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace Fn.AwsGuardDuty.Sandbox.Aws;

/// <summary>
/// STS's query-protocol <c>GetCallerIdentity</c>, SigV4-verified (a wrong secret is refused as STS refuses it) and
/// answered with the XML STS returns; every other action gets STS's <c>InvalidAction</c>. Served on its own port by
/// the try-it STS endpoint and on the GuardDuty emulator's port for requests signed for <c>sts</c>.
/// </summary>
public static class StsCallerIdentityResponder
{
    private const string Namespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    public static async Task HandleAsync(HttpContext context, SigV4Verifier verifier)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var body = buffer.ToArray();
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.ToUriComponent();
        var question = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = question < 0 ? rawTarget : rawTarget[..question];
        var rawQuery = question < 0 ? "" : rawTarget[(question + 1)..];
        var headers = context.Request.Headers.SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v ?? "")));
        await RespondAsync(context, new SigV4Request(context.Request.Method, rawPath, rawQuery, headers, body), verifier).ConfigureAwait(false);
    }

    /// <summary>Answers a request whose body was already read.</summary>
    public static async Task RespondAsync(HttpContext context, SigV4Request request, SigV4Verifier verifier)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        var parameters = QueryHelpers.ParseQuery(request.RawQuery).Concat(QueryHelpers.ParseQuery(Encoding.UTF8.GetString(request.Body)))
            .GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value.ToString(), StringComparer.Ordinal);
        SigV4Identity identity;
        try
        {
            identity = verifier.Verify(request);
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
