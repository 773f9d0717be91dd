namespace Fn.AwsGuardDuty.Sandbox.Customization;

/// <summary>The customization sources (playbooks/ folder, definitions) are missing or inconsistent.</summary>
public sealed class CustomizationException(string message) : Exception(message);
