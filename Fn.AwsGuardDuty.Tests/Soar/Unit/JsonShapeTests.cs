using Fn.AwsGuardDuty.Soar.Api;
using Fn.AwsGuardDuty.Soar.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Soar.Unit;

public class JsonShapeTests
{
    [Test]
    public void Row_artifact_and_note_bodies()
    {
        DataTablesApi.BuildRow(new Dictionary<string, JToken?> { ["count"] = 3, ["name"] = "x", ["empty"] = null })
            .ToString(Formatting.None).Should().Be("""{"cells":{"count":{"value":3},"name":{"value":"x"},"empty":{"value":null}}}""");
        ArtifactsApi.Build("IP Address", "1.2.3.4", "seen")
            .ToString(Formatting.None).Should().Be("""{"type":{"name":"IP Address"},"value":"1.2.3.4","description":{"format":"text","content":"seen"}}""");
        NotesApi.Build("<b>hi</b>", NoteFormat.Html)
            .ToString(Formatting.None).Should().Be("""{"text":{"format":"html","content":"<b>hi</b>"}}""");
    }

    [Test]
    public void Required_on_close_fields_come_from_the_incident_type()
    {
        var type = JObject.Parse("""
            {"fields": {
              "resolution_id": {"name": "resolution_id", "text": "Resolution", "required": "close", "prefix": null},
              "name": {"name": "name", "text": "Name", "required": "always"},
              "my_reason": {"name": "my_reason", "text": "My reason", "required": "close", "prefix": "properties"}
            }}
            """);

        var required = TypesApi.ReadRequiredOnClose(type);
        required.Select(f => f.Name).Should().Equal("resolution_id", "my_reason");
        required[1].IsCustom.Should().BeTrue();
        required[1].IsGivenBy(["properties.my_reason"]).Should().BeTrue();
        required[0].IsGivenBy(["resolution_summary"]).Should().BeFalse();
    }

    [Test]
    public void Grant_adds_the_principal_once()
    {
        var destination = JObject.Parse("""{"id": 1, "api_keys": [5], "users": []}""");
        MessageDestinationsApi.AddPrincipal(destination, "api_keys", 5).Should().BeFalse();
        MessageDestinationsApi.AddPrincipal(destination, "api_keys", 9).Should().BeTrue();
        MessageDestinationsApi.AddPrincipal(destination, "users", 3).Should().BeTrue();
        destination.ToString(Formatting.None).Should().Be("""{"id":1,"api_keys":[5,9],"users":[3]}""");
    }

    [Test]
    public void Session_cookies_become_one_cookie_header()
    {
        SoarAuthenticator.CookieHeader(["JSESSIONID=abc; Path=/; Secure; HttpOnly", "LB=x1; Path=/"]).Should().Be("JSESSIONID=abc; LB=x1");
        SoarAuthenticator.CookieHeader([]).Should().BeNull();
    }

    [Test]
    public void Server_messages_are_read_from_json_or_trimmed()
    {
        new SoarResponse(System.Net.HttpStatusCode.BadRequest, """{"success":false,"message":"Bad thing"}""", null, []).ServerMessage().Should().Be("Bad thing");
        new SoarResponse(System.Net.HttpStatusCode.BadGateway, new string('x', 1000), null, []).ServerMessage()!.Length.Should().Be(303);
    }
}
