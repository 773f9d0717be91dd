using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Tests.Soar.Support;

/// <summary>
/// A loopback HTTPS server whose answers a test scripts, for transport behaviour the SOAR emulator has no knob for
/// (connections dropped mid-request, hung answers, proxies). Answers the login calls itself.
/// </summary>
public sealed class ScriptedHttpsServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _hits;

    /// <summary>The session cookie's value and the csrf token that an email/password login gets.</summary>
    public const string SessionCookie = "scripted-session-cookie";

    public const string CsrfToken = "scripted-csrf-token";

    private ScriptedHttpsServer(WebApplication app) => _app = app;

    public int Port { get; private set; }

    /// <summary>Requests that reached the script (login calls excluded).</summary>
    public int Hits => Volatile.Read(ref _hits);

    public static async Task<ScriptedHttpsServer> StartAsync(X509Certificate2 certificate, Func<HttpContext, Task> script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        var app = builder.Build();
        var server = new ScriptedHttpsServer(app);
        app.Run(async context =>
        {
            var path = context.Request.Path.Value ?? "";
            if (path == "/rest/session" && context.Request.Method == "POST")
            {
                // Email/password login: a session cookie and a csrf token, which later calls carry as X-sess-id.
                context.Response.ContentType = "application/json";
                context.Response.Headers.SetCookie = "JSESSIONID=" + SessionCookie + "; Path=/; Secure; HttpOnly";
                await context.Response.WriteAsync("""{"orgs":[{"id":201,"name":"Test Org","uuid":"u-201","enabled":true}],"user_id":3,"csrf_token":"scripted-csrf-token"}""");
                return;
            }

            if (path == "/rest/session")
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"orgs":[{"id":201,"name":"Test Org","uuid":"u-201","enabled":true}],"api_key_handle":7}""");
                return;
            }

            if (path == "/rest/orgs/201")
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"id":201,"name":"Test Org","actions_framework_enabled":true}""");
                return;
            }

            Interlocked.Increment(ref server._hits);
            await script(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Port = new Uri(address).Port;
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
