using Fn.AwsGuardDuty.Sandbox.Soar.Imports;

namespace Fn.AwsGuardDuty.Tests.Soar.Contract;

/// <summary>What start-up and customize call: functions, message destinations, grants and constants.</summary>
public class SoarCustomizeContractTests : SoarEmulatorFixture
{
    [Test]
    public async Task A_function_names_its_destination_and_a_missing_one_is_null()
    {
        using var client = Client();

        var function = await client.Functions.GetAsync(SoarGuardDutyCustomization.ArchiveFunction);
        var missing = await client.Functions.GetAsync("func_that_does_not_exist");

        function!["destination_handle"]!.ToString().Should().Be(SoarGuardDutyCustomization.Destination);
        missing.Should().BeNull();
    }

    [Test]
    public async Task Destinations_are_listed_read_and_written()
    {
        using var client = Client();

        var all = await client.MessageDestinations.ListAsync();
        var found = await client.MessageDestinations.FindAsync(SoarGuardDutyCustomization.Destination);
        var id = found!["id"]!.ToObject<long>();
        var read = await client.MessageDestinations.GetAsync(id);
        var written = await client.MessageDestinations.PutAsync(id, read);

        all.Should().Contain(d => d["programmatic_name"]!.ToString() == SoarGuardDutyCustomization.Destination);
        read["programmatic_name"]!.ToString().Should().Be(SoarGuardDutyCustomization.Destination);
        written["id"]!.ToObject<long>().Should().Be(id);
        (await client.MessageDestinations.FindAsync("no_such_destination")).Should().BeNull();
    }

    [Test]
    public async Task Grant_adds_the_api_key_handle_or_the_user_once()
    {
        using var keyClient = Client();
        using var userClient = Client(password: true);
        var id = (await keyClient.MessageDestinations.FindAsync(SoarGuardDutyCustomization.Destination))!["id"]!.ToObject<long>();

        var first = await keyClient.MessageDestinations.GrantAccessAsync(id);
        var again = await keyClient.MessageDestinations.GrantAccessAsync(id);
        var user = await userClient.MessageDestinations.GrantAccessAsync(id);

        first.Should().BeTrue();
        again.Should().BeFalse();
        user.Should().BeTrue();
        var grants = Emulator.State.DefaultOrg.GetDestinationGrants(SoarGuardDutyCustomization.Destination)!.Value;
        grants.ApiKeys.Should().Contain(9);
        grants.Users.Should().Contain(3);
    }

    [Test]
    public async Task Constants_carry_the_server_version()
    {
        using var client = Client();

        var constants = await client.GetConstAsync();

        constants["server_version"]!["version"]!.ToString().Should().StartWith("51.");
    }
}
