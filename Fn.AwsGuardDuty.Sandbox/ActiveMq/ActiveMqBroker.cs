using System.Diagnostics;
using System.Text;
using Fn.AwsGuardDuty.Stomp;

namespace Fn.AwsGuardDuty.Sandbox.ActiveMq;

/// <summary>
/// A real ActiveMQ (the Debian <c>activemq</c> package) in a temp directory: a plain STOMP connector and a
/// STOMP+SSL connector on free 127.0.0.1 ports, configured by <see cref="ActiveMqBrokerXml"/> with the users of
/// <see cref="ActiveMqUsers"/> and the key store of <see cref="ActiveMqKeyStore"/>. Used by the broker tests and the
/// benchmark. Stop, kill and restart keep the same ports and data.
/// </summary>
public sealed class ActiveMqBroker : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string _directory;
    private readonly string _configPath;
    private readonly ActiveMqUsers _users = new();
    private readonly StringBuilder _output = new();
    private Process? _process;

    private ActiveMqBroker(string directory, ActiveMqTransport transport)
    {
        _directory = directory;
        Transport = transport;
        _configPath = Path.Combine(directory, "broker.xml");
        StompPort = LoopbackPorts.Free();
        StompSslPort = LoopbackPorts.Free();
        CaCertificatePath = Path.Combine(directory, "ca.pem");
        WrongCaCertificatePath = Path.Combine(directory, "wrong-ca.pem");
    }

    public int StompPort { get; }

    public ActiveMqTransport Transport { get; }

    public int StompSslPort { get; }

    public string Username => _users.Username;

    public string Password => _users.Password;

    public string NoReadUsername => _users.NoReadUsername;

    public string NoReadPassword => _users.NoReadPassword;

    /// <summary>PEM of the CA that issued the SSL connector's certificate (CN/SAN localhost and 127.0.0.1).</summary>
    public string CaCertificatePath { get; }

    /// <summary>PEM of an unrelated CA: verification against it must fail.</summary>
    public string WrongCaCertificatePath { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The java process (null while stopped), e.g. to read its memory.</summary>
    public int? ProcessId => _process is { HasExited: false } process ? process.Id : null;

    /// <summary>
    /// Writes the config and keystore, starts the broker and waits until both STOMP ports accept connections.
    /// Throws <see cref="InvalidOperationException"/> with one clear reason when ActiveMQ is missing or does not start.
    /// </summary>
    public static async Task<ActiveMqBroker> StartAsync(CancellationToken cancellationToken = default) =>
        await StartAsync(ActiveMqTransport.Defaults, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc cref="StartAsync(CancellationToken)"/>
    public static async Task<ActiveMqBroker> StartAsync(ActiveMqTransport transport, CancellationToken cancellationToken = default)
    {
        if (ActiveMqInstallation.MissingReason() is { } missing)
        {
            throw new InvalidOperationException(missing);
        }

        var directory = Directory.CreateTempSubdirectory("fn-gd-activemq-").FullName;
        var broker = new ActiveMqBroker(directory, transport);
        try
        {
            await broker.PrepareAsync(cancellationToken).ConfigureAwait(false);
            await broker.RestartAsync(cancellationToken).ConfigureAwait(false);
            return broker;
        }
        catch
        {
            await broker.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Options for a client of this broker, plain TCP or TLS against the broker's CA (or another CA file).</summary>
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

        // The shell keeps java as its child and kills it when our stdin pipe closes, so a crashed run
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
        while (!(await LoopbackPorts.AcceptsAsync(StompPort).ConfigureAwait(false) && await LoopbackPorts.AcceptsAsync(StompSslPort).ConfigureAwait(false)))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"ActiveMQ exited with code {process.ExitCode} during start-up:\n{OutputTail()}");
            }

            if (deadline.Elapsed > StartTimeout)
            {
                await KillAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"ActiveMQ did not open its STOMP ports within {StartTimeout.TotalSeconds:0} s:\n{OutputTail()}");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
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
            // Already gone.
        }

        await process.WaitForExitAsync().ConfigureAwait(false);
        process.Dispose();
        var deadline = Stopwatch.StartNew();
        while ((await LoopbackPorts.AcceptsAsync(StompPort).ConfigureAwait(false) || await LoopbackPorts.AcceptsAsync(StompSslPort).ConfigureAwait(false))
               && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50).ConfigureAwait(false);
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
        await KillAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the dying JVM; the temp dir goes with the next cleanup.
        }
    }

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var keyStore = Path.Combine(_directory, "broker.ks");
        await ActiveMqKeyStore.CreateAsync(_directory, CaCertificatePath, WrongCaCertificatePath, keyStore, cancellationToken).ConfigureAwait(false);
        var xml = ActiveMqBrokerXml.Render(_directory, _users, StompPort, StompSslPort, keyStore, ActiveMqKeyStore.StorePassword, Transport);
        await File.WriteAllTextAsync(_configPath, xml, cancellationToken).ConfigureAwait(false);
    }

    private IEnumerable<string> JavaArguments() =>
    [
        ActiveMqInstallation.Java,
        "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
        $"-Dactivemq.home={ActiveMqInstallation.ActiveMqHome}",
        $"-Dactivemq.base={_directory}",
        $"-Dactivemq.conf={_directory}",
        $"-Dactivemq.data={_directory}/data",
        "-jar", ActiveMqInstallation.ActiveMqJar, "start", $"xbean:file:{_configPath}",
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
}
