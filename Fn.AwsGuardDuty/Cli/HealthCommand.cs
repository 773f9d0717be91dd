using System.CommandLine;
using System.Net;
using Fn.AwsGuardDuty.Configuration;

namespace Fn.AwsGuardDuty.Cli;

/// <summary>
/// <c>health</c>: asks the running app's /healthz (or /readyz with <c>--ready</c>) on <c>aws_gd_metrics_listen</c> and exits
/// 0 when it answers 200, 1 otherwise (Docker's HEALTHCHECK reads exactly these; it reserves 2). The image needs no curl.
/// </summary>
internal static class HealthCommand
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static Command Create(CliContext context)
    {
        var config = ConfigPathOption.Create();
        var ready = new Option<bool>("--ready") { Description = "Ask /readyz instead of /healthz." };
        var command = new Command("health", "Ask the running app's health endpoint (aws_gd_metrics_listen); exit 0 when healthy, 1 otherwise.")
        {
            config,
            ready,
        };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(context, parse.GetValue(config), parse.GetValue(ready), cancellationToken));
        return command;
    }

    public static async Task<int> ExecuteAsync(CliContext context, string? configPath, bool ready, CancellationToken cancellationToken)
    {
        if (ConfigLoading.TryLoad(context, configPath) is not { } config)
        {
            return ExitCodes.RuntimeFailure;
        }

        if (config.MetricsListen is not { } listen)
        {
            context.Error.WriteLine($"health: [{ConfigSections.GuardDuty}] {MetricsListenReader.Key} is not set in {config.FilePath}, so there is no endpoint to ask");
            return ExitCodes.RuntimeFailure;
        }

        var url = EndpointUrl(listen, ready ? "readyz" : "healthz");
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout };
        try
        {
            using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
            var body = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();
            var writer = response.StatusCode == HttpStatusCode.OK ? context.Out : context.Error;
            writer.WriteLine($"{url}: {(int)response.StatusCode} {body}");
            return response.StatusCode == HttpStatusCode.OK ? ExitCodes.Ok : ExitCodes.RuntimeFailure;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            context.Error.WriteLine($"{url}: no answer ({e.Message})");
            return ExitCodes.RuntimeFailure;
        }
    }

    /// <summary>The URL to ask: an address that means every interface is asked on loopback.</summary>
    public static Uri EndpointUrl(ListenAddress listen, string path)
    {
        ArgumentNullException.ThrowIfNull(listen);
        var address = listen.Address.Equals(IPAddress.Any) ? IPAddress.Loopback
            : listen.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback
            : listen.Address;
        return new Uri($"http://{new IPEndPoint(address, listen.Port)}/{path}");
    }
}
