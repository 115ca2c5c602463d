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
ENV urls=http://0.0.0.0:5080 \
    Storage__DataDirectory=/app/data
EXPOSE 5080
USER $APP_UID
ENTRYPOINT ["dotnet", "FlashSale.Api.dll"]
