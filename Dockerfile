# fn-aws-guardduty container for a SOAR Edge Gateway (App Host).
# App Host mounts app.config at /etc/rescircuits/app.config; logs go to stdout (and to logdir when set).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props Fn.AwsGuardDuty.sln ./
COPY Fn.AwsGuardDuty/ Fn.AwsGuardDuty/
COPY customize/ customize/
RUN dotnet publish Fn.AwsGuardDuty -c Release -o /out --no-self-contained

FROM mcr.microsoft.com/dotnet/runtime:10.0
ENV APP_CONFIG_FILE=/etc/rescircuits/app.config \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
RUN groupadd --gid 1001 appuser && useradd --uid 1001 --gid 1001 --home-dir /var/lib/fn-aws-guardduty --create-home appuser \
    && mkdir -p /etc/rescircuits /var/log/fn-aws-guardduty && chown appuser:appuser /var/log/fn-aws-guardduty
WORKDIR /opt/fn-aws-guardduty
COPY --from=build /out/ ./
USER 1001
# The checkpoint store lives beside app.config unless aws_gd_state_dir says otherwise; mount a volume there.
VOLUME ["/var/lib/fn-aws-guardduty"]
ENTRYPOINT ["/opt/fn-aws-guardduty/fn-aws-guardduty"]
CMD ["run"]
