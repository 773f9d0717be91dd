using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.FindingGenerator;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.Soar;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Fn.AwsGuardDuty.Sandbox.Soar.State;
using Fn.AwsGuardDuty.Tests.Poller.Support;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Reliability.Support;

/// <summary>
/// Everything the built app talks to while the poller escalates, in this process on 127.0.0.1: the GuardDuty/EC2
/// emulator (temporary credentials: key, secret and session token) and the SOAR emulator (HTTPS, GuardDuty
/// customization preloaded, actions framework off so <c>run</c> needs no broker), a temporary home with an
/// app.config, a state dir and a log dir. <see cref="StartApp"/> runs the app against it as a child process.
/// Every secret and, at the end, every line of the app's log files go into the <see cref="LogBook"/>.
/// </summary>
public sealed class AppWorld : IAsyncDisposable
{
    public const string Account = "987654321098";
    public static readonly IReadOnlyList<string> Regions = ["us-east-1", "eu-west-1"];
    private const string OrgName = "Reliability Org";

    private readonly string _name;
    private readonly ILoggerFactory _loggerFactory;
    private readonly List<AppProcess> _processes = [];

    private AppWorld(string name, string dir, GuardDutyEmulator guardDuty, SoarEmulator soar, ILoggerFactory loggerFactory, Credentials secrets)
    {
        _name = name;
        Directory = dir;
        GuardDuty = guardDuty;
        Soar = soar;
        _loggerFactory = loggerFactory;
        Secrets = secrets;
    }

    public string Directory { get; }

    public string Home => Path.Combine(Directory, "home");

    public string ConfigPath => Path.Combine(Home, "app.config");

    public string StateDir => Path.Combine(Directory, "state");

    public string LogDir => Path.Combine(Directory, "logs");

    public GuardDutyEmulator GuardDuty { get; }

    public GuardDutyEmulatorState Gd => GuardDuty.State;

    public SoarEmulator Soar { get; }

    public SoarOrgState Org => Soar.State.DefaultOrg;

    public Credentials Secrets { get; }

    /// <summary>Processes started so far (the last one is the current app).</summary>
    public IReadOnlyList<AppProcess> Processes => _processes;

    public static async Task<AppWorld> StartAsync(string name)
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("reliability-app-").FullName;
        System.IO.Directory.CreateDirectory(Path.Combine(dir, "home"));
        var secrets = new Credentials(
            AccessKeyId: "AKIAAPPWORLD" + RandomNumberGenerator.GetHexString(8),
            SecretAccessKey: "aws/secret+" + RandomNumberGenerator.GetHexString(28),
            SessionToken: "FwoGZXIvYXdzE" + RandomNumberGenerator.GetHexString(40),
            ApiKeyId: "reliability-api-key",
            ApiKeySecret: "api-key-secret-" + RandomNumberGenerator.GetHexString(20),
            Email: "soc-integration@example.com",
            Password: "soar-password-" + RandomNumberGenerator.GetHexString(12));
        LogBook.Run.AddSecret("AWS secret access key", secrets.SecretAccessKey);
        LogBook.Run.AddSecret("AWS session token", secrets.SessionToken);
        LogBook.Run.AddSecret("SOAR api_key_secret", secrets.ApiKeySecret);
        LogBook.Run.AddSecret("SOAR password", secrets.Password);

        var logs = new LogBookLoggerProvider(LogBook.Run, name + " emulators");
        var loggerFactory = logs.CreateFactory(LogLevel.Information);
        var guardDuty = await GuardDutyEmulator.StartAsync(new GuardDutyEmulatorOptions
        {
            Credentials = [new AwsCredential(secrets.AccessKeyId, secrets.SecretAccessKey, Account, secrets.SessionToken)],
            LoggerFactory = loggerFactory,
        });
        var soar = await SoarEmulator.StartAsync(new SoarEmulatorOptions
        {
            CaPemPath = Path.Combine(dir, "soar-ca.pem"),
            Preload = SoarPreload.GuardDuty,
            Orgs = [new SoarOrgOptions { Id = 301, Name = OrgName, Uuid = Guid.NewGuid().ToString(), ActionsFrameworkEnabled = false }],
            ApiKeys = [new SoarApiKeyOptions { Id = secrets.ApiKeyId, Secret = secrets.ApiKeySecret }],
            Users = [new SoarUserOptions { Email = secrets.Email, Password = secrets.Password }],
        }, loggerFactory);
        var world = new AppWorld(name, dir, guardDuty, soar, loggerFactory, secrets);
        foreach (var region in Regions)
        {
            guardDuty.State.CreateDetector(Account, region);
        }

        return world;
    }

    /// <summary>The detector made in <paramref name="region"/>.</summary>
    public DetectorKey Detector(string region) => Gd.EnsureDetector(Account, region);

    /// <summary>
    /// Writes app.config: SOAR by api key (or email/password), the emulators' endpoints, the temporary AWS credentials,
    /// a 1 s polling interval, DEBUG logs into <see cref="LogDir"/>. <paramref name="resilientExtra"/> and
    /// <paramref name="guardDutyExtra"/> replace the defaults they name (key = value lines).
    /// </summary>
    public string WriteConfig(bool passwordLogin = false, IReadOnlyDictionary<string, string>? resilientExtra = null,
        IReadOnlyDictionary<string, string>? guardDutyExtra = null)
    {
        var resilient = new Dictionary<string, string>
        {
            ["host"] = "127.0.0.1",
            ["port"] = Soar.Port.ToString(CultureInfo.InvariantCulture),
            ["org"] = OrgName,
            ["cafile"] = Path.Combine(Directory, "soar-ca.pem"),
            ["stomp_host"] = "127.0.0.1",
            ["stomp_port"] = ClosedPort().ToString(CultureInfo.InvariantCulture),
            ["stomp_tls"] = "false",
            ["num_workers"] = "4",
            ["request_max_retries"] = "5",
            ["request_retry_delay"] = "1",
            ["request_retry_backoff"] = "2",
            ["logdir"] = LogDir,
            ["loglevel"] = "DEBUG",
        };
        if (passwordLogin)
        {
            resilient["email"] = Secrets.Email;
            resilient["password"] = Secrets.Password;
        }
        else
        {
            resilient["api_key_id"] = Secrets.ApiKeyId;
            resilient["api_key_secret"] = Secrets.ApiKeySecret;
        }

        var guardDuty = new Dictionary<string, string>
        {
            ["aws_gd_access_key_id"] = Secrets.AccessKeyId,
            ["aws_gd_secret_access_key"] = Secrets.SecretAccessKey,
            ["aws_gd_session_token"] = Secrets.SessionToken,
            ["aws_gd_master_region"] = "us-east-1",
            ["aws_gd_regions"] = string.Join(", ", Regions),
            ["aws_gd_endpoint_url"] = GuardDuty.Endpoint.ToString(),
            ["aws_gd_ec2_endpoint_url"] = GuardDuty.Endpoint.ToString(),
            ["aws_gd_sts_endpoint_url"] = GuardDuty.Endpoint.ToString(),
            ["aws_gd_polling_interval"] = "1s",
            ["aws_gd_polling_enabled"] = "true",
            ["aws_gd_state_dir"] = StateDir,
            ["aws_gd_max_retries"] = "5",
            ["aws_gd_request_timeout"] = "10s",
        };
        foreach (var (key, value) in resilientExtra ?? new Dictionary<string, string>())
        {
            resilient[key] = value;
        }

        foreach (var (key, value) in guardDutyExtra ?? new Dictionary<string, string>())
        {
            guardDuty[key] = value;
        }

        File.WriteAllText(ConfigPath, "[resilient]\n" + Lines(resilient) + "\n[fn_aws_guardduty]\n" + Lines(guardDuty));
        return ConfigPath;

        static string Lines(Dictionary<string, string> section) => string.Concat(section.Select(kv => $"{kv.Key} = {kv.Value}\n"));
    }

    /// <summary>Starts the built app on <see cref="ConfigPath"/> (write it first).</summary>
    public AppProcess StartApp()
    {
        var app = AppProcess.Start(ConfigPath, Home, $"{_name} app #{_processes.Count + 1}");
        _processes.Add(app);
        return app;
    }

    /// <summary>Generated findings added to the detector (wire JSON as stored).</summary>
    public List<JObject> Seed(DetectorKey detector, int count, int seed, DateTimeOffset? start = null, Action<int, JObject>? change = null)
    {
        var findings = new GuardDutyFindingGenerator(seed, new FindingGeneratorOptions
        {
            AccountId = detector.AccountId,
            Region = detector.Region,
            DetectorId = detector.DetectorId,
            StartTime = start ?? new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero),
        }).Generate(count).ToList();
        if (change is not null)
        {
            for (var i = 0; i < findings.Count; i++)
            {
                change(i, findings[i]);
            }
        }

        Gd.AddFindings(detector, findings);
        return findings.Select(f => Gd.GetFinding(detector, f.Value<string>("id")!)!).ToList();
    }

    /// <summary>GuardDuty incidents in SOAR, by finding id.</summary>
    public ILookup<string, SoarIncidentView> IncidentsByFinding() =>
        Org.GetIncidents()
            .Where(i => i.Properties.GetValueOrDefault(IncidentFields.FindingId) is not null)
            .ToLookup(i => Convert.ToString(i.Properties[IncidentFields.FindingId], CultureInfo.InvariantCulture)!);

    /// <summary>Incidents in the org (cheap enough to poll; only the app creates incidents here).</summary>
    public int IncidentCount => Org.IncidentCount;

    /// <summary>
    /// Nothing lost, nothing duplicated: each seeded finding has exactly one incident, with the detector and region
    /// of its finding, and nothing else has one. <paramref name="contentSample"/> incidents are compared in full with
    /// what the mapper makes of their finding.
    /// </summary>
    public void AssertExactlyOnePerFinding(IEnumerable<(DetectorKey Detector, List<JObject> Findings)> seeded, int contentSample = 50)
    {
        var incidents = IncidentsByFinding();
        var expected = 0;
        var random = new Random(5);
        foreach (var (detector, findings) in seeded)
        {
            foreach (var finding in findings)
            {
                expected++;
                var id = finding.Value<string>("id")!;
                incidents[id].Should().ContainSingle($"finding {id} must have exactly one incident");
                var incident = incidents[id].Single();
                IncidentAssertions.Text(incident.Properties[IncidentFields.DetectorId]).Should().Be(detector.DetectorId);
                IncidentAssertions.Text(incident.Properties[IncidentFields.Region]).Should().Be(detector.Region);
                if (random.Next(Math.Max(1, expected)) < contentSample)
                {
                    SpecIncident.From(Gd.GetFinding(detector, id)!, detector.Region).ShouldBeHeldBy(incident);
                }
            }
        }

        incidents.Count.Should().Be(expected, "no incident for a finding that was not seeded");
    }

    /// <summary>Every line of the app's log files so far (all runs; NLog appends).</summary>
    public IReadOnlyList<string> ReadLogLines()
    {
        if (!System.IO.Directory.Exists(LogDir))
        {
            return [];
        }

        var lines = new List<string>();
        foreach (var file in System.IO.Directory.GetFiles(LogDir, "*", SearchOption.AllDirectories))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    /// <summary>
    /// Findings that GuardDuty reports now: createdAt and updatedAt are the current time (as for new activity), so a
    /// poller that has a checkpoint already must still see them.
    /// </summary>
    public List<JObject> SeedNew(DetectorKey detector, int count, int seed)
    {
        var now = DateTimeOffset.UtcNow;
        return Seed(detector, count, seed, now, (_, finding) =>
        {
            var stamp = Fn.AwsGuardDuty.Sandbox.Aws.IsoTimestamp.Format(now);
            finding["createdAt"] = stamp;
            finding["updatedAt"] = stamp;
            if (finding["service"] is JObject service)
            {
                service["eventFirstSeen"] = stamp;
                service["eventLastSeen"] = stamp;
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        if (System.IO.Directory.Exists(LogDir))
        {
            foreach (var file in System.IO.Directory.GetFiles(LogDir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                LogBook.Run.AddFile($"{_name} log file {Path.GetFileName(file)}", file);
            }
        }

        await Soar.DisposeAsync();
        await GuardDuty.StopAsync();
        _loggerFactory.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The secrets the app is given (all registered in the log book).</summary>
    public sealed record Credentials(string AccessKeyId, string SecretAccessKey, string SessionToken, string ApiKeyId, string ApiKeySecret,
        string Email, string Password);
}
