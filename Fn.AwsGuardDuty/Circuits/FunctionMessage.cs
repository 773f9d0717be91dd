using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Circuits;

/// <summary>A parsed FunctionDataDTO (soar-protocol §3.2): the body, the function name, normalized inputs and metadata.</summary>
public sealed record FunctionMessage(JObject Body, FunctionMetadata Metadata, FunctionInputs Inputs)
{
    public string FunctionName => Metadata.FunctionName;
}
