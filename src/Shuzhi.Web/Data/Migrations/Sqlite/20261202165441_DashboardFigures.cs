using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shuzhi.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DashboardFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CampaignFigures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganizerId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Measure = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitType = table.Column<int>(type: "INTEGER", nullable: false),
                    Track = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Key = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    RefId = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Flag = table.Column<bool>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Count2 = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignFigures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CampaignFigures_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CampaignFigureStale",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignFigureStale", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignFigures_CampaignId",
                table: "CampaignFigures",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_CampaignFigures_Year_Measure_OrganizerId",
                table: "CampaignFigures",
                columns: new[] { "Year", "Measure", "OrganizerId" });

            // The marks of stale figures (docs/dashboard.md, "Figures"); every existing campaign starts stale.
            migrationBuilder.Sql(Shuzhi.Web.Data.FigureTriggers.CreateSqlite());
            migrationBuilder.Sql(Shuzhi.Web.Data.FigureTriggers.MarkAll);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Shuzhi.Web.Data.FigureTriggers.DropSqlite());

            migrationBuilder.DropTable(
                name: "CampaignFigures");

            migrationBuilder.DropTable(
                name: "CampaignFigureStale");
        }
    }
}
