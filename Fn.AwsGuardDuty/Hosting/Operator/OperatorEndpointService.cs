using System.Net;
using System.Text;
using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Hosting.Health;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Hosting.Operator;

/// <summary>
/// The operator's HTTP listener on <c>aws_gd_metrics_listen</c> (plain HTTP, GET or HEAD): <c>/metrics</c> (Prometheus
/// text), <c>/healthz</c> (200 while every loop is alive, else 503) and <c>/readyz</c> (200 when ready, else 503 naming the
/// parts that are not), both with a JSON body. <see cref="HttpListener"/> (in the base runtime) rather than Kestrel: no
/// ASP.NET Core runtime to ship, and nothing of it loads when the key is not set, because this service is then not
/// registered. Start fails (and with it <c>run</c>) when the address cannot be bound.
/// </summary>
public sealed class OperatorEndpointService(ListenAddress address, HealthModel health, PrometheusExport metrics, ILogger<OperatorEndpointService> logger)
    : IHostedService, IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>The HttpListener prefix for <paramref name="address"/>: "+" for every interface, brackets for IPv6.</summary>
    public static string PrefixFor(ListenAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var host = address.Address.Equals(IPAddress.Any) || address.Address.Equals(IPAddress.IPv6Any) ? "+"
            : address.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address.Address}]"
            : address.Address.ToString();
        return $"http://{host}:{address.Port}/";
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener.Prefixes.Add(PrefixFor(address));
        try
        {
            _listener.Start();
        }
        catch (HttpListenerException e)
        {
            throw new AppStartupException(new FailureDescription(
                $"[{ConfigSections.GuardDuty}] {MetricsListenReader.Key} = {address}: cannot listen there ({e.Message})",
                "free the port or choose another address"), e);
        }

        logger.LogInformation("Operator endpoint listening on http://{Address}/ (/metrics, /healthz, /readyz)", address);
        _loop = Task.Run(() => AcceptAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _listener.Close();
        _stopping.Dispose();
    }

    private async Task AcceptAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                if (stopping.IsCancellationRequested) return;
                logger.LogWarning("Operator endpoint: accepting a request failed: {Error}", e.Message);
                continue;
            }

            _ = AnswerAsync(context, stopping);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context, CancellationToken stopping)
    {
        var response = context.Response;
        try
        {
            var request = context.Request;
            if (request.HttpMethod is not ("GET" or "HEAD"))
            {
                response.AddHeader("Allow", "GET, HEAD");
                await WriteTextAsync(response, HttpStatusCode.MethodNotAllowed, "text/plain; charset=utf-8", "GET or HEAD only\n", stopping).ConfigureAwait(false);
                return;
            }

            switch (request.Url?.AbsolutePath)
            {
                case "/metrics":
                    response.StatusCode = (int)HttpStatusCode.OK;
                    response.ContentType = PrometheusExport.ContentType;
                    using (var body = new MemoryStream())
                    {
                        await metrics.WriteAsync(body, stopping).ConfigureAwait(false);
                        await WriteAsync(response, request, body.ToArray(), stopping).ConfigureAwait(false);
                    }

                    break;
                case "/healthz":
                    var live = health.Report();
                    await WriteJsonAsync(response, request, live.IsAlive, live.ToJson(liveness: true), stopping).ConfigureAwait(false);
                    break;
                case "/readyz":
                    var ready = health.Report();
                    await WriteJsonAsync(response, request, ready.IsReady, ready.ToJson(liveness: false), stopping).ConfigureAwait(false);
                    break;
                default:
                    await WriteTextAsync(response, HttpStatusCode.NotFound, "text/plain; charset=utf-8", "not found: try /metrics, /healthz or /readyz\n", stopping)
                        .ConfigureAwait(false);
                    break;
            }
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            logger.LogDebug("Operator endpoint: the answer to a request was cut short: {Error}", e.Message);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Operator endpoint: a request failed");
            try
            {
                response.StatusCode = (int)HttpStatusCode.InternalServerError;
            }
            catch (InvalidOperationException)
            {
                // Headers already sent.
            }
        }
        finally
        {
            response.Close();
        }
    }

    private static Task WriteJsonAsync(HttpListenerResponse response, HttpListenerRequest request, bool ok, string json, CancellationToken cancellationToken)
    {
        response.StatusCode = ok ? (int)HttpStatusCode.OK : (int)HttpStatusCode.ServiceUnavailable;
        response.ContentType = "application/json; charset=utf-8";
        response.AddHeader("Cache-Control", "no-store");
        return WriteAsync(response, request, Encoding.UTF8.GetBytes(json + "\n"), cancellationToken);
    }

    private static Task WriteTextAsync(HttpListenerResponse response, HttpStatusCode status, string contentType, string text, CancellationToken cancellationToken)
    {
        response.StatusCode = (int)status;
        response.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(text);
        response.ContentLength64 = bytes.Length;
        return response.OutputStream.WriteAsync(bytes, cancellationToken).AsTask();
    }

    private static async Task WriteAsync(HttpListenerResponse response, HttpListenerRequest request, byte[] body, CancellationToken cancellationToken)
    {
        response.ContentLength64 = body.Length;
        if (request.HttpMethod == "HEAD") return;
        await response.OutputStream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }
}
