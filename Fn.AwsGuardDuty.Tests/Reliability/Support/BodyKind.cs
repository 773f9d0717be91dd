namespace Fn.AwsGuardDuty.Tests.Reliability.Support;

/// <summary>What a fuzzed function-message body is made of.</summary>
public enum BodyKind
{
    Valid,
    UnknownFunction,
    RandomText,
    Truncated,
    Mutated,
    WrongTypes,
    Huge,
    DeeplyNested,
    NotAnObject,
    OtherFunctionRandomInputs,
}
