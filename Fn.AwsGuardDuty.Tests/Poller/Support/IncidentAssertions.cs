using System.Globalization;
using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Sandbox.Soar.State;

namespace Fn.AwsGuardDuty.Tests.Poller.Support;

/// <summary>Checks that an incident in the SOAR emulator holds what the mapper makes of its finding.</summary>
internal static class IncidentAssertions
{
    public static void ShouldMatch(this SoarIncidentView incident, MappedFinding expected)
    {
        var because = $"incident {incident.Id} of finding {expected.Identity.FindingId}";
        incident.Name.Should().Be(expected.Payload.Name, because);
        incident.SeverityCode.Should().Be(expected.Payload.SeverityCode, because);
        foreach (var (name, value) in expected.Payload.Properties)
            Text(incident.Properties.GetValueOrDefault(name)).Should().Be(value, $"{because}: property {name}");
        incident.Artifacts.Select(a => (a.Type, a.Value)).Should()
            .BeEquivalentTo(expected.Artifacts.Select(a => (a.Type, a.Value)), because);
        incident.Comments.Should().ContainSingle(because).Which.Content.Should().Be(expected.Note.Content, because);
        foreach (var table in expected.DataTables)
        {
            var rows = incident.Rows(table.Table);
            rows.Should().HaveCount(table.Rows.Count, $"{because}: table {table.Table}");
            for (var i = 0; i < rows.Count; i++)
            {
                foreach (var (column, value) in table.Rows[i].Cells)
                {
                    if (column == "query_execution_date") continue;
                    Text(rows[i].Cells.GetValueOrDefault(column)).Should().Be(value, $"{because}: table {table.Table} row {i} column {column}");
                }
            }
        }
    }

    public static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
