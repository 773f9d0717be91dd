namespace Fn.AwsGuardDuty.Tests;

public class SmokeTest
{
    [Test]
    public void Builds() => (1 + 1).Should().Be(2);
}
