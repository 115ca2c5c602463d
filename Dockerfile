# syntax=docker/dockerfile:1
# The API (with payments and projections in the same process by default), published from src/FlashSale.Api.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
# global.json pins the repository's SDK band for developers; the image brings its own 10.0 SDK.
COPY nuget.config Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
COPY projections/ projections/
RUN dotnet restore src/FlashSale.Api/FlashSale.Api.csproj
RUN dotnet publish src/FlashSale.Api/FlashSale.Api.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
# DOTNET_ReadyToRun=0: the framework is compiled optimized on first use instead of running its precompiled code and
# re-compiling the hot part of it during the first ~25 s of a sale, which cost each order ~40% more CPU then (ADR 0027).
# The runtime reads this setting only from the environment.
ENV urls=http://0.0.0.0:5080 \
    Storage__DataDirectory=/app/data \
    DOTNET_ReadyToRun=0
EXPOSE 5080
USER $APP_UID
ENTRYPOINT ["dotnet", "FlashSale.Api.dll"]
