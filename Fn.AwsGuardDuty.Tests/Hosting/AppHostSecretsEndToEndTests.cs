using Fn.AwsGuardDuty.Configuration;
using Fn.AwsGuardDuty.Hosting;
using Fn.AwsGuardDuty.Logging;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.Soar;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Fn.AwsGuardDuty.Tests.Configuration;
using Fn.AwsGuardDuty.Tests.GuardDuty.Support;

namespace Fn.AwsGuardDuty.Tests.Hosting;

/// <summary>
/// An App Host deployment with protected secrets: the SOAR API key secret and the AWS secret key live only in the secrets
/// folder, app.config names them as <c>$NAME</c> (as IBM's App Host apps do), and <c>run</c>'s start-up (SOAR login, AWS
/// credentials) plus a GuardDuty call succeed against the emulators, which accept nothing but the real secrets.
/// </summary>
public class AppHostSecretsEndToEndTests
{
    private const string ApiKeyId = "apphost-key";
    private const string SoarSecret = "apphost-soar-secret-Value-91";
    private const string AwsKey = "AKIAAPPHOSTSECRETS01";
    private const string AwsSecret = "apphost/aws+secret/KEY-00000000000000000";

    [Test]
    public async Task Protected_secrets_log_in_to_SOAR_and_sign_GuardDuty_calls_and_no_log_line_carries_them()
    {
        using var files = new TestConfigFiles();
        var secrets = new AppHostSecretsFolder(Path.Combine(files.Directory, "etc-secrets"));
        secrets.Add("SOAR_API_KEY_SECRET", SoarSecret);
        secrets.Add("AWS_SECRET_ACCESS_KEY_GD", AwsSecret);
        files.SecretsDirectory = secrets.Directory;
        files.Variables[AppHostSecrets.ContainerVariable] = "1";
        var ca = Path.Combine(files.Directory, "soar-ca.pem");
        await using var soar = await SoarEmulator.StartAsync(new SoarEmulatorOptions
        {
            CaPemPath = ca,
            Orgs = [new SoarOrgOptions { Id = 201, Name = "App Host Org" }],
            ApiKeys = [new SoarApiKeyOptions { Id = ApiKeyId, Secret = SoarSecret }],
        });
        await using var aws = await GuardDutyEmulator.StartAsync(new GuardDutyEmulatorOptions
        {
            Credentials = [new AwsCredential(AwsKey, AwsSecret, "111111111111")],
        });

        var config = files.Load($"""
            [resilient]
            host = 127.0.0.1
            port = {soar.Port}
            org = App Host Org
            api_key_id = {ApiKeyId}
            api_key_secret = $SOAR_API_KEY_SECRET
            cafile = {ca}

            [fn_aws_guardduty]
            aws_gd_master_region = us-east-1
            aws_gd_regions = .*
            aws_gd_access_key_id = {AwsKey}
            aws_gd_secret_access_key = ${"{"}AWS_SECRET_ACCESS_KEY_GD{"}"}
            aws_gd_endpoint_url = {aws.Endpoint}
            """);
        var capture = new LogCapture();
        using var loggerFactory = capture.CreateFactory();

        await using var runtime = await AppRuntime.CreateAsync(config, loggerFactory, CancellationToken.None);
        await runtime.GuardDuty.GetClient("us-east-1").ListDetectorsPageAsync();

        runtime.Session.Org.Name.Should().Be("App Host Org", "SOAR accepted the API key secret read from the secrets folder");
        aws.State.Calls.Count("ListDetectors").Should().Be(1, "the emulator verified a signature made with the protected AWS secret");
        capture.Lines.Should().NotBeEmpty();
        capture.LinesContainingAny([SoarSecret, AwsSecret]).Should().BeEmpty();
        config.SecretValues.Should().Contain([SoarSecret, AwsSecret]);
        new SecretRedactor(config.SecretValues).Redact($"x {SoarSecret} y {AwsSecret}").Should().Be($"x {SecretRedactor.Mask} y {SecretRedactor.Mask}");
    }
}
