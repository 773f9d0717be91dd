# fn-aws-guardduty container for a SOAR Edge Gateway (App Host).
# App Host mounts app.config at /etc/rescircuits/app.config; logs go to stdout (and to logdir when set).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props Fn.AwsGuardDuty.sln ./
COPY Fn.AwsGuardDuty/ Fn.AwsGuardDuty/
COPY customize/ customize/
RUN dotnet publish Fn.AwsGuardDuty -c Release -o /out --no-self-contained

FROM mcr.microsoft.com/dotnet/runtime:10.0
# /etc/rescircuits is root-owned and not a volume, so the checkpoints (aws_gd_state_dir) default to a folder on the
# VOLUME below instead of beside app.config. An explicit ENV rather than guessing "am I in a container" at run time:
# it is visible in `docker inspect`, and app.config's aws_gd_state_dir still wins.
ENV APP_CONFIG_FILE=/etc/rescircuits/app.config \
    FN_AWS_GUARDDUTY_STATE_DIR=/var/lib/fn-aws-guardduty/state \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
RUN groupadd --gid 1001 appuser && useradd --uid 1001 --gid 1001 --home-dir /var/lib/fn-aws-guardduty --create-home appuser \
    && mkdir -p /etc/rescircuits /var/log/fn-aws-guardduty /var/lib/fn-aws-guardduty/state \
    && chown appuser:appuser /var/log/fn-aws-guardduty /var/lib/fn-aws-guardduty/state && chmod 700 /var/lib/fn-aws-guardduty/state
WORKDIR /opt/fn-aws-guardduty
COPY --from=build /out/ ./
USER 1001
# The checkpoint store (FN_AWS_GUARDDUTY_STATE_DIR above, unless aws_gd_state_dir says otherwise) lives on this volume.
VOLUME ["/var/lib/fn-aws-guardduty"]
# /healthz of the running app, asked by the app itself (`health`: exit 0 healthy, 1 not), so the image needs no curl.
# Needs aws_gd_metrics_listen in app.config (127.0.0.1:9464 is enough for this check). `docker stop -t 45` (Compose:
# stop_grace_period: 45s) lets running functions finish within the listener's 30 s grace; the default 10 s does not.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 CMD ["/opt/fn-aws-guardduty/fn-aws-guardduty", "health"]
ENTRYPOINT ["/opt/fn-aws-guardduty/fn-aws-guardduty"]
CMD ["run"]
