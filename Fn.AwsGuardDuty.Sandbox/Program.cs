if (args.Length > 0 && args[0] == "export-customization") return await Fn.AwsGuardDuty.Sandbox.Customization.ExportCustomizationVerb.RunAsync(args[1..]);
Console.WriteLine("sandbox: nothing here yet");
return 0;
