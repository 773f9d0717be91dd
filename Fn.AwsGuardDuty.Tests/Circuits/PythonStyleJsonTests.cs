using Fn.AwsGuardDuty.Circuits;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Circuits;

public class PythonStyleJsonTests
{
    [Test]
    public void A_null_string_assigned_to_a_property_is_written_as_null()
    {
        string? missing = null;
        var content = new JObject { ["ids"] = new JArray("a"), ["next_token"] = missing };
        content["next_token"]!.Type.Should().Be(JTokenType.String, "the case under test: a String-typed JValue holding null");

        PythonStyleJson.Serialize(content).Should().Be("{\"ids\": [\"a\"], \"next_token\": null}");
    }

    [Test]
    public void Null_strings_inside_arrays_and_on_their_own_are_null()
    {
        string? missing = null;

        PythonStyleJson.Serialize(new JArray(new JValue(missing), "x")).Should().Be("[null, \"x\"]");
        PythonStyleJson.Serialize(new JValue(missing)).Should().Be("null");
    }

    [Test]
    public void The_envelope_with_a_null_string_in_content_has_null_in_raw_and_content()
    {
        string? missing = null;
        var metrics = new ResultMetrics("fn-aws-guardduty", "1.0.0", "host", 1, new DateTime(2024, 4, 11, 14, 8, 54));

        var envelope = ResultEnvelope.Create(FunctionResult.Ok(new JObject { ["next_token"] = missing }),
            new FunctionInputs(new JObject()), metrics).ToJson();

        envelope["raw"]!.Value<string>().Should().Be("{\"next_token\": null}");
        envelope["content"]!.ToString(Newtonsoft.Json.Formatting.None).Should().Be("{\"next_token\":null}");
    }
}
