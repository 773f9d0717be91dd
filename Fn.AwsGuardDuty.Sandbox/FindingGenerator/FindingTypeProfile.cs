namespace Fn.AwsGuardDuty.Sandbox.FindingGenerator;

/// <summary>
/// What a finding type looks like: the resource it is about, the action that triggered it, its severity band,
/// the data source (featureName) and its prose (<c>{0}</c> = resource name, <c>{1}</c> = detail). <see cref="Detail"/> is the type's own value: the port probed or
/// attacked, the API called, or the domain looked up.
/// </summary>
public sealed record FindingTypeProfile(
    string Type,
    string ResourceType,
    string ActionType,
    SeverityBand Band,
    string FeatureName,
    string Title,
    string Description,
    string? Detail = null);
