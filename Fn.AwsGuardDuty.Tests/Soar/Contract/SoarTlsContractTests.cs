using Fn.AwsGuardDuty.Soar;
using Fn.AwsGuardDuty.Sandbox.Tls;

namespace Fn.AwsGuardDuty.Tests.Soar.Contract;

public class SoarTlsContractTests : SoarEmulatorFixture
{
    [Test]
    public async Task The_emulators_certificate_verifies_against_its_CA_file()
    {
        using var client = Client();

        (await client.ConnectAsync()).OrgId.Should().Be(201);
        client.BaseUrl.Should().StartWith("https://127.0.0.1:");
    }

    [Test]
    public async Task A_different_CA_file_refuses_the_connection()
    {
        using var otherCa = LocalCertificateAuthority.Create("not the SOAR CA");
        var otherFile = Path.Combine(TempDir, "other-ca.pem");
        otherCa.WriteCertificatePem(otherFile);
        using var client = Client(tweak: o => o.CaFile = otherFile);

        var act = () => client.ConnectAsync();

        (await act.Should().ThrowAsync<SoarTlsException>()).WithMessage("*not trusted*");
    }

    [Test]
    public async Task Without_a_CA_file_the_system_store_does_not_trust_the_emulator()
    {
        using var client = Client(tweak: o => o.CaFile = null);

        var act = () => client.ConnectAsync();

        await act.Should().ThrowAsync<SoarTlsException>().WithMessage("*the system trust store*");
    }
}
