using Fn.AwsGuardDuty.Logging;

namespace Fn.AwsGuardDuty.Tests.Logging;

public class SecretRedactorTests
{
    [Test]
    public void Masks_every_occurrence_of_every_secret()
    {
        var redactor = new SecretRedactor(["alpha-secret", "beta-token"]);
        redactor.Redact("a alpha-secret b beta-token c alpha-secret").Should().Be("a ******** b ******** c ********");
    }

    [Test]
    public void A_longer_secret_containing_a_shorter_one_is_masked_whole()
    {
        var redactor = new SecretRedactor(["abc", "abcdef-long"]);
        redactor.Redact("x abcdef-long y abc").Should().Be("x ******** y ********");
    }

    [Test]
    public void Text_without_secrets_is_unchanged()
    {
        var redactor = new SecretRedactor(["", "hidden"]);
        redactor.Count.Should().Be(1);
        redactor.Redact("nothing here").Should().Be("nothing here");
        redactor.Redact("").Should().Be("");
        SecretRedactor.None.Redact("hidden").Should().Be("hidden");
    }
}
