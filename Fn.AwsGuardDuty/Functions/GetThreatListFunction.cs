using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Conversion;
using Fn.AwsGuardDuty.GuardDuty.Model;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// <c>aws_guardduty_get_{ipset|threatintelset}</c> (§4.4). Required: the set's id, detector, region. Content: boto3's
/// response without ResponseMetadata, <c>{"Name","Format","Location","Tags":{k:v},"Status"[,"ExpectedBucketOwner"]}</c>;
/// <c>Tags</c> is always there (<c>{}</c> when the set has none) so scripts can read it without a check, and any
/// member GuardDuty adds later follows, in boto3's PascalCase.
/// </summary>
public abstract class GetThreatListFunction(ThreatListSpec spec, GuardDutyClientFactory clients, ILogger logger) : IFunctionHandler
{
    private readonly FindingConverter _converter = new();

    public abstract string Name { get; }

    public Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        var id = call.Inputs.RequiredId(spec.IdInput);
        var detectorId = call.Inputs.DetectorId();
        var region = call.Inputs.Region();

        return SoftFailure.RunAsync(logger, Name, async () =>
        {
            var details = await clients.GetClient(region).GetThreatListAsync(spec.Kind, detectorId, id, cancellationToken)
                .ConfigureAwait(false);
            return ToContent(details);
        });
    }

    private JObject ToContent(ThreatListDetails details)
    {
        var content = new JObject
        {
            ["Name"] = details.Name,
            ["Format"] = details.Format,
            ["Location"] = details.Location,
            ["Tags"] = new JObject(details.Tags.Select(tag => new JProperty(tag.Key, tag.Value))),
            ["Status"] = details.Status,
        };
        if (details.ExpectedBucketOwner is not null)
            content["ExpectedBucketOwner"] = details.ExpectedBucketOwner;
        if (_converter.ToBoto(details.Raw, spec.GetResponseShape) is JObject boto)
        {
            foreach (var member in boto.Properties().Where(member => !content.ContainsKey(member.Name)))
                content[member.Name] = member.Value.DeepClone();
        }

        return content;
    }
}
