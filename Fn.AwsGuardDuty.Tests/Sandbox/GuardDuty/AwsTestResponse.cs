using System.Net;
using System.Net.Http.Headers;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.GuardDuty;

/// <summary>A raw HTTP answer from the emulator, with helpers to read the AWS error parts.</summary>
internal sealed record AwsTestResponse(HttpStatusCode Status, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders, string Body)
{
    public JObject Json => WireJson.ParseObject(Body);

    public string? Header(string name) =>
        Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : ContentHeaders.TryGetValues(name, out var contentValues) ? string.Join(",", contentValues) : null;

    public string? ErrorType => Header("x-amzn-ErrorType");

    public void ShouldBeError(HttpStatusCode status, string errorType, string? subType = "InvalidInputException")
    {
        Status.Should().Be(status, Body);
        ErrorType.Should().Be(errorType);
        var json = Json;
        json.Value<string>("message").Should().NotBeNullOrWhiteSpace();
        json.Value<string>("__type").Should().Be(subType);
    }

    public JObject ShouldBeOk()
    {
        Status.Should().Be(HttpStatusCode.OK, Body);
        return Json;
    }
}
