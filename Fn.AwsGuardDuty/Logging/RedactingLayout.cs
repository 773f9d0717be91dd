using NLog;
using NLog.Layouts;

namespace Fn.AwsGuardDuty.Logging;

/// <summary>
/// Wraps a target's layout and masks secrets in what it renders. <see cref="NLogSetup"/> puts it around the
/// layout of every target, so an edited NLog.config cannot leak a secret.
/// </summary>
public sealed class RedactingLayout : Layout
{
    public RedactingLayout(Layout inner, SecretRedactor redactor)
    {
        Inner = inner;
        Redactor = redactor;
    }

    public Layout Inner { get; }

    public SecretRedactor Redactor { get; }

    protected override string GetFormattedMessage(LogEventInfo logEvent) => Redactor.Redact(Inner.Render(logEvent));
}
