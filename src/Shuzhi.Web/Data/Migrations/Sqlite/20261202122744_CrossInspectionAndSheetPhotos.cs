using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shuzhi.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CrossInspectionAndSheetPhotos : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CrossInspectionPairs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TrackId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganizerId = table.Column<int>(type: "INTEGER", nullable: false),
                    InspectorReporterId = table.Column<int>(type: "INTEGER", nullable: false),
                    InspectingOrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    InspectedReporterId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrossInspectionPairs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CrossInspectionPairs_CampaignReporters_InspectedReporterId",
                        column: x => x.InspectedReporterId,
                        principalTable: "CampaignReporters",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_CrossInspectionPairs_CampaignReporters_InspectorReporterId",
                        column: x => x.InspectorReporterId,
                        principalTable: "CampaignReporters",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_CrossInspectionPairs_Organizations_InspectingOrganizationId",
                        column: x => x.InspectingOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_CrossInspectionPairs_Organizations_OrganizerId",
                        column: x => x.OrganizerId,
                        principalTable: "Organizations",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_CrossInspectionPairs_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CrossPlans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TrackId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganizerId = table.Column<int>(type: "INTEGER", nullable: false),
                    K = table.Column<int>(type: "INTEGER", nullable: false),
                    Seed = table.Column<int>(type: "INTEGER", nullable: false),
                    AcrossGroupsOnly = table.Column<bool>(type: "INTEGER", nullable: false),
                    TrimK = table.Column<int>(type: "INTEGER", nullable: false),
                    GeneratedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrossPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CrossPlans_Organizations_OrganizerId",
                        column: x => x.OrganizerId,
                        principalTable: "Organizations",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_CrossPlans_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SheetPhotos",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SheetId = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Width = table.Column<int>(type: "INTEGER", nullable: false),
                    Height = table.Column<int>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SheetPhotos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SheetPhotos_InspectionSheets_SheetId",
                        column: x => x.SheetId,
                        principalTable: "InspectionSheets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CrossInspectionPairs_InspectedReporterId",
                table: "CrossInspectionPairs",
                column: "InspectedReporterId");

            migrationBuilder.CreateIndex(
                name: "IX_CrossInspectionPairs_InspectingOrganizationId_TrackId",
                table: "CrossInspectionPairs",
                columns: new[] { "InspectingOrganizationId", "TrackId" });

            migrationBuilder.CreateIndex(
                name: "IX_CrossInspectionPairs_InspectorReporterId",
                table: "CrossInspectionPairs",
                column: "InspectorReporterId");

            migrationBuilder.CreateIndex(
                name: "IX_CrossInspectionPairs_OrganizerId",
                table: "CrossInspectionPairs",
                column: "OrganizerId");

            migrationBuilder.CreateIndex(
                name: "IX_CrossInspectionPairs_TrackId_InspectorReporterId_InspectedReporterId",
                table: "CrossInspectionPairs",
                columns: new[] { "TrackId", "InspectorReporterId", "InspectedReporterId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CrossPlans_OrganizerId",
                table: "CrossPlans",
                column: "OrganizerId");

            migrationBuilder.CreateIndex(
                name: "IX_CrossPlans_TrackId",
                table: "CrossPlans",
                column: "TrackId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SheetPhotos_SheetId",
                table: "SheetPhotos",
                column: "SheetId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CrossInspectionPairs");

            migrationBuilder.DropTable(
                name: "CrossPlans");

            migrationBuilder.DropTable(
                name: "SheetPhotos");
        }
    }
}
