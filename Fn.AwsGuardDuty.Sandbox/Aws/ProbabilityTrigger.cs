namespace Fn.AwsGuardDuty.Sandbox.Aws;

/// <summary>Fires with a fixed probability, drawn from a seeded generator so a run can be replayed.</summary>
public sealed class ProbabilityTrigger : FaultTrigger
{
    private readonly double probability;
    private readonly Random random;
    private readonly Lock gate = new();

    public ProbabilityTrigger(double probability, int seed)
    {
        if (double.IsNaN(probability) || probability is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "The probability must be between 0 and 1.");
        }

        this.probability = probability;
        random = new Random(seed);
    }

    public override bool ShouldFire()
    {
        lock (gate)
        {
            return random.NextDouble() < probability;
        }
    }
}
