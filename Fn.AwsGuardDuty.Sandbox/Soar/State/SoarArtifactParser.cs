using System.Globalization;
using Fn.AwsGuardDuty.Sandbox.Soar.Http;
using Fn.AwsGuardDuty.Sandbox.Soar.Schema;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Soar.State;

/// <summary>
/// Reads an artifact DTO: <c>type</c> as an id, an API or display name, or <c>{"name": ...}</c>/<c>{"id": ...}</c>;
/// <c>value</c> a non-empty string; <c>description</c> text or <c>{"format","content"}</c>.
/// </summary>
internal static class SoarArtifactParser
{
    public static (int TypeId, string Value, string? Description) Parse(SoarSchema schema, JToken token)
    {
        if (token is not JObject artifact)
        {
            throw SoarHttpException.BadRequest("Each artifact must be an object with type and value.");
        }

        var typeToken = artifact["type"] ?? throw SoarHttpException.BadRequest("The artifact has no \"type\".");
        if (typeToken is JObject typeObject)
        {
            typeToken = typeObject["name"] ?? typeObject["id"] ?? throw SoarHttpException.BadRequest("The artifact type object needs \"name\" or \"id\".");
        }

        var type = typeToken.Type switch
        {
            JTokenType.Integer => schema.FindArtifactType(typeToken.Value<long>()),
            JTokenType.String => schema.FindArtifactType(typeToken.Value<string>()!),
            _ => null,
        } ?? throw SoarHttpException.BadRequest($"Unknown artifact type '{typeToken}'.");

        var valueToken = artifact["value"];
        var value = valueToken?.Type switch
        {
            JTokenType.String => valueToken.Value<string>(),
            JTokenType.Integer or JTokenType.Float => Convert.ToString(((JValue)valueToken).Value, CultureInfo.InvariantCulture),
            _ => null,
        };
        if (string.IsNullOrEmpty(value))
        {
            throw SoarHttpException.BadRequest($"The artifact of type '{type.Name}' needs a non-empty \"value\".");
        }

        var description = artifact["description"] switch
        {
            null or { Type: JTokenType.Null } => null,
            JValue { Type: JTokenType.String } text => text.Value<string>(),
            JObject rich => rich["content"]?.Value<string?>(),
            _ => throw SoarHttpException.BadRequest("The artifact description must be text or {\"format\", \"content\"}."),
        };
        return (type.Id, value, description);
    }
}
