using System.Net;
using Fn.AwsGuardDuty.Soar;
using Fn.AwsGuardDuty.Soar.Http;

namespace Fn.AwsGuardDuty.Tests.Soar.Unit;

/// <summary>
/// <see cref="SoarResponse.ObjectId"/>: the id of a created incident or row, read without building the object SOAR
/// echoes back, with the same verdicts on bodies that are not a JSON object as the full parse gives.
/// </summary>
public class ResponseIdTests
{
    private static long? IdOf(string body) => new SoarResponse(HttpStatusCode.OK, body, null, []).ObjectId("POST /incidents");

    [Test]
    public void The_top_level_id_is_read_wherever_it_stands()
    {
        IdOf("""{"id": 2095, "name": "GuardDuty finding"}""").Should().Be(2095);
        IdOf("""
            {"name": "x", "properties": {"id": 7, "nested": [{"id": 8}]}, "description": {"format": "html", "content": "<p>id 9</p>"},
             "create_date": 1733472000000, "id": 2096, "members": []}
            """).Should().Be(2096, "ids of nested objects are skipped, not taken");
        IdOf("""/* SOAR sends none, a proxy might */ {"id": 5} // end""").Should().Be(5);
    }

    [Test]
    public void An_object_without_an_integer_id_gives_null()
    {
        IdOf("""{"name": "x"}""").Should().BeNull();
        IdOf("""{"id": "2095"}""").Should().BeNull("a text id is not SOAR's integer id");
        IdOf("""{"id": null}""").Should().BeNull();
        IdOf("{}").Should().BeNull();
    }

    [TestCase("", "an empty body")]
    [TestCase("   ", "an empty body")]
    [TestCase("[1, 2]", "JSON that is not an object")]
    [TestCase("\"created\"", "JSON that is not an object")]
    [TestCase("<html>502 Bad Gateway</html>", "not JSON")]
    [TestCase("""{"id": 5""", "not JSON")]
    [TestCase("""{"id": 5} {"id": 6}""", "not JSON")]
    [TestCase("""{"id": 5, "name": }""", "not JSON")]
    [TestCase("""{"id": 99999999999999999999999}""", "an id out of range")]
    public void A_body_that_is_not_one_JSON_object_is_a_protocol_error(string body, string says)
    {
        var act = () => IdOf(body);

        act.Should().Throw<SoarProtocolException>().Which.Message.Should().Contain(says).And.Contain("POST /incidents");
    }
}
