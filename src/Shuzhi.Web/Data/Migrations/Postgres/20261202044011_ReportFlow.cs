using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Shuzhi.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReportFlow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Outline",
                table: "Tracks",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Rules",
                table: "Tracks",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "OrganizerId",
                table: "CampaignReporters",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ReviewerUserId",
                table: "CampaignReporters",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            // Existing rows: the organizer comes from the campaign; tracks get the default template (seed 003).
            migrationBuilder.Sql("UPDATE \"CampaignReporters\" SET \"OrganizerId\" = (SELECT c.\"OrganizerId\" FROM \"Campaigns\" c WHERE c.\"Id\" = \"CampaignReporters\".\"CampaignId\")");
            migrationBuilder.Sql("UPDATE \"Tracks\" SET \"Outline\" = '" + Shuzhi.Web.Data.Configurations.JsonColumn.Write(Shuzhi.Domain.Reports.ReportOutline.Seed003).Replace("'", "''")
                + "', \"Rules\" = '" + Shuzhi.Web.Data.Configurations.JsonColumn.Write(Shuzhi.Domain.Reports.ReportRules.Seed003).Replace("'", "''") + "' WHERE \"Outline\" = ''");

            migrationBuilder.CreateTable(
                name: "Reports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignReporterId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    LastSavedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReturnReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    VersionCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Reports_CampaignReporters_CampaignReporterId",
                        column: x => x.CampaignReporterId,
                        principalTable: "CampaignReporters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReportVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReportId = table.Column<int>(type: "integer", nullable: false),
                    CampaignReporterId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReportVersions_CampaignReporters_CampaignReporterId",
                        column: x => x.CampaignReporterId,
                        principalTable: "CampaignReporters",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_ReportVersions_Reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "Reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignReporters_OrganizerId",
                table: "CampaignReporters",
                column: "OrganizerId");

            migrationBuilder.CreateIndex(
                name: "IX_CampaignReporters_ReviewerUserId",
                table: "CampaignReporters",
                column: "ReviewerUserId");

            migrationBuilder.CreateIndex(
                name: "IX_Reports_CampaignReporterId",
                table: "Reports",
                column: "CampaignReporterId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReportVersions_CampaignReporterId",
                table: "ReportVersions",
                column: "CampaignReporterId");

            migrationBuilder.CreateIndex(
                name: "IX_ReportVersions_ReportId_Number",
                table: "ReportVersions",
                columns: new[] { "ReportId", "Number" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_CampaignReporters_AspNetUsers_ReviewerUserId",
                table: "CampaignReporters",
                column: "ReviewerUserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_CampaignReporters_Organizations_OrganizerId",
                table: "CampaignReporters",
                column: "OrganizerId",
                principalTable: "Organizations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_CampaignReporters_AspNetUsers_ReviewerUserId",
                table: "CampaignReporters");

            migrationBuilder.DropForeignKey(
                name: "FK_CampaignReporters_Organizations_OrganizerId",
                table: "CampaignReporters");

            migrationBuilder.DropTable(
                name: "ReportVersions");

            migrationBuilder.DropTable(
                name: "Reports");

            migrationBuilder.DropIndex(
                name: "IX_CampaignReporters_OrganizerId",
                table: "CampaignReporters");

            migrationBuilder.DropIndex(
                name: "IX_CampaignReporters_ReviewerUserId",
                table: "CampaignReporters");

            migrationBuilder.DropColumn(
                name: "Outline",
                table: "Tracks");

            migrationBuilder.DropColumn(
                name: "Rules",
                table: "Tracks");

            migrationBuilder.DropColumn(
                name: "OrganizerId",
                table: "CampaignReporters");

            migrationBuilder.DropColumn(
                name: "ReviewerUserId",
                table: "CampaignReporters");
        }
    }
}
