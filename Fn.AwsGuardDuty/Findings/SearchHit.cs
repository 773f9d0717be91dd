using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Findings;

/// <summary>A scalar found under <see cref="Key"/>; <see cref="ParentPath"/> is the path of the object holding it (strings and list indices).</summary>
internal readonly record struct SearchHit(string Key, JValue Value, IReadOnlyList<object> ParentPath);
