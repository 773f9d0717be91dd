using System.Globalization;
using Fn.AwsGuardDuty.Configuration;

namespace Fn.AwsGuardDuty.Push;

/// <summary>
/// When the push intake last received a message, kept in <c>aws_gd_state_dir</c> (<see cref="FileName"/>) so that
/// <c>selftest</c>, another process, can tell a queue nothing feeds from a quiet one. One ISO-8601 UTC line.
/// </summary>
public sealed class PushFeedMark(string stateDir)
{
    public const string FileName = "push-last-message";

    public string Path { get; } = System.IO.Path.Combine(stateDir, FileName);

    /// <summary>The time written last; null when there is none or it cannot be read.</summary>
    public DateTimeOffset? Read()
    {
        try
        {
            return File.Exists(Path) && DateTimeOffset.TryParse(File.ReadAllText(Path).Trim(), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
                ? at
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Writes <paramref name="at"/> (replacing the file whole, so a reader never sees half a line).</summary>
    public async Task WriteAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        StateDirectory.Create(System.IO.Path.GetDirectoryName(Path)!);
        var temp = Path + ".tmp";
        await File.WriteAllTextAsync(temp, at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        File.Move(temp, Path, overwrite: true);
    }
}
