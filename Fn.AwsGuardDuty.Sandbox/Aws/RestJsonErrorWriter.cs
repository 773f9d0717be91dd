using System.Text;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Aws;

/// <summary>Writes rest-json errors: status, <c>x-amzn-ErrorType</c> and a <c>{"message","__type"}</c> body.</summary>
public static class RestJsonErrorWriter
{
    public static async Task WriteAsync(HttpResponse response, AwsServiceErrorException error, CancellationToken cancellationToken)
    {
        var body = new JObject { ["message"] = error.Message };
        if (error.SubType is not null)
        {
            body["__type"] = error.SubType;
        }

        response.StatusCode = error.StatusCode;
        response.Headers["x-amzn-ErrorType"] = error.ErrorType;
        response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(WireJson.Serialize(body));
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, cancellationToken);
    }

    /// <summary>The errors API Gateway and the AWS auth layer give for a refused signature.</summary>
    public static AwsServiceErrorException FromAuthFailure(AwsAuthException failure) => failure.Failure switch
    {
        AwsAuthFailure.MissingAuthentication => new AwsServiceErrorException(403, "MissingAuthenticationTokenException", failure.Message, null),
        AwsAuthFailure.IncompleteSignature => new AwsServiceErrorException(400, "IncompleteSignatureException", failure.Message, null),
        AwsAuthFailure.UnknownAccessKey or AwsAuthFailure.InvalidSessionToken =>
            new AwsServiceErrorException(403, "UnrecognizedClientException", failure.Message, null),
        _ => new AwsServiceErrorException(403, "InvalidSignatureException", failure.Message, null),
    };
}
