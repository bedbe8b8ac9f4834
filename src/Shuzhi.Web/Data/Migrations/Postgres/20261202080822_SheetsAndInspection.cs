using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Shuzhi.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SheetsAndInspection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InspectionSheets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TrackId = table.Column<int>(type: "integer", nullable: false),
                    ReporterId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    InspectorUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    InspectorName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    InspectingOrganizationId = table.Column<int>(type: "integer", nullable: true),
                    Template = table.Column<string>(type: "text", nullable: true),
                    Scores = table.Column<string>(type: "text", nullable: false),
                    DirectScore = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: true),
                    Notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Reopenings = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionSheets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InspectionSheets_CampaignReporters_ReporterId",
                        column: x => x.ReporterId,
                        principalTable: "CampaignReporters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_InspectionSheets_Organizations_InspectingOrganizationId",
                        column: x => x.InspectingOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_InspectionSheets_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "InspectorAssignments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    ReporterId = table.Column<int>(type: "integer", nullable: false),
                    InspectorUserId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectorAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InspectorAssignments_AspNetUsers_InspectorUserId",
                        column: x => x.InspectorUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_InspectorAssignments_CampaignReporters_ReporterId",
                        column: x => x.ReporterId,
                        principalTable: "CampaignReporters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_InspectorAssignments_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "TrackSheets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TrackId = table.Column<int>(type: "integer", nullable: false),
                    Template = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrackSheets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrackSheets_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InspectionSheets_InspectingOrganizationId",
                table: "InspectionSheets",
                column: "InspectingOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_InspectionSheets_ReporterId_Kind_InspectorUserId",
                table: "InspectionSheets",
                columns: new[] { "ReporterId", "Kind", "InspectorUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_InspectionSheets_TrackId",
                table: "InspectionSheets",
                column: "TrackId");

            migrationBuilder.CreateIndex(
                name: "IX_InspectorAssignments_CampaignId",
                table: "InspectorAssignments",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_InspectorAssignments_InspectorUserId_CampaignId",
                table: "InspectorAssignments",
                columns: new[] { "InspectorUserId", "CampaignId" });

            migrationBuilder.CreateIndex(
                name: "IX_InspectorAssignments_ReporterId",
                table: "InspectorAssignments",
                column: "ReporterId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TrackSheets_TrackId",
                table: "TrackSheets",
                column: "TrackId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InspectionSheets");

            migrationBuilder.DropTable(
                name: "InspectorAssignments");

            migrationBuilder.DropTable(
                name: "TrackSheets");
        }
    }
}
