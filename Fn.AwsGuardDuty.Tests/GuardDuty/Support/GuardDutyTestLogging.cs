using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Tests.GuardDuty;

/// <summary>
/// One log capture for every GuardDuty test: clients built by these tests log through <see cref="Factory"/>, tests
/// register each secret they hand out with <see cref="Secret"/>, and at the end of the namespace's run no captured line
/// may contain any of them (the dedicated scan test checks the same mid-run).
/// </summary>
[SetUpFixture]
public sealed class GuardDutyTestLogging
{
    private static readonly ConcurrentDictionary<string, byte> Secrets = new(StringComparer.Ordinal);

    internal static Support.LogCapture Capture { get; } = new();

    internal static ILoggerFactory Factory { get; } = Capture.CreateFactory();

    /// <summary>Registers a secret value (secret key, session token, password) and returns it.</summary>
    internal static string Secret(string value)
    {
        Secrets[value] = 0;
        return value;
    }

    internal static IReadOnlyCollection<string> AllSecrets => Secrets.Keys.ToList();

    internal static IReadOnlyList<string> LeakedLines() => Capture.LinesContainingAny(AllSecrets);

    [OneTimeTearDown]
    public void NoSecretWasLogged()
    {
        var leaked = LeakedLines();
        leaked.Should().BeEmpty("no GuardDuty log line may carry a secret");
    }
}
