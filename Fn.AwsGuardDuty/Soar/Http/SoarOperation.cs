namespace Fn.AwsGuardDuty.Soar.Http;

/// <summary>
/// A request's low-cardinality name for metrics (<c>create_incident</c>, <c>add_note</c>, <c>query_incidents</c>...),
/// read from its method and path without allocating: ids, table names and query strings never reach a tag.
/// </summary>
internal static class SoarOperation
{
    public const string Other = "other";

    public static string Of(SoarRequest request)
    {
        var path = request.Path.AsSpan();
        var query = path.IndexOf('?');
        if (query >= 0) path = path[..query];
        path = path.Trim('/');
        if (path.StartsWith("rest/", StringComparison.Ordinal)) path = path[5..];
        else if (path.SequenceEqual("rest")) path = [];
        var method = request.Method.Method;
        var ranges = (Span<Range>)stackalloc Range[8];
        var count = path.Split(ranges, '/');
        if (count == 0) return Other;
        var first = path[ranges[0]];
        return first switch
        {
            "incidents" => Incident(path, ranges[..count], method),
            "session" => method switch { "POST" => "login", "DELETE" => "logout", _ => "get_session" },
            "orgs" => "get_org",
            "const" => "get_const",
            "types" => count >= 3 ? "get_type_fields" : "get_type",
            "functions" => "get_function",
            "message_destinations" => count == 1 ? "list_message_destinations" : method == "PUT" ? "update_message_destination" : "get_message_destination",
            "configurations" => method switch { "POST" => "create_import", "PUT" => "update_import", _ => "get_import" },
            _ => Other,
        };
    }

    private static string Incident(ReadOnlySpan<char> path, ReadOnlySpan<Range> parts, string method)
    {
        if (parts.Length == 1) return method == "POST" ? "create_incident" : "list_incidents";
        var second = path[parts[1]];
        if (second is "query_paged" or "query") return "query_incidents";
        if (parts.Length == 2)
            return method switch { "GET" => "get_incident", "PUT" => "update_incident", "PATCH" => "patch_incident", "DELETE" => "delete_incident", _ => Other };
        var third = path[parts[2]];
        return third switch
        {
            "comments" => method == "POST" ? "add_note" : "list_notes",
            "artifacts" when parts.Length >= 4 && path[parts[3]] is "query_paged" => "query_artifacts",
            "artifacts" => method == "POST" ? "add_artifact" : "list_artifacts",
            "table_data" when parts.Length >= 5 => method switch { "POST" => "add_table_row", "PUT" => "update_table_row", "DELETE" => "delete_table_row", _ => "get_table" },
            "table_data" => "get_table",
            _ => Other,
        };
    }
}
