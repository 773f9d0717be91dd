Console.WriteLine("sandbox: nothing here yet");
return 0;
