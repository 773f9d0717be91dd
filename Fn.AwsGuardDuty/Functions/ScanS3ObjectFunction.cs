using Fn.AwsGuardDuty.Circuits;
using Fn.AwsGuardDuty.GuardDuty;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// <c>aws_guardduty_scan_s3_object</c>: SendObjectMalwareScan of <c>s3://aws_gd_bucket_name/aws_gd_object_key</c>
/// (Malware Protection for S3; the result arrives later as an EventBridge event). Content
/// <c>{"ResponseMetadata":{…},"status":"ok"}</c>.
/// </summary>
public sealed class ScanS3ObjectFunction(GuardDutyClientFactory clients, ILogger<ScanS3ObjectFunction> logger) : IFunctionHandler, ICustomizedFunction
{
    public static FunctionCustomization Customization { get; } = new(FunctionNames.ScanS3Object, "AWS GuardDuty: Scan S3 Object",
        "Sends one S3 object to GuardDuty Malware Protection for S3 to be scanned.",
        [InputNames.Region, InputNames.BucketName, InputNames.ObjectKey]);

    public string Name => FunctionNames.ScanS3Object;

    public Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        var region = call.Inputs.Region();
        var bucket = call.Inputs.RequiredText(InputNames.BucketName);
        if (bucket.Length is < 3 or > 63 || bucket.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-')))
            throw GuardDutyInputs.Invalid(InputNames.BucketName, $"must be an S3 bucket name (3-63 lower-case letters, digits, '.' or '-'), got '{GuardDutyInputs.Echo(bucket)}'");
        var key = call.Inputs.RequiredText(InputNames.ObjectKey);
        return SoftFailure.RunAsync(logger, Name, async () =>
        {
            var response = await clients.GetClient(region).SendObjectMalwareScanAsync(bucket, key, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Sent s3://{Bucket}/{Key} for a malware scan in {Region}", bucket, key, region);
            return ResponseContent.From(response, "SendObjectMalwareScanResponse");
        });
    }
}
