namespace Fn.AwsGuardDuty.Sandbox.Aws;

/// <summary>Who signed a request and for which region and service (taken from the credential scope).</summary>
public sealed record SigV4Identity(string AccessKeyId, string AccountId, string Region, string Service, DateTimeOffset SignedAt);
