namespace Fn.AwsGuardDuty.GuardDuty.Conversion;

/// <summary>
/// How members the model types as <c>timestamp</c> (epoch seconds on the wire, e.g. <c>s3BucketDetails[].createdAt</c>) are
/// written in the boto3 shape. boto3 turns them into <c>datetime</c> objects, which have no JSON form of their own.
/// String members such as the finding's <c>CreatedAt</c> are never touched.
/// </summary>
public enum TimestampFormat
{
    /// <summary>ISO-8601 UTC with milliseconds, <c>2017-12-18T15:58:11.551Z</c> (as the app's PascalCase fixtures show).</summary>
    Iso8601,

    /// <summary><c>2017-12-18 15:58:11</c>: what the reference app writes after its datetime pre-processing.</summary>
    ReferenceText,

    /// <summary>Left as the wire's epoch-seconds number.</summary>
    EpochSeconds,
}
