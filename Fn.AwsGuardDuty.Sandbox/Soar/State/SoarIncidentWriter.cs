using Fn.AwsGuardDuty.Sandbox.Soar.Http;
using Fn.AwsGuardDuty.Sandbox.Soar.Schema;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Soar.State;

/// <summary>
/// Creates and changes incidents the way SOAR does: values checked against the org's fields, required fields enforced
/// ("always" on every write, "close" when plan_status becomes "C"), <c>vers</c> bumped on every real change.
/// Every method expects the org's lock to be held and returns the change to announce once it is released.
/// </summary>
internal static class SoarIncidentWriter
{
    private static readonly HashSet<string> IgnoredOnCreate = new(StringComparer.Ordinal)
    {
        "id", "vers", "create_date", "inc_last_modified_date", "org_id", "creator_id", "end_date",
    };

    public static (SoarIncidentRecord Record, SoarIncidentChangedEventArgs Change) Create(SoarOrgState org, JObject body, int creatorId)
    {
        var schema = org.Schema;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var record = new SoarIncidentRecord { Id = 0, CreateDate = now, LastModified = now, CreatorId = creatorId };
        var staged = new List<(SoarFieldDefinition Field, object? Value)>();
        var artifacts = new List<(int TypeId, string Value, string? Description)>();
        var comments = new List<(string Format, string Content)>();

        foreach (var property in body.Properties())
        {
            switch (property.Name)
            {
                case "properties":
                    staged.AddRange(ReadProperties(schema, property.Value));
                    break;
                case "artifacts":
                    foreach (var artifact in AsArray(property.Value, "artifacts"))
                    {
                        artifacts.Add(SoarArtifactParser.Parse(schema, artifact));
                    }

                    break;
                case "comments":
                    foreach (var comment in AsArray(property.Value, "comments"))
                    {
                        comments.Add(SoarCommentParser.Parse(comment as JObject ?? throw SoarHttpException.BadRequest("Each comment must be an object.")));
                    }

                    break;
                default:
                    if (IgnoredOnCreate.Contains(property.Name))
                    {
                        break;
                    }

                    var field = schema.IncidentFields.GetValueOrDefault(property.Name);
                    if (field is null || field.IsCustom)
                    {
                        throw SoarHttpException.BadRequest($"Unrecognized field \"{property.Name}\" in the incident; custom fields go under \"properties\".");
                    }

                    staged.Add((field, SoarValueCodec.Normalize(field, property.Value)));
                    break;
            }
        }

        record.Fields["plan_status"] = "A";
        record.Fields["incident_type_ids"] = Array.Empty<long>();
        foreach (var custom in schema.IncidentFields.Values.Where(f => f.IsCustom))
        {
            record.Properties[custom.Name] = null;
        }

        foreach (var (field, value) in staged)
        {
            Store(record, field, value);
        }

        CheckRequired(schema, record, closing: record.PlanStatus == "C");
        if (record.PlanStatus == "C")
        {
            record.Fields["end_date"] = now;
        }

        record = new SoarIncidentRecord { Id = org.NextIncidentId(), CreateDate = now, LastModified = now, CreatorId = creatorId }.CopyFrom(record);
        foreach (var (typeId, value, description) in artifacts)
        {
            record.Artifacts.Add(new SoarArtifactRecord { Id = org.NextChildId(), TypeId = typeId, Value = value, Description = description, Created = now });
        }

        foreach (var (format, content) in comments)
        {
            record.Comments.Add(new SoarCommentRecord { Id = org.NextChildId(), Format = format, Content = content, Created = now, UserId = creatorId });
        }

        org.Incidents.Add(record.Id, record);
        var changes = staged.Select(s => new SoarFieldChange(Key(s.Field), null, s.Value)).ToList();
        return (record, new SoarIncidentChangedEventArgs(SoarIncidentChangeKind.Created, changes, SoarIncidentViews.Create(org, record)));
    }

    /// <summary>PATCH with the §6.2 body. Returns the PatchStatus JSON and the change (null when nothing changed or it failed).</summary>
    public static (JObject Status, SoarIncidentChangedEventArgs? Change) Patch(SoarOrgState org, SoarIncidentRecord record, JObject body)
    {
        var changes = body["changes"] as JArray ?? throw SoarHttpException.BadRequest("The patch needs a \"changes\" list.");
        var version = body["version"];
        if (version is not null && version.Type != JTokenType.Null)
        {
            if (version.Type != JTokenType.Integer)
            {
                throw SoarHttpException.BadRequest("\"version\" must be an integer.");
            }

            if (version.Value<int>() != record.Vers)
            {
                throw SoarHttpException.Conflict(
                    $"Incident {record.Id} has been modified since version {version.Value<int>()} (current version {record.Vers}); read it again and re-apply the change.");
            }
        }

        var staged = new List<(SoarFieldDefinition Field, object? Value)>();
        var failures = new JArray();
        foreach (var change in changes)
        {
            if (change is not JObject item)
            {
                throw SoarHttpException.BadRequest("Each change must be an object with field, old_value and new_value.");
            }

            var name = item["field"] switch
            {
                JValue { Type: JTokenType.String } v => v.Value<string>()!,
                JObject o when o["name"]?.Type == JTokenType.String => o["name"]!.Value<string>()!,
                _ => throw SoarHttpException.BadRequest("Each change needs a \"field\" (a name or {\"name\": ...})."),
            };
            var field = ResolveWritable(org.Schema, name);
            if (!item.ContainsKey("new_value"))
            {
                throw SoarHttpException.BadRequest($"The change to '{name}' has no new_value.");
            }

            var current = record.GetValue(field.Name, field.IsCustom);
            if (item.TryGetValue("old_value", out var oldValue) && !SoarValueCodec.ValueEquals(field, current, oldValue))
            {
                failures.Add(new JObject
                {
                    ["field"] = name,
                    ["your_original_value"] = SoarValueCodec.UnwrapPatchValue(oldValue)?.DeepClone(),
                    ["actual_current_value"] = SoarValueCodec.Render(field, current, names: true),
                });
                continue;
            }

            staged.Add((field, SoarValueCodec.Normalize(field, SoarValueCodec.UnwrapPatchValue(item["new_value"]))));
        }

        if (failures.Count > 0)
        {
            return (PatchStatus(false, failures, $"{failures.Count} field(s) were changed by someone else since you read them."), null);
        }

        return (PatchStatus(true, [], null), Apply(org, record, staged));
    }

    /// <summary>PUT of the whole incident (as <c>get_put</c> sends it back). <c>vers</c> must be current.</summary>
    public static SoarIncidentChangedEventArgs? Put(SoarOrgState org, SoarIncidentRecord record, JObject body)
    {
        var vers = body["vers"];
        if (vers is null || vers.Type != JTokenType.Integer)
        {
            throw SoarHttpException.BadRequest("The incident must carry its \"vers\" to be updated.");
        }

        if (vers.Value<int>() != record.Vers)
        {
            throw SoarHttpException.Conflict($"Incident {record.Id} has been modified since version {vers.Value<int>()} (current version {record.Vers}).");
        }

        var staged = new List<(SoarFieldDefinition Field, object? Value)>();
        foreach (var property in body.Properties())
        {
            if (property.Name == "properties")
            {
                staged.AddRange(ReadProperties(org.Schema, property.Value));
                continue;
            }

            // A GET response carries read-only and unknown extra keys; SOAR ignores them on PUT.
            if (org.Schema.IncidentFields.GetValueOrDefault(property.Name) is { IsCustom: false, ReadOnly: false } field)
            {
                staged.Add((field, SoarValueCodec.Normalize(field, property.Value)));
            }
        }

        return Apply(org, record, staged);
    }

    private static SoarIncidentChangedEventArgs? Apply(SoarOrgState org, SoarIncidentRecord record, List<(SoarFieldDefinition Field, object? Value)> staged)
    {
        var wasOpen = record.PlanStatus != "C";
        var preview = new SoarIncidentRecord { Id = record.Id, CreateDate = record.CreateDate }.CopyFrom(record);
        var changes = new List<SoarFieldChange>();
        foreach (var (field, value) in staged)
        {
            var old = preview.GetValue(field.Name, field.IsCustom);
            if (!SameValue(old, value))
            {
                changes.Add(new SoarFieldChange(Key(field), old, value));
                Store(preview, field, value);
            }
        }

        if (changes.Count == 0)
        {
            return null;
        }

        var closing = wasOpen && preview.PlanStatus == "C";
        CheckRequired(org.Schema, preview, closing);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var change in changes)
        {
            var custom = change.Field.StartsWith("properties.", StringComparison.Ordinal);
            var name = custom ? change.Field["properties.".Length..] : change.Field;
            (custom ? record.Properties : record.Fields)[name] = change.NewValue;
        }

        var kind = SoarIncidentChangeKind.Updated;
        if (closing)
        {
            record.Fields["end_date"] = now;
            kind = SoarIncidentChangeKind.Closed;
        }
        else if (!wasOpen && record.PlanStatus == "A")
        {
            record.Fields["end_date"] = null;
            kind = SoarIncidentChangeKind.Reopened;
        }

        record.Vers++;
        record.LastModified = now;
        return new SoarIncidentChangedEventArgs(kind, changes, SoarIncidentViews.Create(org, record));
    }

    private static void CheckRequired(SoarSchema schema, SoarIncidentRecord record, bool closing)
    {
        var always = schema.IncidentFields.Values
            .Where(f => schema.EffectiveRequired(f) == "always" && !SoarValueCodec.HasValue(record.GetValue(f.Name, f.IsCustom)))
            .Select(f => f.Name)
            .ToList();
        if (always.Count > 0)
        {
            throw SoarHttpException.BadRequest($"The following fields are required: {string.Join(", ", always)}.");
        }

        if (!closing)
        {
            return;
        }

        var missing = schema.IncidentFields.Values
            .Where(f => schema.EffectiveRequired(f) == "close" && !SoarValueCodec.HasValue(record.GetValue(f.Name, f.IsCustom)))
            .Select(f => f.IsCustom ? "properties." + f.Name : f.Name)
            .ToList();
        if (missing.Count > 0)
        {
            throw SoarHttpException.BadRequest(
                $"Incident {record.Id} cannot be closed: the following fields are required to close an incident and have no value: {string.Join(", ", missing)}.");
        }
    }

    private static SoarFieldDefinition ResolveWritable(SoarSchema schema, string name)
    {
        var field = schema.FindIncidentField(name)
            ?? (schema.IncidentFields.GetValueOrDefault(name) is { IsCustom: true } custom ? custom : null)
            ?? throw SoarHttpException.BadRequest($"Unknown incident field '{name}'.");
        return field.ReadOnly ? throw SoarHttpException.BadRequest($"Field '{name}' is read-only.") : field;
    }

    private static IEnumerable<(SoarFieldDefinition, object?)> ReadProperties(SoarSchema schema, JToken token)
    {
        if (token is not JObject properties)
        {
            throw SoarHttpException.BadRequest("\"properties\" must be an object of custom field values.");
        }

        var result = new List<(SoarFieldDefinition, object?)>();
        foreach (var property in properties.Properties())
        {
            var field = schema.IncidentFields.GetValueOrDefault(property.Name);
            if (field is null || !field.IsCustom)
            {
                throw SoarHttpException.BadRequest($"Unknown custom field '{property.Name}' under \"properties\"; import the customization that defines it.");
            }

            result.Add((field, SoarValueCodec.Normalize(field, property.Value)));
        }

        return result;
    }

    private static JArray AsArray(JToken token, string name) =>
        token as JArray ?? throw SoarHttpException.BadRequest($"\"{name}\" must be a list.");

    private static void Store(SoarIncidentRecord record, SoarFieldDefinition field, object? value) =>
        (field.IsCustom ? record.Properties : record.Fields)[field.Name] = value;

    private static string Key(SoarFieldDefinition field) => field.IsCustom ? "properties." + field.Name : field.Name;

    private static bool SameValue(object? a, object? b) => a switch
    {
        long[] x when b is long[] y => x.SequenceEqual(y),
        _ => Equals(a, b),
    };

    private static JObject PatchStatus(bool success, JArray failures, string? message) => new()
    {
        ["success"] = success,
        ["field_failures"] = failures,
        ["message"] = message,
        ["title"] = null,
        ["hints"] = new JArray(),
    };

    private static SoarIncidentRecord CopyFrom(this SoarIncidentRecord target, SoarIncidentRecord source)
    {
        foreach (var (k, v) in source.Fields)
        {
            target.Fields[k] = v;
        }

        foreach (var (k, v) in source.Properties)
        {
            target.Properties[k] = v;
        }

        target.Vers = source.Vers;
        return target;
    }
}
