using Fn.AwsGuardDuty.Configuration;

namespace Fn.AwsGuardDuty.Tests.Configuration;

public class EnvironmentSubstitutionTests
{
    private static readonly AppEnvironment Env = AppEnvironment.FromDictionary(
        new Dictionary<string, string> { ["HOST"] = "soar.local", ["PW"] = "p@ss", ["A"] = "1", ["B"] = "2", ["EMPTY"] = "" },
        "/work", "/home/u");

    private static string Sub(string value, List<string>? missing = null) =>
        EnvironmentSubstitution.Substitute(value, Env, missing ?? []);

    [Test]
    public void A_whole_dollar_value_is_a_variable() => Sub("$PW").Should().Be("p@ss");

    [Test]
    public void Braced_references_are_replaced_anywhere_and_several_times() =>
        Sub("x-${A}-${B}-${A}").Should().Be("x-1-2-1");

    [Test]
    public void Dollar_dollar_is_a_literal_dollar()
    {
        Sub("$$PW").Should().Be("$PW");
        Sub("a$$b").Should().Be("a$b");
        Sub("$${A}").Should().Be("${A}");
    }

    [Test]
    public void Text_that_is_not_a_reference_stays()
    {
        Sub("pa$word!").Should().Be("pa$word!");
        Sub("$1abc").Should().Be("$1abc");
        Sub("${not closed").Should().Be("${not closed");
        Sub("${bad-name}").Should().Be("${bad-name}");
        Sub("ends with $").Should().Be("ends with $");
        Sub("no dollars").Should().Be("no dollars");
    }

    [Test]
    public void Unset_and_empty_variables_are_reported_and_kept()
    {
        var missing = new List<string>();
        Sub("$NOPE", missing).Should().Be("$NOPE");
        Sub("a${EMPTY}b", missing).Should().Be("a${EMPTY}b");
        missing.Should().Equal("NOPE", "EMPTY");
    }

    [Test]
    public void An_unset_variable_in_a_secret_key_is_an_error_naming_key_and_variable()
    {
        using var files = new TestConfigFiles();
        var problems = files.Problems(TestConfigFiles.Valid(guardDutyExtra: "aws_gd_access_key_id = AKIA1\naws_gd_secret_access_key = ${GD_SECRET}"));
        problems.Should().ContainSingle().Which.ToString().Should()
            .Be("app.config: [fn_aws_guardduty] aws_gd_secret_access_key: refers to the environment variable GD_SECRET, which is not set");
    }

    [Test]
    public void An_unset_variable_elsewhere_keeps_the_text_and_warns()
    {
        using var files = new TestConfigFiles();
        var config = files.Load(TestConfigFiles.Valid(resilientExtra: "resource_prefix = /x/${PREFIX}"));
        config.Resilient.ResourcePrefix.Should().Be("/x/${PREFIX}");
        config.Warnings.Should().ContainSingle(w => w.Contains("[resilient] resource_prefix") && w.Contains("PREFIX is not set"));
    }

    [Test]
    public void Values_from_the_environment_reach_the_options()
    {
        using var files = new TestConfigFiles();
        files.Variables["SOAR_HOST"] = "soar.internal";
        files.Variables["SOAR_SECRET"] = "from-env-secret";
        var config = files.Load(TestConfigFiles.Valid().Replace("soar.example.com", "$SOAR_HOST")
            .Replace(TestConfigFiles.ApiKeySecret, "${SOAR_SECRET}"));
        config.Resilient.Host.Should().Be("soar.internal");
        config.Resilient.ApiKeySecret!.Reveal().Should().Be("from-env-secret");
        config.SecretValues.Should().Contain("from-env-secret");
    }
}
