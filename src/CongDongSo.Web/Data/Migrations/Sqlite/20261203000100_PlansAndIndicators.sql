-- Plans (targets, tasks, recurring models, reporting deadlines), the indicator catalogue, figures supplied
-- from outside, and residents' dated arrivals, departures and deaths.
CREATE TABLE "Indicators" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Indicators" PRIMARY KEY AUTOINCREMENT,
    "CommuneId" INTEGER NULL,
    "Code" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "NameEn" TEXT NULL,
    "Description" TEXT NULL,
    "FormulaJson" TEXT NOT NULL,
    "SortOrder" INTEGER NOT NULL,
    "IsActive" INTEGER NOT NULL,
    CONSTRAINT "FK_Indicators_Communes_CommuneId" FOREIGN KEY ("CommuneId") REFERENCES "Communes" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Plans" (
    "CommuneId" INTEGER NOT NULL,
    "Id" TEXT NOT NULL,
    "Year" INTEGER NOT NULL,
    "Number" TEXT NULL,
    "Title" TEXT NOT NULL,
    "IssuedOn" TEXT NULL,
    "Issuer" TEXT NULL,
    "Signer" TEXT NULL,
    "SignerTitle" TEXT NULL,
    "LegalBases" TEXT NULL,
    "Purpose" TEXT NULL,
    "Status" INTEGER NOT NULL,
    "TemplateCode" TEXT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "UpdatedAtUtc" TEXT NOT NULL,
    CONSTRAINT "PK_Plans" PRIMARY KEY ("CommuneId", "Id"),
    CONSTRAINT "AK_Plans_Id" UNIQUE ("Id"),
    CONSTRAINT "FK_Plans_Communes_CommuneId" FOREIGN KEY ("CommuneId") REFERENCES "Communes" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "PlanTargets" (
    "CommuneId" INTEGER NOT NULL,
    "Id" TEXT NOT NULL,
    "PlanId" TEXT NOT NULL,
    "Code" TEXT NULL,
    "Group" TEXT NULL,
    "Text" TEXT NULL,
    "IndicatorId" INTEGER NOT NULL,
    "Comparator" INTEGER NOT NULL,
    "Value" TEXT NOT NULL,
    "Deadline" TEXT NOT NULL,
    "Scope" INTEGER NOT NULL,
    "Period" INTEGER NULL,
    "ParentTargetId" TEXT NULL,
    "SortOrder" INTEGER NOT NULL,
    CONSTRAINT "PK_PlanTargets" PRIMARY KEY ("CommuneId", "Id"),
    CONSTRAINT "FK_PlanTargets_Indicators_IndicatorId" FOREIGN KEY ("IndicatorId") REFERENCES "Indicators" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_PlanTargets_Plans_CommuneId_PlanId" FOREIGN KEY ("CommuneId", "PlanId") REFERENCES "Plans" ("CommuneId", "Id") ON DELETE CASCADE
);

CREATE TABLE "PlanTasks" (
    "CommuneId" INTEGER NOT NULL,
    "Id" TEXT NOT NULL,
    "PlanId" TEXT NOT NULL,
    "Code" TEXT NULL,
    "Group" TEXT NULL,
    "Content" TEXT NOT NULL,
    "Lead" TEXT NULL,
    "Partners" TEXT NULL,
    "Deadline" TEXT NULL,
    "Ongoing" INTEGER NOT NULL,
    "DeadlineText" TEXT NULL,
    "Status" INTEGER NOT NULL,
    "Evidence" TEXT NULL,
    "SortOrder" INTEGER NOT NULL,
    CONSTRAINT "PK_PlanTasks" PRIMARY KEY ("CommuneId", "Id"),
    CONSTRAINT "FK_PlanTasks_Plans_CommuneId_PlanId" FOREIGN KEY ("CommuneId", "PlanId") REFERENCES "Plans" ("CommuneId", "Id") ON DELETE CASCADE
);

CREATE TABLE "PlanModels" (
    "CommuneId" INTEGER NOT NULL,
    "Id" TEXT NOT NULL,
    "PlanId" TEXT NOT NULL,
    "ModelId" INTEGER NOT NULL,
    "Cadence" INTEGER NOT NULL,
    "Times" INTEGER NOT NULL,
    "Scope" INTEGER NOT NULL,
    "Note" TEXT NULL,
    CONSTRAINT "PK_PlanModels" PRIMARY KEY ("CommuneId", "Id"),
    CONSTRAINT "FK_PlanModels_CommunityModels_ModelId" FOREIGN KEY ("ModelId") REFERENCES "CommunityModels" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_PlanModels_Plans_CommuneId_PlanId" FOREIGN KEY ("CommuneId", "PlanId") REFERENCES "Plans" ("CommuneId", "Id") ON DELETE CASCADE
);

CREATE TABLE "PlanReportingRules" (
    "CommuneId" INTEGER NOT NULL,
    "Id" TEXT NOT NULL,
    "PlanId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "FromUnit" TEXT NULL,
    "ToUnit" TEXT NULL,
    "Period" INTEGER NOT NULL,
    "DueDay" INTEGER NULL,
    "DueMonth" INTEGER NULL,
    "DueBefore" INTEGER NOT NULL,
    "DueDate" TEXT NULL,
    "Note" TEXT NULL,
    CONSTRAINT "PK_PlanReportingRules" PRIMARY KEY ("CommuneId", "Id"),
    CONSTRAINT "FK_PlanReportingRules_Plans_CommuneId_PlanId" FOREIGN KEY ("CommuneId", "PlanId") REFERENCES "Plans" ("CommuneId", "Id") ON DELETE CASCADE
);

CREATE TABLE "ExternalValues" (
    "CommuneId" INTEGER NOT NULL,
    "Id" TEXT NOT NULL,
    "IndicatorId" INTEGER NOT NULL,
    "NeighbourhoodId" TEXT NULL,
    "PeriodStart" TEXT NOT NULL,
    "PeriodEnd" TEXT NOT NULL,
    "Value" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "ReportedOn" TEXT NOT NULL,
    "RecordedAtUtc" TEXT NOT NULL,
    "RecordedByUserId" TEXT NULL,
    CONSTRAINT "PK_ExternalValues" PRIMARY KEY ("CommuneId", "Id"),
    CONSTRAINT "FK_ExternalValues_Communes_CommuneId" FOREIGN KEY ("CommuneId") REFERENCES "Communes" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ExternalValues_Indicators_IndicatorId" FOREIGN KEY ("IndicatorId") REFERENCES "Indicators" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ResidenceFacts" (
    "CommuneId" INTEGER NOT NULL,
    "Id" TEXT NOT NULL,
    "ResidentId" TEXT NOT NULL,
    "NeighbourhoodId" TEXT NOT NULL,
    "Change" INTEGER NOT NULL,
    "On" TEXT NOT NULL,
    "Note" TEXT NULL,
    "RecordedAtUtc" TEXT NOT NULL,
    "RecordedByUserId" TEXT NULL,
    CONSTRAINT "PK_ResidenceFacts" PRIMARY KEY ("CommuneId", "Id"),
    CONSTRAINT "FK_ResidenceFacts_Residents_CommuneId_ResidentId" FOREIGN KEY ("CommuneId", "ResidentId") REFERENCES "Residents" ("CommuneId", "Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_Indicators_CommuneId_Code" ON "Indicators" ("CommuneId", "Code");

CREATE INDEX "IX_Plans_CommuneId_Year" ON "Plans" ("CommuneId", "Year");

CREATE INDEX "IX_PlanTargets_CommuneId_PlanId" ON "PlanTargets" ("CommuneId", "PlanId");

CREATE INDEX "IX_PlanTargets_IndicatorId" ON "PlanTargets" ("IndicatorId");

CREATE INDEX "IX_PlanTasks_CommuneId_PlanId" ON "PlanTasks" ("CommuneId", "PlanId");

CREATE INDEX "IX_PlanModels_CommuneId_PlanId" ON "PlanModels" ("CommuneId", "PlanId");

CREATE INDEX "IX_PlanModels_ModelId" ON "PlanModels" ("ModelId");

CREATE INDEX "IX_PlanReportingRules_CommuneId_PlanId" ON "PlanReportingRules" ("CommuneId", "PlanId");

CREATE INDEX "IX_ExternalValues_CommuneId_IndicatorId_PeriodEnd" ON "ExternalValues" ("CommuneId", "IndicatorId", "PeriodEnd");

CREATE INDEX "IX_ExternalValues_IndicatorId" ON "ExternalValues" ("IndicatorId");

CREATE INDEX "IX_ResidenceFacts_CommuneId_ResidentId" ON "ResidenceFacts" ("CommuneId", "ResidentId");
