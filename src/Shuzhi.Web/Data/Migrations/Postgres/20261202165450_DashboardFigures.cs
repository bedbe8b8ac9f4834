using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Shuzhi.Web.Data.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    OrganizerId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Measure = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    UnitType = table.Column<int>(type: "integer", nullable: false),
                    Track = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Key = table.Column<int>(type: "integer", nullable: false),
                    Label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    RefId = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: true),
                    Flag = table.Column<bool>(type: "boolean", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Count2 = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false)
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
            migrationBuilder.Sql(Shuzhi.Web.Data.FigureTriggers.CreatePostgres());
            migrationBuilder.Sql(Shuzhi.Web.Data.FigureTriggers.MarkAll);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Shuzhi.Web.Data.FigureTriggers.DropPostgres());

            migrationBuilder.DropTable(
                name: "CampaignFigures");

            migrationBuilder.DropTable(
                name: "CampaignFigureStale");
        }
    }
}
