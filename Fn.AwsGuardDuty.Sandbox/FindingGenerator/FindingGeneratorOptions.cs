namespace Fn.AwsGuardDuty.Sandbox.FindingGenerator;

/// <summary>Where generated findings belong and when they happen. The defaults are fixed so output depends only on the seed.</summary>
public sealed class FindingGeneratorOptions
{
    public string AccountId { get; init; } = "123456789012";

    public string Region { get; init; } = "us-east-1";

    /// <summary>Null: a stable id derived from account and region.</summary>
    public string? DetectorId { get; init; }

    /// <summary>createdAt of the first finding; later ones follow at <see cref="Spacing"/>.</summary>
    public DateTimeOffset StartTime { get; init; } = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public TimeSpan Spacing { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Restrict to these types (names from <see cref="FindingTypeCatalog"/>); empty means all.</summary>
    public IReadOnlyList<string> Types { get; init; } = [];

    public void Validate()
    {
        if (AccountId.Length != 12 || !AccountId.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("FindingGeneratorOptions.AccountId must be 12 digits.");
        }

        if (string.IsNullOrWhiteSpace(Region))
        {
            throw new ArgumentException("FindingGeneratorOptions.Region is required.");
        }

        if (Spacing < TimeSpan.Zero)
        {
            throw new ArgumentException("FindingGeneratorOptions.Spacing must not be negative.");
        }

        var unknown = Types.Where(type => FindingTypeCatalog.Find(type) is null).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"FindingGeneratorOptions.Types has unknown finding types: {string.Join(", ", unknown)}.");
        }
    }
}
