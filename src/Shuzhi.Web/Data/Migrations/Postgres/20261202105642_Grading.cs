using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Shuzhi.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Grading : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "GradingEntries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    ReporterId = table.Column<int>(type: "integer", nullable: false),
                    Waivers = table.Column<string>(type: "text", nullable: false),
                    FinalGrade = table.Column<int>(type: "integer", nullable: true),
                    GradeReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Achievements = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Problems = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Direction = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GradingEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GradingEntries_CampaignReporters_ReporterId",
                        column: x => x.ReporterId,
                        principalTable: "CampaignReporters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GradingEntries_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "GradingSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    RuleKind = table.Column<int>(type: "integer", nullable: false),
                    GoodMin = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    FairlyGoodMin = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    AverageMin = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    GoodShare = table.Column<decimal>(type: "numeric(6,4)", precision: 6, scale: 4, nullable: false),
                    FairlyGoodShare = table.Column<decimal>(type: "numeric(6,4)", precision: 6, scale: 4, nullable: false),
                    AverageShare = table.Column<decimal>(type: "numeric(6,4)", precision: 6, scale: 4, nullable: false),
                    QuotaShare = table.Column<decimal>(type: "numeric(6,4)", precision: 6, scale: 4, nullable: false),
                    RequireAverageOrPoor = table.Column<bool>(type: "boolean", nullable: false),
                    CrossTrimK = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GradingSettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GradingSettings_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GradingEntries_CampaignId",
                table: "GradingEntries",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_GradingEntries_ReporterId",
                table: "GradingEntries",
                column: "ReporterId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GradingSettings_CampaignId",
                table: "GradingSettings",
                column: "CampaignId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GradingEntries");

            migrationBuilder.DropTable(
                name: "GradingSettings");
        }
    }
}
