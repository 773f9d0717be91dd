using System.Security.Cryptography.X509Certificates;
using Fn.AwsGuardDuty.Hosting;
using Fn.AwsGuardDuty.Stomp;
using Fn.AwsGuardDuty.Tests.Configuration;
using Fn.AwsGuardDuty.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fn.AwsGuardDuty.Tests.Hosting;

/// <summary>stomp_cafile in DER, from app.config through the mapping to a TLS connection with ActiveMQ's SSL connector.</summary>
[Category("Broker")]
public class DerCaBrokerTests
{
    [Test]
    public async Task A_DER_stomp_cafile_connects_over_TLS()
    {
        var broker = await SharedActiveMqBroker.GetAsync();
        using var files = new TestConfigFiles();
        using var ca = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(broker.CaCertificatePath));
        var der = files.Write("", "work/broker-ca.der");
        await File.WriteAllBytesAsync(der, ca.RawData);
        var config = files.Load(TestConfigFiles.Valid(resilientExtra: $"""
            stomp_host = localhost
            stomp_port = {broker.StompSslPort}
            stomp_cafile = {der}
            stomp_timeout = 10
            """));

        var options = StompClientOptionsMapping.From(config.Resilient);
        options.Login = broker.Username;
        options.Passcode = broker.Password;
        await using var connection = await StompConnection.ConnectAsync(options, 1, _ => { }, _ => { }, NullLogger.Instance, CancellationToken.None);

        connection.IsOpen.Should().BeTrue();
        await connection.DisconnectAsync(TimeSpan.FromSeconds(5));
    }
}
