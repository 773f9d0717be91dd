using Fn.AwsGuardDuty.GuardDuty;

namespace Fn.AwsGuardDuty.Tests.GuardDuty.Unit;

public class OptionsAndBatchingTests
{
    [Test]
    public void Defaults_are_valid()
    {
        var options = new GuardDutyClientOptions();
        options.Validate();
        options.MaxAttempts.Should().Be(5);
        options.TotalDeadline.Should().Be(TimeSpan.FromSeconds(60));
    }

    [TestCase("key-only", "aws_gd_secret_access_key is required*")]
    [TestCase("secret-only", "aws_gd_access_key_id is required*")]
    [TestCase("token-only", "aws_gd_session_token*")]
    [TestCase("bad-region", "aws_gd_master_region*")]
    [TestCase("bad-role", "aws_gd_role_arn*")]
    [TestCase("bad-endpoint", "aws_gd_endpoint_url*")]
    [TestCase("attempts", "MaxAttempts*")]
    [TestCase("proxy", "https_proxy must be*")]
    public void Validation_names_the_key(string what, string message)
    {
        var o = new GuardDutyClientOptions();
        switch (what)
        {
            case "key-only": o.AccessKeyId = "AKIAEXAMPLE"; break;
            case "secret-only": o.SecretAccessKey = "s3cr3t-value"; break;
            case "token-only": o.SessionToken = "tok3n-value"; break;
            case "bad-region": o.MasterRegion = "Frankfurt"; break;
            case "bad-role": o.RoleArn = "role/x"; break;
            case "bad-endpoint": o.EndpointUrl = new Uri("ftp://127.0.0.1/"); break;
            case "attempts": o.MaxAttempts = 0; break;
            case "proxy": o.HttpsProxy = new System.Net.WebProxy("socks9://127.0.0.1:1") { Credentials = new System.Net.NetworkCredential("user", "pr0xy-pass") }; break;
        }
        var act = () => o.Validate();
        var thrown = act.Should().Throw<ArgumentException>().WithMessage(message).Which;
        thrown.Message.Should().NotContain("s3cr3t-value").And.NotContain("tok3n-value").And.NotContain("pr0xy-pass");
    }

    [Test]
    public void Ids_are_deduplicated_and_split_into_batches_of_50_before_anything_is_sent()
    {
        var ids = Enumerable.Range(0, 120).Select(i => $"f{i}").Concat(["f1", "f2"]).ToList();
        var batches = GuardDutyClient.Batches(ids);
        batches.Select(b => b.Length).Should().Equal(50, 50, 20);
        batches.SelectMany(b => b).Should().Equal(ids.Distinct());
        GuardDutyClient.Batches([]).Should().BeEmpty();

        var act = () => GuardDutyClient.Batches(["ok", " "]);
        act.Should().Throw<ArgumentException>();
        var tooLong = () => GuardDutyClient.Batches([new string('a', 301)]);
        tooLong.Should().Throw<ArgumentException>();
    }
}
