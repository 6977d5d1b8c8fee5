-- Province plans and their targets handed down to the communes; the values a commune target hands to its neighbourhoods.
CREATE TABLE "ProvincePlans" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ProvincePlans" PRIMARY KEY,
    "ProvinceId" INTEGER NOT NULL,
    "Year" INTEGER NOT NULL,
    "Number" TEXT NULL,
    "Title" TEXT NOT NULL,
    "IssuedOn" TEXT NULL,
    "Signer" TEXT NULL,
    "Status" INTEGER NOT NULL,
    "HandedDownAtUtc" TEXT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "UpdatedAtUtc" TEXT NOT NULL,
    CONSTRAINT "FK_ProvincePlans_Provinces_ProvinceId" FOREIGN KEY ("ProvinceId") REFERENCES "Provinces" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ProvinceTargets" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ProvinceTargets" PRIMARY KEY,
    "PlanId" TEXT NOT NULL,
    "ProvinceId" INTEGER NOT NULL,
    "Code" TEXT NULL,
    "Text" TEXT NULL,
    "IndicatorId" INTEGER NOT NULL,
    "Comparator" INTEGER NOT NULL,
    "Value" TEXT NOT NULL,
    "Deadline" TEXT NOT NULL,
    "SortOrder" INTEGER NOT NULL,
    CONSTRAINT "FK_ProvinceTargets_Indicators_IndicatorId" FOREIGN KEY ("IndicatorId") REFERENCES "Indicators" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ProvinceTargets_ProvincePlans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "ProvincePlans" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ProvinceTargetShares" (
    "TargetId" TEXT NOT NULL,
    "CommuneId" INTEGER NOT NULL,
    "Value" TEXT NOT NULL,
    CONSTRAINT "PK_ProvinceTargetShares" PRIMARY KEY ("TargetId", "CommuneId"),
    CONSTRAINT "FK_ProvinceTargetShares_Communes_CommuneId" FOREIGN KEY ("CommuneId") REFERENCES "Communes" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ProvinceTargetShares_ProvinceTargets_TargetId" FOREIGN KEY ("TargetId") REFERENCES "ProvinceTargets" ("Id") ON DELETE CASCADE
);

-- A commune target now points at the province target it was handed down from: SQLite adds a foreign key by making the table again.
CREATE TABLE "PlanTargets_new" (
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
    CONSTRAINT "FK_PlanTargets_Plans_CommuneId_PlanId" FOREIGN KEY ("CommuneId", "PlanId") REFERENCES "Plans" ("CommuneId", "Id") ON DELETE CASCADE,
    CONSTRAINT "FK_PlanTargets_ProvinceTargets_ParentTargetId" FOREIGN KEY ("ParentTargetId") REFERENCES "ProvinceTargets" ("Id") ON DELETE RESTRICT
);

INSERT INTO "PlanTargets_new" ("CommuneId", "Id", "PlanId", "Code", "Group", "Text", "IndicatorId", "Comparator", "Value", "Deadline", "Scope", "Period", "ParentTargetId", "SortOrder")
    SELECT "CommuneId", "Id", "PlanId", "Code", "Group", "Text", "IndicatorId", "Comparator", "Value", "Deadline", "Scope", "Period", NULL, "SortOrder" FROM "PlanTargets";
DROP TABLE "PlanTargets";
ALTER TABLE "PlanTargets_new" RENAME TO "PlanTargets";
CREATE INDEX "IX_PlanTargets_CommuneId_PlanId" ON "PlanTargets" ("CommuneId", "PlanId");
CREATE INDEX "IX_PlanTargets_IndicatorId" ON "PlanTargets" ("IndicatorId");
CREATE INDEX "IX_PlanTargets_ParentTargetId" ON "PlanTargets" ("ParentTargetId");

CREATE TABLE "PlanTargetShares" (
    "CommuneId" INTEGER NOT NULL,
    "TargetId" TEXT NOT NULL,
    "NeighbourhoodId" TEXT NOT NULL,
    "Value" TEXT NOT NULL,
    CONSTRAINT "PK_PlanTargetShares" PRIMARY KEY ("CommuneId", "TargetId", "NeighbourhoodId"),
    CONSTRAINT "FK_PlanTargetShares_Neighbourhoods_CommuneId_NeighbourhoodId" FOREIGN KEY ("CommuneId", "NeighbourhoodId") REFERENCES "Neighbourhoods" ("CommuneId", "Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_PlanTargetShares_PlanTargets_CommuneId_TargetId" FOREIGN KEY ("CommuneId", "TargetId") REFERENCES "PlanTargets" ("CommuneId", "Id") ON DELETE CASCADE
);

CREATE INDEX "IX_PlanTargetShares_CommuneId_NeighbourhoodId" ON "PlanTargetShares" ("CommuneId", "NeighbourhoodId");
CREATE INDEX "IX_ProvincePlans_ProvinceId_Year" ON "ProvincePlans" ("ProvinceId", "Year");
CREATE INDEX "IX_ProvinceTargets_IndicatorId" ON "ProvinceTargets" ("IndicatorId");
CREATE INDEX "IX_ProvinceTargets_PlanId" ON "ProvinceTargets" ("PlanId");
CREATE INDEX "IX_ProvinceTargetShares_CommuneId" ON "ProvinceTargetShares" ("CommuneId");
