using Fn.AwsGuardDuty.Tests.Infrastructure;

// NUnit scopes a SetUpFixture to its namespace: this one sits in the root test namespace (not the folder's) so
// its teardown runs after every test of the run, whichever folder used the shared broker.
namespace Fn.AwsGuardDuty.Tests;

[SetUpFixture]
public sealed class BrokerRunTeardown
{
    [OneTimeTearDown]
    public Task StopSharedBroker() => SharedActiveMqBroker.StopAsync();
}
