using Fn.AwsGuardDuty.Tests.Reliability.Support;

namespace Fn.AwsGuardDuty.Tests.Reliability;

/// <summary>
/// Reliability 7: no secret in any log line across the whole reliability run. Every test of this suite registers the
/// secrets it hands out (SOAR api_key_secret and password, AWS secret access key and session token, broker passcodes)
/// in the <see cref="LogBook"/> and sends every log line there (the listener's and the clients' loggers, the app
/// process's stdout, stderr and log files). This fixture runs last and adds the paths most likely to leak: the app
/// refused by SOAR for a wrong password, and AWS refusing a wrong secret key, both of which log the failure.
/// </summary>
[Category("Reliability")]
[NonParallelizable]
[Order(100)]
public sealed class SecretsInLogsTests
{
    [Test]
    public async Task No_secret_appears_in_any_log_line_of_the_reliability_run()
    {
        await using (var world = await AppWorld.StartAsync("secrets"))
        {
            var detector = world.Detector("us-east-1");
            var findings = world.Seed(detector, 10, seed: 701);

            // A wrong SOAR password: run stops at start-up with exit 1 and one line on stderr.
            var wrongPassword = "wrong-soar-password-" + Guid.NewGuid().ToString("N");
            LogBook.Run.AddSecret("SOAR password (wrong)", wrongPassword);
            world.WriteConfig(passwordLogin: true, resilientExtra: new Dictionary<string, string> { ["password"] = wrongPassword });
            var refused = world.StartApp();
            await Eventually.HoldsAsync(() => refused.HasExited, TimeSpan.FromSeconds(60), () => "run with a wrong SOAR password did not stop");
            refused.ExitCode.Should().Be(1);

            // A wrong AWS secret key: AWS refuses the signature (403 SignatureDoesNotMatch), which is logged.
            var wrongAwsSecret = "wrong/aws+secret-" + Guid.NewGuid().ToString("N");
            LogBook.Run.AddSecret("AWS secret access key (wrong)", wrongAwsSecret);
            world.WriteConfig(passwordLogin: true, guardDutyExtra: new Dictionary<string, string> { ["aws_gd_secret_access_key"] = wrongAwsSecret });
            var denied = world.StartApp();
            await Eventually.HoldsAsync(() => world.ReadLogLines().Any(l => l.Contains("SignatureDoesNotMatch", StringComparison.Ordinal)) || denied.HasExited,
                TimeSpan.FromSeconds(20), () => "no AWS signature failure was logged:\n" + string.Join("\n", world.ReadLogLines().Where(l => !l.Contains("Poll", StringComparison.Ordinal)).TakeLast(30)));
            await denied.StopAsync(TimeSpan.FromSeconds(30));

            // And a run that works, logging in by password, with the session token.
            world.WriteConfig(passwordLogin: true);
            var app = world.StartApp();
            await Eventually.HoldsAsync(() => world.IncidentCount >= findings.Count || app.HasExited, TimeSpan.FromSeconds(60),
                () => $"{world.IncidentCount} of {findings.Count} incidents");
            (await app.StopAsync(TimeSpan.FromSeconds(30))).Should().Be(0);
        }

        var book = LogBook.Run;
        TestContext.Out.WriteLine($"{book.LineCount} log lines ({book.Characters / 1048576} M characters) from {book.LinesBySource.Count} sources, " +
                                  $"searched for {book.SecretCount} secrets of kinds: {string.Join(", ", book.SecretKinds)}");
        foreach (var (source, lines) in book.LinesBySource)
        {
            TestContext.Out.WriteLine($"  {lines,8} {source}");
        }

        book.SecretKinds.Should().Contain(["SOAR api_key_secret", "SOAR password", "AWS secret access key", "AWS session token"],
            "every kind of secret was in play");
        book.LinesBySource.Keys.Should().Contain(k => k.Contains("log file", StringComparison.Ordinal), "the app's log files were read");
        book.Leaks.Should().BeEmpty("no secret may appear in a log line");
    }
}
