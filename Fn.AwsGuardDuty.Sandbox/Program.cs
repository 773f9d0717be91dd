if (args.Length > 0 && args[0] == "bench") return await Fn.AwsGuardDuty.Sandbox.Bench.BenchVerb.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "export-customization") return await Fn.AwsGuardDuty.Sandbox.Customization.ExportCustomizationVerb.RunAsync(args[1..]);
Console.WriteLine("sandbox: nothing here yet");
return 0;
