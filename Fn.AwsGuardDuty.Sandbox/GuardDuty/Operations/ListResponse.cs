using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Operations;

/// <summary>Builds a list response: the ids under their member name and <c>nextToken</c> only while more remain.</summary>
internal static class ListResponse
{
    public static JObject Build(string member, IEnumerable<string> ids, string? nextToken, bool emptyTokenAtEnd)
    {
        var response = new JObject { [member] = new JArray(ids) };
        if (nextToken is not null)
        {
            response["nextToken"] = nextToken;
        }
        else if (emptyTokenAtEnd)
        {
            response["nextToken"] = "";
        }

        return response;
    }
}
