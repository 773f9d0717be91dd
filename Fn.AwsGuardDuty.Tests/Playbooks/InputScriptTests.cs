using Fn.AwsGuardDuty.Sandbox.Customization;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Playbooks;

/// <summary>
/// Every playbook's input script, run in the harness: it sets exactly the inputs its playbook.json declares (only
/// inputs the function has, which the harness enforces), from the incident or the playbook's form.
/// </summary>
public class InputScriptTests
{
    private PlaybookHarness _harness = null!;

    [OneTimeSetUp]
    public void CreateHarness() => _harness = PlaybookHarness.Create();

    public static IEnumerable<string> Playbooks() => PlaybookCatalog.Names(RepositoryLayout.Locate());

    [TestCaseSource(nameof(Playbooks))]
    public async Task Sets_the_declared_inputs_from_the_incident_and_the_form(string name)
    {
        var definition = PlaybookReader.Read(Path.Combine(_harness.Repository.PlaybooksDirectory, name));
        var incident = TestIncident.WithFinding();
        var form = new JObject(definition.Form.Select(f => new JProperty(f.Name, SampleValue(f))));

        var run = await _harness.RunInputScriptAsync(name, incident, form);

        run.Inputs.Properties().Select(p => p.Name).Should().BeEquivalentTo(definition.Inputs.Keys);
        // An input computed from several values is checked by its playbook's own tests.
        foreach (var (input, source) in definition.Inputs.Where(i => !i.Value.StartsWith("computed:", StringComparison.Ordinal)))
        {
            var expected = source switch
            {
                "incident.id" => incident["id"],
                _ when source.StartsWith('"') => new JValue(source.Trim('"')),
                _ when source.StartsWith("incident.properties.", StringComparison.Ordinal) => incident["properties"]![source["incident.properties.".Length..]],
                _ when source.StartsWith("playbook.inputs.", StringComparison.Ordinal) => form[source["playbook.inputs.".Length..]],
                _ => throw new AssertionException($"{name}: unknown input source '{source}'"),
            };
            JToken.DeepEquals(run.Inputs[input], expected).Should().BeTrue($"{name}: inputs.{input} comes from {source}");
        }
    }

    [Test]
    public async Task List_findings_sends_archived_false_when_the_form_leaves_it_empty()
    {
        var run = await _harness.RunInputScriptAsync("aws_guardduty_list_findings_pb", TestIncident.WithFinding());
        run.Inputs["aws_gd_archived"]!.Value<bool>().Should().BeFalse();
        run.Inputs["aws_gd_severity_threshold"]!.Type.Should().Be(JTokenType.Null);
    }

    [Test]
    public async Task An_input_the_function_does_not_have_fails_the_script()
    {
        // The harness is strict the way SOAR is: this proves a typo in an input script cannot pass.
        var act = () => _harness.RunInputScriptAsync("aws_guardduty_get_findings_pb", TestIncident.WithFinding(), new JObject { ["not_on_the_form"] = 1 });
        await act.Should().ThrowAsync<HarnessFailedException>();
    }

    private static JToken SampleValue(PlaybookFormField field) => field.InputType switch
    {
        "boolean" => true,
        "number" => 7,
        "datetimepicker" => 1_712_800_000_000L,
        "select" => field.Values[0],
        _ => "value of " + field.Name,
    };
}
