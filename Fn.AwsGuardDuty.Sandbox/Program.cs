if (args.Length > 0 && args[0] == "bench") return await Fn.AwsGuardDuty.Sandbox.Bench.BenchVerb.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "export-customization") return await Fn.AwsGuardDuty.Sandbox.Customization.ExportCustomizationVerb.RunAsync(args[1..]);
// Verbs dispatch above this line; anything else is the try-it sandbox (Fn.AwsGuardDuty.Sandbox/TryIt, --help for its options).
return await Fn.AwsGuardDuty.Sandbox.TryIt.TryItVerb.RunAsync(args);
