using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Circuits;

/// <summary>Exact JSON comparison (FluentAssertions treats a JToken as a collection).</summary>
public static class JsonShould
{
    public static void Equal(JToken actual, string expectedJson)
    {
        var expected = JToken.Parse(expectedJson);
        JToken.DeepEquals(actual, expected).Should().BeTrue(
            $"expected {expected.ToString(Formatting.None)} but got {actual.ToString(Formatting.None)}");
    }
}
