using System.Globalization;
using Fn.AwsGuardDuty.Sandbox.Soar.Faults;
using Fn.AwsGuardDuty.Sandbox.Soar.State;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Http;

/// <summary>
/// Every request goes through here: route lookup, call counting, fault injection, authentication, the org check
/// (the org in the path must be one the caller belongs to), then the handler. Errors get SOAR's JSON error body.
/// </summary>
internal sealed class SoarPipeline(
    IReadOnlyList<SoarRoute> routes,
    SoarEmulatorState state,
    SoarAuthenticator authenticator,
    SoarFaultInjector faults,
    SoarCallCounter counter,
    ILogger logger)
{
    public async Task HandleAsync(HttpContext http)
    {
        var method = http.Request.Method;
        var path = http.Request.Path.Value ?? "/";
        var segments = path.Trim('/').Split('/');
        SoarRoute? route = null;
        Dictionary<string, string>? values = null;
        var pathKnown = false;
        foreach (var candidate in routes)
        {
            if (candidate.TryMatch(segments, out var matched))
            {
                pathKnown = true;
                if (candidate.Method == method)
                {
                    route = candidate;
                    values = matched;
                    break;
                }
            }
        }

        var key = route?.Key ?? $"{method} (unmatched)";
        counter.Add(key);
        try
        {
            var fault = faults.Decide(key, $"{method} {path}");
            if (fault.Latency > TimeSpan.Zero)
            {
                await Task.Delay(fault.Latency, http.RequestAborted).ConfigureAwait(false);
            }

            if (fault.Status > 0 && !fault.AfterHandling)
            {
                await WriteFaultAsync(http, fault).ConfigureAwait(false);
                return;
            }

            if (route is null)
            {
                throw new SoarHttpException(pathKnown ? 405 : 404, pathKnown ? $"Method {method} is not supported on {path}." : $"No such resource: {path}");
            }

            SoarPrincipal? principal = null;
            if (!route.Anonymous)
            {
                principal = authenticator.Authenticate(http.Request) ?? throw new SoarHttpException(401, "Unauthorized: missing, wrong or expired credentials.");
            }

            SoarOrgState? org = null;
            if (values!.TryGetValue("org", out var orgText))
            {
                org = int.TryParse(orgText, NumberStyles.None, CultureInfo.InvariantCulture, out var orgId) ? state.FindOrg(orgId) : null;
                if (org is null || principal is null || !principal.OrgIds.Contains(org.Id))
                {
                    throw new SoarHttpException(403, $"The caller is not a member of the specified organization '{orgText}'.");
                }

                if (!org.Options.Enabled)
                {
                    throw new SoarHttpException(403, $"Organization {org.Id} is not accessible: it is disabled.");
                }
            }

            var result = await route.Handler(new SoarRequest(http, principal, org, values)).ConfigureAwait(false);
            if (fault.Status > 0)
            {
                // Committed, then failed: the change stays, the caller only sees the error.
                logger.LogDebug("SOAR emulator: {Method} {Path} applied ({Status}), answering injected {Fault}", method, path, result.Status, fault.Status);
                await WriteFaultAsync(http, fault).ConfigureAwait(false);
                return;
            }

            await SoarJson.WriteAsync(http.Response, result.Status, result.Body, http.RequestAborted).ConfigureAwait(false);
        }
        catch (SoarHttpException e)
        {
            logger.LogDebug("SOAR emulator: {Method} {Path} -> {Status} {Message}", method, path, e.Status, e.Message);
            await SoarJson.WriteAsync(http.Response, e.Status, SoarJson.Error(e.Message), http.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception e)
        {
            logger.LogError(e, "SOAR emulator: {Method} {Path} failed", method, path);
            if (!http.Response.HasStarted)
            {
                await SoarJson.WriteAsync(http.Response, 500, SoarJson.Error("Internal server error: " + e.GetType().Name), http.RequestAborted).ConfigureAwait(false);
            }
        }
    }

    private static Task WriteFaultAsync(HttpContext http, SoarFaultDecision fault) =>
        fault.FromGateway
            ? SoarGatewayPage.WriteAsync(http.Response, fault.Status, fault.Message!, http.RequestAborted)
            : SoarJson.WriteAsync(http.Response, fault.Status, SoarJson.Error(fault.Message!), http.RequestAborted);
}
