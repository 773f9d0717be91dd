using Fn.AwsGuardDuty.Circuits;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Circuits;

public class FunctionInputsTests
{
    private static FunctionInputs Inputs(string json) => new(InputNormalizer.Normalize(JObject.Parse(json)));

    [Test]
    public void SOAR_encodings_are_normalized_as_resilient_lib_does()
    {
        var normalized = InputNormalizer.Normalize(JObject.Parse("""
            {"text":"abc","number":42,"flag":true,
             "select":{"id":53,"name":"select two"},
             "multi":[{"id":55,"name":"value one"},{"id":56,"name":"value two"}],
             "area":{"format":"html","content":"<div>hello</div>"},
             "empty_area":{"format":"text","content":""},
             "date":1630407352685,"unset":null,"dollar":"$HOME ${PATH}"}
            """));

        JsonShould.Equal(normalized, """
            {"text":"abc","number":42,"flag":true,"select":"select two","multi":["value one","value two"],
             "area":"<div>hello</div>","empty_area":{"format":"text","content":""},
             "date":1630407352685,"unset":null,"dollar":"$HOME ${PATH}"}
            """);
    }

    [Test]
    public void Typed_accessors_read_values()
    {
        var inputs = Inputs("""{"id":"42","n":7,"f":7.0,"b":true,"bs":"false","s":"x","list":[{"id":1,"name":"a"},{"id":2,"name":"b"}],"d":1630407352685}""");

        inputs.GetRequiredInt64("id").Should().Be(42);
        inputs.GetRequiredInt32("n").Should().Be(7);
        inputs.GetInt64("f").Should().Be(7);
        inputs.GetRequiredBoolean("b").Should().BeTrue();
        inputs.GetBoolean("bs").Should().BeFalse();
        inputs.GetRequiredString("s").Should().Be("x");
        inputs.GetString("n").Should().Be("7");
        inputs.GetStringList("list").Should().Equal("a", "b");
        inputs.GetStringList("s").Should().Equal("x");
        inputs.GetStringList("absent").Should().BeEmpty();
        inputs.GetDateTime("d").Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(1630407352685));
        inputs.GetString("absent").Should().BeNull();
        inputs.Has("s").Should().BeTrue();
    }

    [TestCase("""{}""", "missing required input 'incident_id'")]
    [TestCase("""{"incident_id":null}""", "missing required input 'incident_id'")]
    [TestCase("""{"incident_id":""}""", "missing required input 'incident_id'")]
    [TestCase("""{"incident_id":"abc"}""", "input 'incident_id' must be a number")]
    [TestCase("""{"incident_id":1.5}""", "input 'incident_id' must be a number")]
    [TestCase("""{"incident_id":true}""", "input 'incident_id' must be a number")]
    [TestCase("""{"incident_id":{"format":"text","content":""}}""", "input 'incident_id' must be a number")]
    public void Required_number_errors_name_the_input(string json, string message)
    {
        var act = () => Inputs(json).GetRequiredInt64("incident_id");

        act.Should().Throw<InputValidationException>().WithMessage(message).Which.InputName.Should().Be("incident_id");
    }

    [Test]
    public void Other_type_errors_name_the_input()
    {
        var inputs = Inputs("""{"b":"maybe","s":{"format":"text","content":""},"big":99999999999}""");

        inputs.Invoking(i => i.GetBoolean("b")).Should().Throw<InputValidationException>().WithMessage("input 'b' must be true or false");
        inputs.Invoking(i => i.GetString("s")).Should().Throw<InputValidationException>().WithMessage("input 's' must be text");
        inputs.Invoking(i => i.GetInt32("big")).Should().Throw<InputValidationException>().WithMessage("input 'big' is out of range");
        inputs.Invoking(i => i.GetRequiredBoolean("none")).Should().Throw<InputValidationException>().WithMessage("missing required input 'none'");
    }
}
