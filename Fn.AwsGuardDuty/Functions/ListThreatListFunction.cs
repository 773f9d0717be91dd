using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// <c>aws_guardduty_list_{ipset|threatintelset}</c> (§4.4). Required: detector, region; optional:
/// <c>aws_gd_max_results</c> (1–1000) and <c>aws_gd_next_token</c>.
/// <para>
/// The reference reads every page and returns a bare JSON array of ids (its MaxResults is only the page size and the
/// next token is dropped, §8 #24), and existing playbook scripts treat <c>results.content</c> as a list. So:
/// without max_results every page is read, as before, and the content is the array of ids. With max_results, at
/// most that many ids are returned (pages of up to 50); when ids remain, the content becomes
/// <c>{"ids":[…],"next_token":"…"}</c> so the caller can continue. In short: content is a list exactly when the
/// listing is complete; it is an object only when there is a further page to ask for.
/// </para>
/// </summary>
public abstract class ListThreatListFunction(ThreatListSpec spec, GuardDutyClientFactory clients, ILogger logger) : IFunctionHandler
{
    public const int MaxTotal = 1000;

    public abstract string Name { get; }

    public Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        var detectorId = call.Inputs.DetectorId();
        var region = call.Inputs.Region();
        var maxResults = call.Inputs.OptionalCount(InputNames.MaxResults, 1, MaxTotal);
        var startToken = call.Inputs.OptionalText(InputNames.NextToken);

        return SoftFailure.RunAsync(logger, Name, async () =>
        {
            var client = clients.GetClient(region);
            var (ids, nextToken) = await PagedIdReader.ReadAsync(
                (token, size, ct) => client.ListThreatListsPageAsync(spec.Kind, detectorId, token, size, ct),
                startToken, maxResults, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Listed {Count} {Noun}(s) of detector {DetectorId} in {Region}{More}",
                ids.Count, spec.Noun, detectorId, region, nextToken is null ? "" : " (more remain)");
            return nextToken is null
                ? new JArray(ids)
                : new JObject { ["ids"] = new JArray(ids), ["next_token"] = nextToken };
        });
    }
}
