using Fn.AwsGuardDuty.Sandbox.Soar.Imports;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;

namespace Fn.AwsGuardDuty.Tests.Soar.Contract;

/// <summary>configurations/imports on an org without the GuardDuty customization.</summary>
public class SoarImportContractTests : SoarEmulatorFixture
{
    protected override SoarPreload Preload => SoarPreload.None;

    [Test]
    public async Task An_import_is_held_pending_then_rejected_or_accepted()
    {
        using var client = Client();
        var export = SoarGuardDutyCustomization.BuildExport();

        var pending = await client.Imports.CreateAsync(export);
        var rejected = await client.Imports.ConfirmAsync(pending, accept: false);
        var afterReject = await client.Functions.GetAsync(SoarGuardDutyCustomization.ArchiveFunction);
        var accepted = await client.Imports.ImportAsync(export, accept: true);
        var afterAccept = await client.Functions.GetAsync(SoarGuardDutyCustomization.ArchiveFunction);
        var readBack = await client.Imports.GetAsync(accepted["id"]!.ToObject<long>());

        pending["status"]!.ToString().Should().Be("PENDING");
        rejected["status"]!.ToString().Should().Be("REJECTED");
        afterReject.Should().BeNull();
        accepted["status"]!.ToString().Should().Be("ACCEPTED");
        afterAccept.Should().NotBeNull();
        readBack["status"]!.ToString().Should().Be("ACCEPTED");
    }

    [Test]
    public async Task A_broken_export_is_refused_with_SOARs_reasons()
    {
        using var client = Client();

        var act = () => client.Imports.CreateAsync(new Newtonsoft.Json.Linq.JObject { ["export_format_version"] = 1 });

        (await act.Should().ThrowAsync<Fn.AwsGuardDuty.Soar.SoarHttpException>()).WithMessage("*export_format_version*");
    }
}
