using System.Collections.Concurrent;
using System.Globalization;
using System.Security;
using Fn.AwsGuardDuty.Sandbox.Http;
using Microsoft.AspNetCore.Http;

namespace Fn.AwsGuardDuty.Tests.GuardDuty.Support;

/// <summary>
/// A loopback STS answering the query-protocol AssumeRole with the XML the real service returns. Each call hands out the
/// next key of <see cref="Issue"/>; the requests' form parameters and Authorization headers are recorded.
/// GetCallerIdentity answers for the access keys in <see cref="Identities"/> and refuses others as STS does.
/// </summary>
internal sealed class StsStandIn : IAsyncDisposable
{
    private readonly LoopbackServer _server;
    private int _calls;

    private StsStandIn(LoopbackServer server) => _server = server;

    public Uri Endpoint => _server.Endpoint;

    /// <summary>Access key, secret and token handed out by call number (0-based); the last one repeats.</summary>
    public List<(string AccessKeyId, string SecretAccessKey, string SessionToken)> Issue { get; } = [];

    /// <summary>How long issued credentials live.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>When set, every AssumeRole is refused with this 403 code.</summary>
    public string? RefuseWith { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Back to no calls, no recorded requests, one-hour credentials, no refusal.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _calls, 0);
        Issue.Clear();
        Lifetime = TimeSpan.FromHours(1);
        RefuseWith = null;
        Identities.Clear();
        while (Requests.TryDequeue(out _)) { }
        while (Authorizations.TryDequeue(out _)) { }
    }

    public ConcurrentQueue<IReadOnlyDictionary<string, string>> Requests { get; } = new();

    /// <summary>GetCallerIdentity: the account of each access key it knows (the signature itself is not checked).</summary>
    public ConcurrentDictionary<string, string> Identities { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Authorizations { get; } = new();

    public static async Task<StsStandIn> StartAsync()
    {
        StsStandIn? self = null;
        var server = await LoopbackServer.StartAsync(context => self!.HandleAsync(context));
        self = new StsStandIn(server);
        return self;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var parameters = form.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        Requests.Enqueue(parameters);
        Authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
        context.Response.ContentType = "text/xml";
        if (parameters.GetValueOrDefault("Action") == "GetCallerIdentity")
        {
            await CallerIdentityAsync(context);
            return;
        }
        if (parameters.GetValueOrDefault("Action") != "AssumeRole")
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync(Error("InvalidAction", "Only AssumeRole here"));
            return;
        }
        if (RefuseWith is not null)
        {
            context.Response.StatusCode = 403;
            await context.Response.WriteAsync(Error(RefuseWith,
                $"User: arn:aws:iam::111122223333:user/poller is not authorized to perform: sts:AssumeRole on resource: {parameters.GetValueOrDefault("RoleArn")}"));
            return;
        }
        var n = Interlocked.Increment(ref _calls) - 1;
        var issued = Issue[Math.Min(n, Issue.Count - 1)];
        var expiry = DateTime.UtcNow.Add(Lifetime).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var session = parameters.GetValueOrDefault("RoleSessionName") ?? "";
        await context.Response.WriteAsync($"""
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleResult>
                <AssumedRoleUser>
                  <Arn>arn:aws:sts::444455556666:assumed-role/guardduty-reader/{SecurityElement.Escape(session)}</Arn>
                  <AssumedRoleId>AROA3XFRBF535PLBIFPI4:{SecurityElement.Escape(session)}</AssumedRoleId>
                </AssumedRoleUser>
                <Credentials>
                  <AccessKeyId>{issued.AccessKeyId}</AccessKeyId>
                  <SecretAccessKey>{SecurityElement.Escape(issued.SecretAccessKey)}</SecretAccessKey>
                  <SessionToken>{SecurityElement.Escape(issued.SessionToken)}</SessionToken>
                  <Expiration>{expiry}</Expiration>
                </Credentials>
                <PackedPolicySize>6</PackedPolicySize>
              </AssumeRoleResult>
              <ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata>
            </AssumeRoleResponse>
            """);
    }

    private async Task CallerIdentityAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var start = authorization.IndexOf("Credential=", StringComparison.Ordinal);
        var accessKey = start < 0 ? "" : authorization[(start + "Credential=".Length)..].Split('/')[0];
        if (!Identities.TryGetValue(accessKey, out var account))
        {
            context.Response.StatusCode = 403;
            await context.Response.WriteAsync(Error("InvalidClientTokenId", "The security token included in the request is invalid."));
            return;
        }
        await context.Response.WriteAsync($"""
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <GetCallerIdentityResult>
                <Arn>arn:aws:iam::{account}:user/guardduty-app</Arn>
                <UserId>AIDA{account}</UserId>
                <Account>{account}</Account>
              </GetCallerIdentityResult>
              <ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata>
            </GetCallerIdentityResponse>
            """);
    }

    private static string Error(string code, string message) => $"""
        <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <Error><Type>Sender</Type><Code>{code}</Code><Message>{SecurityElement.Escape(message)}</Message></Error>
          <RequestId>{Guid.NewGuid()}</RequestId>
        </ErrorResponse>
        """;

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
