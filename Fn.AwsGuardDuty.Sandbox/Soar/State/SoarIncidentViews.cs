using Fn.AwsGuardDuty.Sandbox.Soar.Schema;

namespace Fn.AwsGuardDuty.Sandbox.Soar.State;

/// <summary>Copies a stored incident into a <see cref="SoarIncidentView"/>; call with the org's lock held.</summary>
internal static class SoarIncidentViews
{
    public static SoarIncidentView Create(SoarOrgState org, SoarIncidentRecord record)
    {
        var schema = org.Schema;
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in schema.IncidentFields.Values.Where(f => !f.IsCustom))
        {
            fields[field.Name] = Named(field, record.GetValue(field.Name, custom: false));
        }

        fields["org_id"] = (long)org.Id;
        return new SoarIncidentView
        {
            OrgId = org.Id,
            Id = record.Id,
            Vers = record.Vers,
            Name = record.Fields.GetValueOrDefault("name") as string,
            PlanStatus = record.PlanStatus,
            SeverityCode = fields.GetValueOrDefault("severity_code") as string,
            ResolutionId = fields.GetValueOrDefault("resolution_id") as string,
            ResolutionSummary = record.Fields.GetValueOrDefault("resolution_summary") as string,
            CreateDate = record.CreateDate,
            Fields = fields,
            Properties = new Dictionary<string, object?>(record.Properties, StringComparer.Ordinal),
            Artifacts = record.Artifacts.Select(a =>
            {
                var type = schema.FindArtifactType(a.TypeId);
                return new SoarArtifactView(a.Id, type?.ProgrammaticName ?? a.TypeId.ToString(), type?.Name ?? "", a.Value, a.Description);
            }).ToList(),
            Comments = record.Comments.Select(c => new SoarCommentView(c.Id, c.Format, c.Content, c.Created)).ToList(),
            Tables = (record.Tables ?? []).Where(t => t.Value.Count > 0).ToDictionary(
                t => t.Key,
                t => (IReadOnlyList<SoarTableRowView>)t.Value.Select(r => new SoarTableRowView(r.Id, r.Version, new Dictionary<string, object?>(r.Cells))).ToList(),
                StringComparer.Ordinal),
        };
    }

    private static object? Named(SoarFieldDefinition field, object? value) => value switch
    {
        long id when field.InputType == "select" => field.Values.FirstOrDefault(v => v.Value == id)?.Label ?? (object)id,
        long[] ids => ids.Select(i => field.Values.FirstOrDefault(v => v.Value == i)?.Label ?? i.ToString()).ToArray(),
        _ => value,
    };
}
