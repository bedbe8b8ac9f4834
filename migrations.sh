#!/usr/bin/env bash
# Adds a migration for both providers: ./migrations.sh Name
set -euo pipefail
name=${1:?usage: ./migrations.sh MigrationName}
export PATH="$PATH:$HOME/.dotnet/tools" EfDesign=true
cd "$(dirname "$0")"
command -v dotnet-ef >/dev/null || dotnet tool install --global dotnet-ef --version 10.0.14
dotnet ef migrations add "$name" -p src/Shuzhi.Web -s src/Shuzhi.Web --context SqliteAppDbContext -o Data/Migrations/Sqlite
dotnet ef migrations add "$name" -p src/Shuzhi.Web -s src/Shuzhi.Web --context PostgresAppDbContext -o Data/Migrations/Postgres --no-build
