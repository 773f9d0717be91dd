namespace Fn.AwsGuardDuty.Sandbox.Soar.State;

/// <summary>A copy of a note for tests.</summary>
public sealed record SoarCommentView(long Id, string Format, string Content, long Created);
