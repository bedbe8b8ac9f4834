using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Shuzhi.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Results : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConsequenceRecords",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    ReporterId = table.Column<int>(type: "integer", nullable: false),
                    OrganizerId = table.Column<int>(type: "integer", nullable: false),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<int>(type: "integer", nullable: true),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    OrganizationName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PersonName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PostName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Grade = table.Column<int>(type: "integer", nullable: false),
                    NoExcellent = table.Column<bool>(type: "boolean", nullable: false),
                    ReminderInterview = table.Column<bool>(type: "boolean", nullable: false),
                    RectificationDeadline = table.Column<DateOnly>(type: "date", nullable: true),
                    DecisionDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ReleaseId = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WithdrawReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsequenceRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsequenceRecords_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ResultBulletins",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    ReleaseId = table.Column<int>(type: "integer", nullable: false),
                    ScopeOrganizationId = table.Column<int>(type: "integer", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false, collation: "C"),
                    ScopeUpper = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false, collation: "C"),
                    ScopeName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    CampaignTitle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OrganizerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    MeetingDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Entries = table.Column<string>(type: "text", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WithdrawnBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    WithdrawReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResultBulletins", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ResultBulletins_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ResultBulletins_Organizations_ScopeOrganizationId",
                        column: x => x.ScopeOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ResultReleases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    LockedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LockNumber = table.Column<int>(type: "integer", nullable: false),
                    MeetingDate = table.Column<DateOnly>(type: "date", nullable: false),
                    MinuteReference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LetterCount = table.Column<int>(type: "integer", nullable: false),
                    ReleasedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReleasedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WithdrawnBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    WithdrawReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResultReleases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ResultReleases_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FeedbackLetters",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReleaseId = table.Column<int>(type: "integer", nullable: false),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    ReporterId = table.Column<int>(type: "integer", nullable: false),
                    OrganizerId = table.Column<int>(type: "integer", nullable: false),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<int>(type: "integer", nullable: true),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    CampaignTitle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OrganizerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OrganizationName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PersonName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PostName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    TrackName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Grade = table.Column<int>(type: "integer", nullable: false),
                    Achievements = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Problems = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Direction = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    NoExcellent = table.Column<bool>(type: "boolean", nullable: false),
                    ReminderInterview = table.Column<bool>(type: "boolean", nullable: false),
                    RectificationDeadline = table.Column<DateOnly>(type: "date", nullable: true),
                    MeetingDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ReleasedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    AcknowledgedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedbackLetters", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FeedbackLetters_ResultReleases_ReleaseId",
                        column: x => x.ReleaseId,
                        principalTable: "ResultReleases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DossierFilings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    LetterId = table.Column<int>(type: "integer", nullable: false),
                    ReporterId = table.Column<int>(type: "integer", nullable: false),
                    OrganizerId = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<int>(type: "integer", nullable: true),
                    FiledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FiledBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DossierFilings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DossierFilings_FeedbackLetters_LetterId",
                        column: x => x.LetterId,
                        principalTable: "FeedbackLetters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConsequenceRecords_CampaignId_ReporterId",
                table: "ConsequenceRecords",
                columns: new[] { "CampaignId", "ReporterId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsequenceRecords_PersonId_Year",
                table: "ConsequenceRecords",
                columns: new[] { "PersonId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_DossierFilings_CampaignId",
                table: "DossierFilings",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_DossierFilings_LetterId",
                table: "DossierFilings",
                column: "LetterId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackLetters_CampaignId_WithdrawnAt_SortOrder",
                table: "FeedbackLetters",
                columns: new[] { "CampaignId", "WithdrawnAt", "SortOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackLetters_OrganizationId_WithdrawnAt",
                table: "FeedbackLetters",
                columns: new[] { "OrganizationId", "WithdrawnAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackLetters_ReleaseId_ReporterId",
                table: "FeedbackLetters",
                columns: new[] { "ReleaseId", "ReporterId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ResultBulletins_CampaignId",
                table: "ResultBulletins",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_ResultBulletins_ScopeOrganizationId",
                table: "ResultBulletins",
                column: "ScopeOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_ResultBulletins_ScopePath_ScopeUpper",
                table: "ResultBulletins",
                columns: new[] { "ScopePath", "ScopeUpper" });

            migrationBuilder.CreateIndex(
                name: "IX_ResultReleases_CampaignId_WithdrawnAt",
                table: "ResultReleases",
                columns: new[] { "CampaignId", "WithdrawnAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConsequenceRecords");

            migrationBuilder.DropTable(
                name: "DossierFilings");

            migrationBuilder.DropTable(
                name: "ResultBulletins");

            migrationBuilder.DropTable(
                name: "FeedbackLetters");

            migrationBuilder.DropTable(
                name: "ResultReleases");
        }
    }
}
