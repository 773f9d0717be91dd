using Fn.AwsGuardDuty.Sandbox.Tls;
using Fn.AwsGuardDuty.Tls;

namespace Fn.AwsGuardDuty.Tests.Tls;

/// <summary>The one CA-file reader of cafile and stomp_cafile: PEM or DER, one certificate or many, clear refusals.</summary>
public class CaBundleTests
{
    private string _dir = null!;
    private LocalCertificateAuthority _first = null!;
    private LocalCertificateAuthority _second = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("ca-bundle-").FullName;
        _first = LocalCertificateAuthority.Create("first test CA");
        _second = LocalCertificateAuthority.Create("second test CA");
    }

    [TearDown]
    public void TearDown()
    {
        _first.Dispose();
        _second.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string WriteText(string name, string text) => Write(name, System.Text.Encoding.ASCII.GetBytes(text));

    [Test]
    public void One_PEM_certificate()
    {
        var bundle = CaBundle.Load(WriteText("one.pem", _first.ExportCertificatePem()));

        bundle.Certificates.Should().ContainSingle().Which.Thumbprint.Should().Be(_first.Certificate.Thumbprint);
    }

    [Test]
    public void A_PEM_bundle_with_comments_between_certificates()
    {
        var text = $"# corporate roots\n{_first.ExportCertificatePem()}\nsubject=second\n{_second.ExportCertificatePem()}\n";

        var bundle = CaBundle.Load(WriteText("many.pem", text));

        bundle.Certificates.Select(c => c.Thumbprint).Should().Equal(_first.Certificate.Thumbprint, _second.Certificate.Thumbprint);
    }

    [Test]
    public void One_DER_certificate()
    {
        var bundle = CaBundle.Load(Write("one.der", _first.Certificate.RawData));

        bundle.Certificates.Should().ContainSingle().Which.Thumbprint.Should().Be(_first.Certificate.Thumbprint);
    }

    [TestCase("garbage.pem", "not a certificate at all", "is not a PEM or DER certificate file")]
    [TestCase("empty.pem", "", "holds no certificate")]
    [TestCase("key-only.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "is not a PEM or DER certificate file")]
    [TestCase("broken.pem", "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n", "holds no certificate")]
    public void A_file_that_holds_no_certificate_is_refused_naming_the_file(string name, string text, string why)
    {
        var path = WriteText(name, text);

        var act = () => CaBundle.Load(path);

        act.Should().Throw<CaBundleException>().Which.Message.Should().StartWith($"{path} {why}");
    }

    [Test]
    public void A_missing_file_is_refused_naming_the_file()
    {
        var path = Path.Combine(_dir, "absent.pem");

        var act = () => CaBundle.Load(path);

        act.Should().Throw<CaBundleException>().Which.Message.Should().StartWith($"{path} cannot be read");
    }
}
