// The broker launcher lives in the sandbox (the benchmark starts one too); every test file that names ActiveMqBroker
// sees it through this one global using.
global using Fn.AwsGuardDuty.Sandbox.ActiveMq;
