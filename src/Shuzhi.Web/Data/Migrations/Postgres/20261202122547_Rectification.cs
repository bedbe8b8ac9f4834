using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Shuzhi.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Rectification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RectAccountability",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: true),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    Person = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Basis = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Decision = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    DocumentNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EffectStart = table.Column<DateOnly>(type: "date", nullable: false),
                    EffectEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RectAccountability", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RectAccountability_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_RectAccountability_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RectInterviews",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    ReporterId = table.Column<int>(type: "integer", nullable: false),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    Grade = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    ScheduledOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Interviewer = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Commitments = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RectInterviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RectInterviews_CampaignReporters_ReporterId",
                        column: x => x.ReporterId,
                        principalTable: "CampaignReporters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RectInterviews_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_RectInterviews_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RectPlans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    ReporterId = table.Column<int>(type: "integer", nullable: false),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    PlanDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    FirstFiledOn = table.Column<DateOnly>(type: "date", nullable: true),
                    FiledOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReturnReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RectPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RectPlans_CampaignReporters_ReporterId",
                        column: x => x.ReporterId,
                        principalTable: "CampaignReporters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RectPlans_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_RectPlans_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RectProblems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    ReporterId = table.Column<int>(type: "integer", nullable: false),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    SourceKind = table.Column<int>(type: "integer", nullable: false),
                    SourceRefId = table.Column<int>(type: "integer", nullable: true),
                    SourcePosition = table.Column<int>(type: "integer", nullable: true),
                    SourceText = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RectProblems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RectProblems_CampaignReporters_ReporterId",
                        column: x => x.ReporterId,
                        principalTable: "CampaignReporters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RectProblems_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_RectProblems_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RectPlanItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanId = table.Column<int>(type: "integer", nullable: false),
                    ProblemId = table.Column<int>(type: "integer", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Measures = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Responsible = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    ExpectedResult = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Released = table.Column<bool>(type: "boolean", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClosedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RejectReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Notes = table.Column<string>(type: "text", nullable: false),
                    EvidenceFileIds = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RectPlanItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RectPlanItems_RectPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "RectPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RectPlanItems_RectProblems_ProblemId",
                        column: x => x.ProblemId,
                        principalTable: "RectProblems",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "RectChecks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanId = table.Column<int>(type: "integer", nullable: false),
                    ItemId = table.Column<int>(type: "integer", nullable: true),
                    CheckedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Checker = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Finding = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    NextStep = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RectChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RectChecks_RectPlanItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "RectPlanItems",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_RectChecks_RectPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "RectPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RectEvidenceFiles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReporterId = table.Column<int>(type: "integer", nullable: false),
                    PlanItemId = table.Column<int>(type: "integer", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RectEvidenceFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RectEvidenceFiles_CampaignReporters_ReporterId",
                        column: x => x.ReporterId,
                        principalTable: "CampaignReporters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RectEvidenceFiles_RectPlanItems_PlanItemId",
                        column: x => x.PlanItemId,
                        principalTable: "RectPlanItems",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_RectAccountability_CampaignId_OrganizationId",
                table: "RectAccountability",
                columns: new[] { "CampaignId", "OrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_RectAccountability_OrganizationId",
                table: "RectAccountability",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_RectChecks_ItemId",
                table: "RectChecks",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_RectChecks_PlanId",
                table: "RectChecks",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_RectEvidenceFiles_PlanItemId",
                table: "RectEvidenceFiles",
                column: "PlanItemId");

            migrationBuilder.CreateIndex(
                name: "IX_RectEvidenceFiles_ReporterId",
                table: "RectEvidenceFiles",
                column: "ReporterId");

            migrationBuilder.CreateIndex(
                name: "IX_RectInterviews_CampaignId",
                table: "RectInterviews",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_RectInterviews_OrganizationId",
                table: "RectInterviews",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_RectInterviews_ReporterId",
                table: "RectInterviews",
                column: "ReporterId");

            migrationBuilder.CreateIndex(
                name: "IX_RectPlanItems_PlanId_ProblemId",
                table: "RectPlanItems",
                columns: new[] { "PlanId", "ProblemId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RectPlanItems_ProblemId",
                table: "RectPlanItems",
                column: "ProblemId");

            migrationBuilder.CreateIndex(
                name: "IX_RectPlans_CampaignId_State",
                table: "RectPlans",
                columns: new[] { "CampaignId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_RectPlans_OrganizationId",
                table: "RectPlans",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_RectPlans_ReporterId",
                table: "RectPlans",
                column: "ReporterId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RectProblems_CampaignId",
                table: "RectProblems",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_RectProblems_OrganizationId",
                table: "RectProblems",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_RectProblems_ReporterId_SourceKind_SourceRefId_SourcePositi~",
                table: "RectProblems",
                columns: new[] { "ReporterId", "SourceKind", "SourceRefId", "SourcePosition" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RectAccountability");

            migrationBuilder.DropTable(
                name: "RectChecks");

            migrationBuilder.DropTable(
                name: "RectEvidenceFiles");

            migrationBuilder.DropTable(
                name: "RectInterviews");

            migrationBuilder.DropTable(
                name: "RectPlanItems");

            migrationBuilder.DropTable(
                name: "RectPlans");

            migrationBuilder.DropTable(
                name: "RectProblems");
        }
    }
}
