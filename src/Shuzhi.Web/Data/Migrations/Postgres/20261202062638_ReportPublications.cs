using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Shuzhi.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReportPublications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReportPublications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    ScopeOrganizationId = table.Column<int>(type: "integer", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false, collation: "C"),
                    ScopeUpper = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false, collation: "C"),
                    ScopeName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReportCount = table.Column<int>(type: "integer", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WithdrawnBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    WithdrawReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportPublications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReportPublications_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReportPublications_Organizations_ScopeOrganizationId",
                        column: x => x.ScopeOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PublishedReports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PublicationId = table.Column<int>(type: "integer", nullable: false),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    ReportId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    CampaignTitle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TrackName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OrganizationName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PersonName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Outline = table.Column<string>(type: "text", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublishedReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublishedReports_ReportPublications_PublicationId",
                        column: x => x.PublicationId,
                        principalTable: "ReportPublications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PublishedReports_PublicationId_ReportId",
                table: "PublishedReports",
                columns: new[] { "PublicationId", "ReportId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PublishedReports_PublicationId_SortOrder",
                table: "PublishedReports",
                columns: new[] { "PublicationId", "SortOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_ReportPublications_CampaignId",
                table: "ReportPublications",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_ReportPublications_ScopeOrganizationId",
                table: "ReportPublications",
                column: "ScopeOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_ReportPublications_ScopePath_ScopeUpper",
                table: "ReportPublications",
                columns: new[] { "ScopePath", "ScopeUpper" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PublishedReports");

            migrationBuilder.DropTable(
                name: "ReportPublications");
        }
    }
}
