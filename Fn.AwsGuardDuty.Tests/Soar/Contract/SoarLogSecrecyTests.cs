using System.Text;
using Fn.AwsGuardDuty.Sandbox.Soar.Faults;
using Fn.AwsGuardDuty.Soar;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Soar.Contract;

/// <summary>
/// Runs every kind of call, failure and login (at Trace, so bodies are logged too) and then searches each captured
/// log line and exception text for the API key secret, the password, the Basic header and the session token.
/// </summary>
public class SoarLogSecrecyTests : SoarEmulatorFixture
{
    [Test]
    public async Task No_log_line_or_error_holds_a_secret()
    {
        var errors = new List<string>();
        async Task Capture(Func<Task> act)
        {
            try
            {
                await act();
            }
            catch (SoarException ex)
            {
                errors.Add(ex.ToString());
            }
        }

        foreach (var password in new[] { false, true })
        {
            using var client = Client(password);
            var id = (await client.Incidents.CreateAsync(NewIncident("secret-" + password)))["id"]!.ToObject<long>();
            await client.Notes.AddAsync(id, "note");
            await client.Artifacts.AddAsync(id, "IP Address", "192.0.2.1");
            await client.DataTables.ReplaceRowsAsync(id, "gd_finding_overview", [new Dictionary<string, JToken?> { ["region"] = "r" }]);
            await client.Incidents.CloseAsync(id, new Dictionary<string, JToken?> { ["resolution_id"] = "Resolved", ["resolution_summary"] = "s" });
            Emulator.ExpireSessions();
            await client.GetConstAsync();
            using (Emulator.Faults.Add(SoarFault.Burst("^GET .*/incidents/", 500, 10)))
            {
                await Capture(() => client.Incidents.GetAsync(id));
            }

            await Capture(() => client.Incidents.CloseAsync(id, new Dictionary<string, JToken?> { ["resolution_id"] = "Resolved" }));
        }

        using (var wrongKey = Client(tweak: o => o.ApiKeySecret = ApiKeySecret + "-wrong"))
        {
            await Capture(() => wrongKey.ConnectAsync());
        }

        using (var wrongPassword = Client(password: true, tweak: o => o.Password = Password + "-wrong"))
        {
            await Capture(() => wrongPassword.ConnectAsync());
        }

        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ApiKeyId}:{ApiKeySecret}"));
        var everything = Logs.Lines.Concat(errors).ToList();
        everything.Should().Contain(l => l.Contains("SOAR POST /rest/orgs/201/incidents 200", StringComparison.Ordinal), "one debug line per call");
        everything.Should().Contain(l => l.Contains("request body", StringComparison.Ordinal), "bodies were logged at Trace");
        errors.Should().HaveCountGreaterThanOrEqualTo(6);
        foreach (var secret in new[] { ApiKeySecret, Password, basic, "csrf_token" })
        {
            everything.Should().NotContain(l => l.Contains(secret, StringComparison.Ordinal), $"'{secret[..4]}…' must not be logged");
        }
    }
}
