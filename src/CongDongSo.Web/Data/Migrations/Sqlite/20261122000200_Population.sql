-- 20261122000200_Population (SQLite): households, residents, businesses, readiness catalogue and events,
-- field work (sessions, activities, assignments, campaigns), offline sync batches, import mappings.

CREATE TABLE "Campaigns" (
    "CommuneId" INTEGER NOT NULL,
    "Id" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "StartsOn" TEXT NOT NULL,
    "EndsOn" TEXT NOT NULL,
    CONSTRAINT "PK_Campaigns" PRIMARY KEY ("CommuneId", "Id")
);

CREATE TABLE "HouseholdAssignments" (
    "CommuneId" INTEGER NOT NULL,
    "Id" TEXT NOT NULL,
    "TeamId" TEXT NOT NULL,
    "HouseholdId" TEXT NOT NULL,
    "MemberId" TEXT NOT NULL,
    "AssignedAtUtc" TEXT NOT NULL,
    "EndedAtUtc" TEXT NULL,
    CONSTRAINT "PK_HouseholdAssignments" PRIMARY KEY ("CommuneId", "Id")
);

CREATE TABLE "ImportMappings" (
    "CommuneId" INTEGER NOT NULL,
    "Id" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Mapping" TEXT NOT NULL,
    "UpdatedAtUtc" TEXT NOT NULL,
    CONSTRAINT "PK_ImportMappings" PRIMARY KEY ("CommuneId", "Id")
);

CREATE TABLE "SyncBatches" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_SyncBatches" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "IdempotencyKey" TEXT NOT NULL,
    "ReceivedAtUtc" TEXT NOT NULL,
    "Response" TEXT NOT NULL
);

CREATE TABLE "ReadinessItems" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ReadinessItems" PRIMARY KEY AUTOINCREMENT,
    "CommuneId" INTEGER NULL,
    "Code" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Subject" INTEGER NOT NULL,
    "Choices" TEXT NOT NULL,
    "AchievedValues" TEXT NOT NULL,
    "SortOrder" INTEGER NOT NULL,
    "IsActive" INTEGER NOT NULL,
    CONSTRAINT "FK_ReadinessItems_Communes_CommuneId" FOREIGN KEY ("CommuneId") REFERENCES "Communes" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Businesses" (
    "CommuneId" INTEGER NOT NULL,
    "Id" TEXT NOT NULL,
    "NeighbourhoodId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "SearchName" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "OwnerHouseholdId" TEXT NULL,
    "Address" TEXT NULL,
    "Sector" TEXT NULL,
    "Products" TEXT NULL,
    "IsOcop" INTEGER NOT NULL,
    "OcopProducts" TEXT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "UpdatedAtUtc" TEXT NOT NULL,
    CONSTRAINT "PK_Businesses" PRIMARY KEY ("CommuneId", "Id"),
    CONSTRAINT "AK_Businesses_Id" UNIQUE ("Id"),
    CONSTRAINT "FK_Businesses_Neighbourhoods_CommuneId_NeighbourhoodId" FOREIGN KEY ("CommuneId", "NeighbourhoodId") REFERENCES "Neighbourhoods" ("CommuneId", "Id") ON DELETE RESTRICT
);

CREATE TABLE "Households" (
    "CommuneId" INTEGER NOT NULL,
    "Id" TEXT NOT NULL,
    "NeighbourhoodId" TEXT NOT NULL,
    "Code" TEXT NOT NULL,
    "Address" TEXT NOT NULL,
    "HeadResidentId" TEXT NULL,
    "HasBusiness" INTEGER NOT NULL,
    "Poverty" INTEGER NOT NULL,
    "SearchText" TEXT NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "UpdatedAtUtc" TEXT NOT NULL,
    CONSTRAINT "PK_Households" PRIMARY KEY ("CommuneId", "Id"),
    CONSTRAINT "AK_Households_Id" UNIQUE ("Id"),
    CONSTRAINT "FK_Households_Neighbourhoods_CommuneId_NeighbourhoodId" FOREIGN KEY ("CommuneId", "NeighbourhoodId") REFERENCES "Neighbourhoods" ("CommuneId", "Id") ON DELETE RESTRICT
);

CREATE TABLE "ReadinessEvents" (
    "CommuneId" INTEGER NOT NULL,
    "Id" TEXT NOT NULL,
    "NeighbourhoodId" TEXT NOT NULL,
    "ResidentId" TEXT NULL,
    "BusinessId" TEXT NULL,
    "ItemId" INTEGER NOT NULL,
    "Value" TEXT NOT NULL,
    "OccurredAtUtc" TEXT NOT NULL,
    "RecordedAtUtc" TEXT NOT NULL,
    "HelpedByMemberId" TEXT NULL,
    "RecordedByUserId" TEXT NULL,
    "Verification" INTEGER NOT NULL,
    "SessionId" TEXT NULL,
    "CorrectsEventId" TEXT NULL,
    "Note" TEXT NULL,
    CONSTRAINT "PK_ReadinessEvents" PRIMARY KEY ("CommuneId", "Id"),
    CONSTRAINT "FK_ReadinessEvents_ReadinessItems_ItemId" FOREIGN KEY ("ItemId") REFERENCES "ReadinessItems" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "SupportActivities" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SupportActivities" PRIMARY KEY AUTOINCREMENT,
    "CommuneId" INTEGER NULL,
    "Code" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "ReadinessItemId" INTEGER NULL,
    "ResultValue" TEXT NULL,
    "SortOrder" INTEGER NOT NULL,
    "IsActive" INTEGER NOT NULL,
    CONSTRAINT "FK_SupportActivities_Communes_CommuneId" FOREIGN KEY ("CommuneId") REFERENCES "Communes" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_SupportActivities_ReadinessItems_ReadinessItemId" FOREIGN KEY ("ReadinessItemId") REFERENCES "ReadinessItems" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Residents" (
    "CommuneId" INTEGER NOT NULL,
    "Id" TEXT NOT NULL,
    "HouseholdId" TEXT NOT NULL,
    "NeighbourhoodId" TEXT NOT NULL,
    "FullName" TEXT NOT NULL,
    "SearchName" TEXT NOT NULL,
    "BirthDate" TEXT NULL,
    "BirthYear" INTEGER NULL,
    "Gender" INTEGER NULL,
    "Relation" INTEGER NOT NULL,
    "CitizenIdCipher" BLOB NULL,
    "CitizenIdHash" BLOB NULL,
    "CitizenIdTail" TEXT NULL,
    "PhoneCipher" BLOB NULL,
    "PhoneHash" BLOB NULL,
    "PhoneTail" TEXT NULL,
    "HasDisability" INTEGER NOT NULL,
    "ConsentAtUtc" TEXT NULL,
    "ConsentNote" TEXT NULL,
    "ErasedAtUtc" TEXT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "UpdatedAtUtc" TEXT NOT NULL,
    CONSTRAINT "PK_Residents" PRIMARY KEY ("CommuneId", "Id"),
    CONSTRAINT "AK_Residents_Id" UNIQUE ("Id"),
    CONSTRAINT "FK_Residents_Households_CommuneId_HouseholdId" FOREIGN KEY ("CommuneId", "HouseholdId") REFERENCES "Households" ("CommuneId", "Id") ON DELETE RESTRICT
);

CREATE TABLE "SupportSessions" (
    "CommuneId" INTEGER NOT NULL,
    "Id" TEXT NOT NULL,
    "TeamId" TEXT NOT NULL,
    "NeighbourhoodId" TEXT NULL,
    "OccurredAtUtc" TEXT NOT NULL,
    "Place" INTEGER NOT NULL,
    "HouseholdId" TEXT NULL,
    "BusinessId" TEXT NULL,
    "CampaignId" TEXT NULL,
    "Note" TEXT NULL,
    "RecordedByUserId" TEXT NOT NULL,
    "RecordedAtUtc" TEXT NOT NULL,
    CONSTRAINT "PK_SupportSessions" PRIMARY KEY ("CommuneId", "Id"),
    CONSTRAINT "AK_SupportSessions_Id" UNIQUE ("Id"),
    CONSTRAINT "FK_SupportSessions_Teams_CommuneId_TeamId" FOREIGN KEY ("CommuneId", "TeamId") REFERENCES "Teams" ("CommuneId", "Id") ON DELETE RESTRICT
);

CREATE TABLE "SupportSessionActivities" (
    "CommuneId" INTEGER NOT NULL,
    "SessionId" TEXT NOT NULL,
    "ActivityId" INTEGER NOT NULL,
    CONSTRAINT "PK_SupportSessionActivities" PRIMARY KEY ("CommuneId", "SessionId", "ActivityId"),
    CONSTRAINT "FK_SupportSessionActivities_SupportActivities_ActivityId" FOREIGN KEY ("ActivityId") REFERENCES "SupportActivities" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_SupportSessionActivities_SupportSessions_CommuneId_SessionId" FOREIGN KEY ("CommuneId", "SessionId") REFERENCES "SupportSessions" ("CommuneId", "Id") ON DELETE CASCADE
);

CREATE TABLE "SupportSessionMembers" (
    "CommuneId" INTEGER NOT NULL,
    "SessionId" TEXT NOT NULL,
    "MemberId" TEXT NOT NULL,
    CONSTRAINT "PK_SupportSessionMembers" PRIMARY KEY ("CommuneId", "SessionId", "MemberId"),
    CONSTRAINT "FK_SupportSessionMembers_SupportSessions_CommuneId_SessionId" FOREIGN KEY ("CommuneId", "SessionId") REFERENCES "SupportSessions" ("CommuneId", "Id") ON DELETE CASCADE
);

CREATE TABLE "SupportSessionResidents" (
    "CommuneId" INTEGER NOT NULL,
    "SessionId" TEXT NOT NULL,
    "ResidentId" TEXT NOT NULL,
    CONSTRAINT "PK_SupportSessionResidents" PRIMARY KEY ("CommuneId", "SessionId", "ResidentId"),
    CONSTRAINT "FK_SupportSessionResidents_SupportSessions_CommuneId_SessionId" FOREIGN KEY ("CommuneId", "SessionId") REFERENCES "SupportSessions" ("CommuneId", "Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Businesses_CommuneId_NeighbourhoodId" ON "Businesses" ("CommuneId", "NeighbourhoodId");

CREATE INDEX "IX_Businesses_CommuneId_SearchName" ON "Businesses" ("CommuneId", "SearchName");

CREATE INDEX "IX_HouseholdAssignments_CommuneId_HouseholdId" ON "HouseholdAssignments" ("CommuneId", "HouseholdId");

CREATE INDEX "IX_HouseholdAssignments_CommuneId_MemberId" ON "HouseholdAssignments" ("CommuneId", "MemberId");

CREATE UNIQUE INDEX "IX_Households_CommuneId_Code" ON "Households" ("CommuneId", "Code");

CREATE INDEX "IX_Households_CommuneId_NeighbourhoodId" ON "Households" ("CommuneId", "NeighbourhoodId");

CREATE UNIQUE INDEX "IX_ImportMappings_CommuneId_Kind" ON "ImportMappings" ("CommuneId", "Kind");

CREATE INDEX "IX_ReadinessEvents_CommuneId_BusinessId_ItemId_OccurredAtUtc" ON "ReadinessEvents" ("CommuneId", "BusinessId", "ItemId", "OccurredAtUtc");

CREATE INDEX "IX_ReadinessEvents_CommuneId_NeighbourhoodId" ON "ReadinessEvents" ("CommuneId", "NeighbourhoodId");

CREATE INDEX "IX_ReadinessEvents_CommuneId_ResidentId_ItemId_OccurredAtUtc" ON "ReadinessEvents" ("CommuneId", "ResidentId", "ItemId", "OccurredAtUtc");

CREATE INDEX "IX_ReadinessEvents_CommuneId_SessionId" ON "ReadinessEvents" ("CommuneId", "SessionId");

CREATE INDEX "IX_ReadinessEvents_ItemId" ON "ReadinessEvents" ("ItemId");

CREATE UNIQUE INDEX "IX_ReadinessItems_CommuneId_Code" ON "ReadinessItems" ("CommuneId", "Code");

CREATE UNIQUE INDEX "IX_Residents_CommuneId_CitizenIdHash" ON "Residents" ("CommuneId", "CitizenIdHash");

CREATE INDEX "IX_Residents_CommuneId_HouseholdId" ON "Residents" ("CommuneId", "HouseholdId");

CREATE INDEX "IX_Residents_CommuneId_NeighbourhoodId" ON "Residents" ("CommuneId", "NeighbourhoodId");

CREATE INDEX "IX_Residents_CommuneId_PhoneHash" ON "Residents" ("CommuneId", "PhoneHash");

CREATE INDEX "IX_Residents_CommuneId_SearchName" ON "Residents" ("CommuneId", "SearchName");

CREATE UNIQUE INDEX "IX_SupportActivities_CommuneId_Code" ON "SupportActivities" ("CommuneId", "Code");

CREATE INDEX "IX_SupportActivities_ReadinessItemId" ON "SupportActivities" ("ReadinessItemId");

CREATE INDEX "IX_SupportSessionActivities_ActivityId" ON "SupportSessionActivities" ("ActivityId");

CREATE INDEX "IX_SupportSessionMembers_CommuneId_MemberId" ON "SupportSessionMembers" ("CommuneId", "MemberId");

CREATE INDEX "IX_SupportSessionResidents_CommuneId_ResidentId" ON "SupportSessionResidents" ("CommuneId", "ResidentId");

CREATE INDEX "IX_SupportSessions_CommuneId_HouseholdId_OccurredAtUtc" ON "SupportSessions" ("CommuneId", "HouseholdId", "OccurredAtUtc");

CREATE INDEX "IX_SupportSessions_CommuneId_TeamId_OccurredAtUtc" ON "SupportSessions" ("CommuneId", "TeamId", "OccurredAtUtc");

CREATE UNIQUE INDEX "IX_SyncBatches_UserId_IdempotencyKey" ON "SyncBatches" ("UserId", "IdempotencyKey");
