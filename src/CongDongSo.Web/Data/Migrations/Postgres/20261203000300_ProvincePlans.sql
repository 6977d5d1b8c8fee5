-- Province plans and their targets handed down to the communes; the values a commune target hands to its neighbourhoods.
CREATE TABLE "ProvincePlans" (
    "Id" uuid NOT NULL,
    "ProvinceId" integer NOT NULL,
    "Year" integer NOT NULL,
    "Number" character varying(60),
    "Title" character varying(500) NOT NULL,
    "IssuedOn" date,
    "Signer" character varying(150),
    "Status" integer NOT NULL,
    "HandedDownAtUtc" timestamp with time zone,
    "CreatedAtUtc" timestamp with time zone NOT NULL,
    "UpdatedAtUtc" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_ProvincePlans" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ProvincePlans_Provinces_ProvinceId" FOREIGN KEY ("ProvinceId") REFERENCES "Provinces" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ProvinceTargets" (
    "Id" uuid NOT NULL,
    "PlanId" uuid NOT NULL,
    "ProvinceId" integer NOT NULL,
    "Code" character varying(20),
    "Text" character varying(1000),
    "IndicatorId" integer NOT NULL,
    "Comparator" integer NOT NULL,
    "Value" numeric(18,4) NOT NULL,
    "Deadline" date NOT NULL,
    "SortOrder" integer NOT NULL,
    CONSTRAINT "PK_ProvinceTargets" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ProvinceTargets_Indicators_IndicatorId" FOREIGN KEY ("IndicatorId") REFERENCES "Indicators" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ProvinceTargets_ProvincePlans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "ProvincePlans" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ProvinceTargetShares" (
    "TargetId" uuid NOT NULL,
    "CommuneId" integer NOT NULL,
    "Value" numeric(18,4) NOT NULL,
    CONSTRAINT "PK_ProvinceTargetShares" PRIMARY KEY ("TargetId", "CommuneId"),
    CONSTRAINT "FK_ProvinceTargetShares_Communes_CommuneId" FOREIGN KEY ("CommuneId") REFERENCES "Communes" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ProvinceTargetShares_ProvinceTargets_TargetId" FOREIGN KEY ("TargetId") REFERENCES "ProvinceTargets" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PlanTargetShares" (
    "CommuneId" integer NOT NULL,
    "TargetId" uuid NOT NULL,
    "NeighbourhoodId" uuid NOT NULL,
    "Value" numeric(18,4) NOT NULL,
    CONSTRAINT "PK_PlanTargetShares" PRIMARY KEY ("CommuneId", "TargetId", "NeighbourhoodId"),
    CONSTRAINT "FK_PlanTargetShares_Neighbourhoods_CommuneId_NeighbourhoodId" FOREIGN KEY ("CommuneId", "NeighbourhoodId") REFERENCES "Neighbourhoods" ("CommuneId", "Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_PlanTargetShares_PlanTargets_CommuneId_TargetId" FOREIGN KEY ("CommuneId", "TargetId") REFERENCES "PlanTargets" ("CommuneId", "Id") ON DELETE CASCADE
);

ALTER TABLE "PlanTargets" ADD CONSTRAINT "FK_PlanTargets_ProvinceTargets_ParentTargetId" FOREIGN KEY ("ParentTargetId") REFERENCES "ProvinceTargets" ("Id") ON DELETE RESTRICT;
CREATE INDEX "IX_PlanTargets_ParentTargetId" ON "PlanTargets" ("ParentTargetId");
CREATE INDEX "IX_PlanTargetShares_CommuneId_NeighbourhoodId" ON "PlanTargetShares" ("CommuneId", "NeighbourhoodId");
CREATE INDEX "IX_ProvincePlans_ProvinceId_Year" ON "ProvincePlans" ("ProvinceId", "Year");
CREATE INDEX "IX_ProvinceTargets_IndicatorId" ON "ProvinceTargets" ("IndicatorId");
CREATE INDEX "IX_ProvinceTargets_PlanId" ON "ProvinceTargets" ("PlanId");
CREATE INDEX "IX_ProvinceTargetShares_CommuneId" ON "ProvinceTargetShares" ("CommuneId");
