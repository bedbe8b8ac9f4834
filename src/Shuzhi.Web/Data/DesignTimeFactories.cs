using Microsoft.EntityFrameworkCore.Design;

namespace Shuzhi.Web.Data;

// Used only by `dotnet ef` (docs/decisions/0002); the connection strings are never opened for migrations add.
internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=design.db").Options,
            new CurrentScope(), new CurrentActor(), TimeProvider.System);
}

internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=shuzhi_design").Options,
            new CurrentScope(), new CurrentActor(), TimeProvider.System);
}
