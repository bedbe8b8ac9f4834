using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shuzhi.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GradingTrimFromCrossPlan : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CrossTrimK",
                table: "GradingSettings");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CrossTrimK",
                table: "GradingSettings",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }
    }
}
