using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Schema;

/// <summary>A message destination (a STOMP queue <c>actions.&lt;org&gt;.&lt;programmatic_name&gt;</c>) and who may consume it.</summary>
public sealed class SoarMessageDestination
{
    public required int Id { get; init; }

    public required string ProgrammaticName { get; init; }

    public required string Name { get; set; }

    public string Uuid { get; init; } = Guid.NewGuid().ToString();

    public int DestinationType { get; set; }

    public bool ExpectAck { get; set; } = true;

    /// <summary>User ids allowed to consume.</summary>
    public List<int> Users { get; } = [];

    /// <summary>API key handles allowed to consume.</summary>
    public List<int> ApiKeys { get; } = [];

    public JObject ToJson() => new()
    {
        ["id"] = Id,
        ["name"] = Name,
        ["programmatic_name"] = ProgrammaticName,
        ["destination_type"] = DestinationType,
        ["expect_ack"] = ExpectAck,
        ["uuid"] = Uuid,
        ["export_key"] = ProgrammaticName,
        ["users"] = new JArray(Users),
        ["api_keys"] = new JArray(ApiKeys),
        ["tags"] = new JArray(),
    };
}
