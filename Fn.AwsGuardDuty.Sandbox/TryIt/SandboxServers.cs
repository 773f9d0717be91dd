using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Fn.AwsGuardDuty.Sandbox.Stomp;
using Fn.AwsGuardDuty.Sandbox.Worlds;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>
/// The try-it's <see cref="World"/>: a detector in each of <see cref="Regions"/>, STS for selftest, SOAR empty of the
/// app's objects (as a fresh SOAR) with the app's and the analyst's API keys, the STOMP broker over TLS with the
/// platform's user; the CA in the layout.
/// </summary>
public static class SandboxServers
{
    public const int OrgId = 201;
    public const string OrgName = "Sandbox Org";
    public static readonly IReadOnlyList<string> Regions = ["us-east-1", "eu-west-1", "ap-southeast-2"];

    public static Task<World> StartAsync(SandboxSecrets secrets, SandboxLayout layout, ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default) =>
        World.Create().InDirectory(layout.Root).WithCaFile(layout.CaFile).WithLogging(loggerFactory ?? NullLoggerFactory.Instance)
            .WithAws(SandboxSecrets.AwsAccountId, secrets.AwsAccessKeyId, secrets.AwsSecretAccessKey).WithRegions([.. Regions]).WithSts()
            .WithOrg(OrgId, OrgName).WithApiKey(secrets.AppKeyId, secrets.AppKeySecret)
            .WithSoar(o => o.ApiKeys.Add(new SoarApiKeyOptions
            {
                Id = secrets.AnalystKeyId, Secret = secrets.AnalystKeySecret, Handle = SandboxSecrets.AnalystKeyHandle, Name = "analyst",
            }))
            .WithSandboxBroker(new SandboxStompUser(secrets.PlatformLogin, secrets.PlatformPasscode))
            .StartAsync(cancellationToken);
}
