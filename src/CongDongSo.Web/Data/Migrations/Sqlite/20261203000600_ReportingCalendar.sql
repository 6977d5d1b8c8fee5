-- The reporting calendar as data: who reports, the data cut-off, and whether a due date on a day off moves.
ALTER TABLE "PlanReportingRules" ADD "Reporter" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "PlanReportingRules" ADD "CutoffDay" INTEGER NULL;
ALTER TABLE "PlanReportingRules" ADD "MoveToWorkingDay" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "Holidays" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Holidays" PRIMARY KEY AUTOINCREMENT,
    "CommuneId" INTEGER NULL,
    "Date" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    CONSTRAINT "FK_Holidays_Communes_CommuneId" FOREIGN KEY ("CommuneId") REFERENCES "Communes" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_Holidays_CommuneId" ON "Holidays" ("CommuneId");
CREATE INDEX "IX_Holidays_Date_CommuneId" ON "Holidays" ("Date", "CommuneId");
