using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Fn.AwsGuardDuty.Sandbox.Tls;
using Fn.AwsGuardDuty.Stomp;

namespace Fn.AwsGuardDuty.Tests.Infrastructure;

/// <summary>
/// A real ActiveMQ (the Debian <c>activemq</c> package) in a temp directory: a plain STOMP connector and a
/// STOMP+SSL connector on free 127.0.0.1 ports, KahaDB persistence (so unacked messages survive a kill), no JMX or
/// web console, and simple authentication/authorization with two users: <see cref="Username"/> may read and write
/// <c>actions.&gt;</c>, <c>acks.&gt;</c> and <c>stomp-test.&gt;</c>; <see cref="NoReadUsername"/> may not read
/// <c>actions.&gt;</c> (for the "not authorized" path).
/// Stop, kill and restart keep the same ports and data.
/// </summary>
public sealed class ActiveMqBroker : IAsyncDisposable
{
    public const string ActiveMqJar = "/usr/share/activemq/bin/activemq.jar";
    public const string Java = "/usr/bin/java";
    public const string Keytool = "/usr/bin/keytool";

    private readonly string _directory;
    private readonly string _configPath;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private ActiveMqBroker(string directory)
    {
        _directory = directory;
        _configPath = Path.Combine(directory, "broker.xml");
        StompPort = FreePort();
        StompSslPort = FreePort();
        Password = "pw-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        NoReadPassword = "pw-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        CaCertificatePath = Path.Combine(directory, "ca.pem");
        WrongCaCertificatePath = Path.Combine(directory, "wrong-ca.pem");
    }

    public int StompPort { get; }

    public int StompSslPort { get; }

    public string Username => "soar-app";

    public string Password { get; }

    public string NoReadUsername => "no-read";

    public string NoReadPassword { get; }

    /// <summary>PEM of the CA that issued the SSL connector's certificate (CN/SAN localhost and 127.0.0.1).</summary>
    public string CaCertificatePath { get; }

    /// <summary>PEM of an unrelated CA: verification against it must fail.</summary>
    public string WrongCaCertificatePath { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Writes the config and keystore, starts the broker and waits until both STOMP ports accept connections.</summary>
    public static async Task<ActiveMqBroker> StartAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(ActiveMqJar) || !File.Exists(Java) || !File.Exists(Keytool))
        {
            throw new InvalidOperationException($"ActiveMQ is not installed (need {ActiveMqJar}, {Java} and {Keytool}; apt-get install activemq)");
        }

        var directory = Directory.CreateTempSubdirectory("fn-gd-activemq-").FullName;
        var broker = new ActiveMqBroker(directory);
        try
        {
            await broker.PrepareAsync(cancellationToken);
            await broker.RestartAsync(cancellationToken);
            return broker;
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    /// <summary>Options for a client of this broker, plain TCP or TLS against the test CA (or another CA file).</summary>
    public StompClientOptions ClientOptions(bool tls = false, string? caFile = null, string? login = null, string? passcode = null) => new()
    {
        Host = tls ? "localhost" : "127.0.0.1",
        Port = tls ? StompSslPort : StompPort,
        UseTls = tls,
        CaFile = tls ? caFile ?? CaCertificatePath : null,
        Login = login ?? Username,
        Passcode = passcode ?? Password,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        ReconnectInitialDelay = TimeSpan.FromMilliseconds(200),
        ReconnectMaxDelay = TimeSpan.FromSeconds(2),
    };

    /// <summary>Starts the broker process (again) on the same ports and data directory.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("the broker is already running");
        }

        lock (_output)
        {
            _output.Clear();
        }

        // The shell keeps java as its child and kills it when our stdin pipe closes, so a crashed test run
        // cannot leave a broker behind.
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("\"$@\" </dev/null & child=$!; cat >/dev/null; kill -9 $child 2>/dev/null");
        start.ArgumentList.Add("activemq-test");
        foreach (var argument in JavaArguments())
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the broker process");
        process.OutputDataReceived += (_, e) => Capture(e.Data);
        process.ErrorDataReceived += (_, e) => Capture(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = Stopwatch.StartNew();
        while (!(await Accepts(StompPort) && await Accepts(StompSslPort)))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"ActiveMQ exited with code {process.ExitCode} during start-up:\n{OutputTail()}");
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                await KillAsync();
                throw new InvalidOperationException($"ActiveMQ did not open its STOMP ports within 60 s:\n{OutputTail()}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Kills the broker at once (SIGKILL to the process tree), as a crash would, and waits until the ports are closed.</summary>
    public async Task KillAsync()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }

        await process.WaitForExitAsync();
        process.Dispose();
        var deadline = Stopwatch.StartNew();
        while ((await Accepts(StompPort) || await Accepts(StompSslPort)) && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }
    }

    public string OutputTail()
    {
        lock (_output)
        {
            var text = _output.ToString();
            return text.Length > 4000 ? text[^4000..] : text;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        using var ca = LocalCertificateAuthority.Create("fn-aws-guardduty test broker CA");
        ca.WriteCertificatePem(CaCertificatePath);
        using (var wrong = LocalCertificateAuthority.Create("unrelated CA"))
        {
            wrong.WriteCertificatePem(WrongCaCertificatePath);
        }

        const string storePassword = "changeit";
        using var server = ca.IssueServerCertificate("localhost", "127.0.0.1");
        var p12 = Path.Combine(_directory, "broker.p12");
        await File.WriteAllBytesAsync(p12, server.Export(X509ContentType.Pkcs12, storePassword), cancellationToken);
        await RunAsync(Keytool, cancellationToken,
            "-importkeystore", "-noprompt",
            "-srckeystore", p12, "-srcstoretype", "PKCS12", "-srcstorepass", storePassword,
            "-destkeystore", Path.Combine(_directory, "broker.ks"), "-deststoretype", "JKS", "-deststorepass", storePassword);

        await File.WriteAllTextAsync(_configPath, BrokerXml(storePassword), cancellationToken);
    }

    private string BrokerXml(string storePassword) => $"""
        <beans xmlns="http://www.springframework.org/schema/beans"
               xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
               xsi:schemaLocation="http://www.springframework.org/schema/beans http://www.springframework.org/schema/beans/spring-beans-2.0.xsd
                 http://activemq.apache.org/schema/core http://activemq.apache.org/schema/core/activemq-core.xsd">
          <broker xmlns="http://activemq.apache.org/schema/core" brokerName="fn-gd-test" useJmx="false"
                  persistent="true" schedulerSupport="false" advisorySupport="false"
                  dataDirectory="{_directory}/data">
            <persistenceAdapter>
              <kahaDB directory="{_directory}/data/kahadb" journalMaxFileLength="8mb"/>
            </persistenceAdapter>
            <plugins>
              <simpleAuthenticationPlugin anonymousAccessAllowed="false">
                <users>
                  <authenticationUser username="{Username}" password="{Password}" groups="apps"/>
                  <authenticationUser username="{NoReadUsername}" password="{NoReadPassword}" groups="outsiders"/>
                </users>
              </simpleAuthenticationPlugin>
              <authorizationPlugin>
                <map>
                  <authorizationMap>
                    <authorizationEntries>
                      <authorizationEntry queue="actions.>" read="apps" write="apps,outsiders" admin="apps,outsiders"/>
                      <authorizationEntry queue="acks.>" read="apps,outsiders" write="apps,outsiders" admin="apps,outsiders"/>
                      <authorizationEntry queue="stomp-test.>" read="apps" write="apps" admin="apps"/>
                      <authorizationEntry topic="ActiveMQ.Advisory.>" read="apps,outsiders" write="apps,outsiders" admin="apps,outsiders"/>
                    </authorizationEntries>
                  </authorizationMap>
                </map>
              </authorizationPlugin>
            </plugins>
            <systemUsage>
              <systemUsage>
                <memoryUsage><memoryUsage limit="64 mb"/></memoryUsage>
                <storeUsage><storeUsage limit="2 gb"/></storeUsage>
                <tempUsage><tempUsage limit="256 mb"/></tempUsage>
              </systemUsage>
            </systemUsage>
            <sslContext>
              <sslContext keyStore="file:{_directory}/broker.ks" keyStorePassword="{storePassword}"/>
            </sslContext>
            <transportConnectors>
              <transportConnector name="stomp" uri="stomp://127.0.0.1:{StompPort}"/>
              <transportConnector name="stomp+ssl" uri="stomp+ssl://127.0.0.1:{StompSslPort}"/>
            </transportConnectors>
          </broker>
        </beans>
        """;

    private IEnumerable<string> JavaArguments() =>
    [
        Java,
        "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
        $"-Dactivemq.home=/usr/share/activemq",
        $"-Dactivemq.base={_directory}",
        $"-Dactivemq.conf={_directory}",
        $"-Dactivemq.data={_directory}/data",
        "-jar", ActiveMqJar, "start", $"xbean:file:{_configPath}",
    ];

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static async Task RunAsync(string program, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {await stdout}{await stderr}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> Accepts(int port)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
