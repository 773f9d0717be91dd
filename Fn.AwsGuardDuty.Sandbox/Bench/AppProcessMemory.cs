using Fn.AwsGuardDuty.Sandbox.Worlds;

namespace Fn.AwsGuardDuty.Sandbox.Bench;

/// <summary>The bench's view of an app process: its memory, read from /proc.</summary>
public static class AppProcessMemory
{
    public static ProcMemory? Memory(this AppProcess app) => ProcMemory.Read(app.Id);
}
