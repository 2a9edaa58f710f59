# syntax=docker/dockerfile:1
# DerivBot: restore → build → test → publish → runtime (non-root, data/ volume for the SQLite database).
# Native packages: none beyond the .NET images. Charts draw with SkiaSharp's self-contained native library (NuGet) and
# the CJK fonts embedded in DerivBot.Charts; ICU (zh-TW/zh-CN cultures) ships in the .NET base images. Keep in step
# with .ci/run, which installs only ICU.

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS restore
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
COPY DerivBot.sln Directory.Build.props Directory.Build.targets Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY src/DerivBot.Application/DerivBot.Application.csproj src/DerivBot.Application/DerivBot.Application.csproj
COPY src/DerivBot.Charts/DerivBot.Charts.csproj src/DerivBot.Charts/DerivBot.Charts.csproj
COPY src/DerivBot.Core/DerivBot.Core.csproj src/DerivBot.Core/DerivBot.Core.csproj
COPY src/DerivBot.Discord/DerivBot.Discord.csproj src/DerivBot.Discord/DerivBot.Discord.csproj
COPY src/DerivBot.Storage.Postgres/DerivBot.Storage.Postgres.csproj src/DerivBot.Storage.Postgres/DerivBot.Storage.Postgres.csproj
COPY src/DerivBot.Storage.Sqlite/DerivBot.Storage.Sqlite.csproj src/DerivBot.Storage.Sqlite/DerivBot.Storage.Sqlite.csproj
COPY src/DerivBot.Telegram/DerivBot.Telegram.csproj src/DerivBot.Telegram/DerivBot.Telegram.csproj
COPY src/DerivBot.Venues/DerivBot.Venues.csproj src/DerivBot.Venues/DerivBot.Venues.csproj
COPY src/DerivBot/DerivBot.csproj src/DerivBot/DerivBot.csproj
COPY tests/DerivBot.Application.Tests/DerivBot.Application.Tests.csproj tests/DerivBot.Application.Tests/DerivBot.Application.Tests.csproj
COPY tests/DerivBot.Benchmarks/DerivBot.Benchmarks.csproj tests/DerivBot.Benchmarks/DerivBot.Benchmarks.csproj
COPY tests/DerivBot.Charts.Tests/DerivBot.Charts.Tests.csproj tests/DerivBot.Charts.Tests/DerivBot.Charts.Tests.csproj
COPY tests/DerivBot.Core.Tests/DerivBot.Core.Tests.csproj tests/DerivBot.Core.Tests/DerivBot.Core.Tests.csproj
COPY tests/DerivBot.Discord.Tests/DerivBot.Discord.Tests.csproj tests/DerivBot.Discord.Tests/DerivBot.Discord.Tests.csproj
COPY tests/DerivBot.Host.Tests/DerivBot.Host.Tests.csproj tests/DerivBot.Host.Tests/DerivBot.Host.Tests.csproj
COPY tests/DerivBot.Storage.Tests/DerivBot.Storage.Tests.csproj tests/DerivBot.Storage.Tests/DerivBot.Storage.Tests.csproj
COPY tests/DerivBot.Subscriptions.Harness/DerivBot.Subscriptions.Harness.csproj tests/DerivBot.Subscriptions.Harness/DerivBot.Subscriptions.Harness.csproj
COPY tests/DerivBot.Telegram.Harness/DerivBot.Telegram.Harness.csproj tests/DerivBot.Telegram.Harness/DerivBot.Telegram.Harness.csproj
COPY tests/DerivBot.Telegram.Tests/DerivBot.Telegram.Tests.csproj tests/DerivBot.Telegram.Tests/DerivBot.Telegram.Tests.csproj
COPY tests/DerivBot.Testing/DerivBot.Testing.csproj tests/DerivBot.Testing/DerivBot.Testing.csproj
COPY tests/DerivBot.Venues.Tests/DerivBot.Venues.Tests.csproj tests/DerivBot.Venues.Tests/DerivBot.Venues.Tests.csproj
RUN dotnet restore DerivBot.sln

FROM restore AS build
COPY . .
RUN dotnet build DerivBot.sln -c Release --no-restore

# The test stage runs the whole suite (loopback fakes only: no network needed). Publishing builds on it,
# so an image is never produced from a red build.
FROM build AS test
RUN dotnet test DerivBot.sln -c Release --no-build

FROM test AS publish
RUN dotnet publish src/DerivBot/DerivBot.csproj -c Release --no-build -o /app/publish

# ASP.NET Core runtime (not the plain runtime): the HTTP listener (health, metrics, Telegram webhook) is Kestrel.
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
RUN groupadd --system --gid 10001 derivbot \
 && useradd --system --uid 10001 --gid derivbot --home-dir /app --no-create-home derivbot \
 && mkdir -p /app/data \
 && chown derivbot:derivbot /app/data
WORKDIR /app
COPY --from=publish /app/publish .
ENV Storage__ConnectionString="Data Source=/app/data/derivbot.db" \
    Http__Listen=0.0.0.0:8080 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
# One listener: /healthz (liveness), /readyz (readiness), /metrics (Prometheus) and the Telegram webhook path.
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# Secrets come from the environment (Telegram__BotToken, Discord__BotToken) or files in /run/secrets, never the image.
VOLUME ["/app/data"]
USER derivbot
ENTRYPOINT ["dotnet", "DerivBot.dll"]
CMD ["run"]
