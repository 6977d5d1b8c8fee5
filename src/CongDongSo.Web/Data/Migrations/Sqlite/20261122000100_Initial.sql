-- 20261122000100_Initial (SQLite): the foundation schema: areas, teams and roster, accounts, sessions, audit.
-- Generated from the model with bench/CongDongSo.Bench schema-script sqlite, then reviewed.
CREATE TABLE "AdminUnitChanges" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AdminUnitChanges" PRIMARY KEY AUTOINCREMENT,
    "UnitKind" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "EffectiveOn" TEXT NOT NULL,
    "OldName" TEXT NOT NULL,
    "NewName" TEXT NOT NULL,
    "OldProvinceId" INTEGER NULL,
    "NewProvinceId" INTEGER NULL,
    "RecordedAtUtc" TEXT NOT NULL
);


CREATE TABLE "AuditEntries" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY,
    "CommuneId" INTEGER NULL,
    "AtUtc" TEXT NOT NULL,
    "UserId" TEXT NULL,
    "UserName" TEXT NULL,
    "Ip" TEXT NULL,
    "Action" INTEGER NOT NULL,
    "EntityType" TEXT NOT NULL,
    "EntityId" TEXT NULL,
    "Summary" TEXT NULL,
    "Before" TEXT NULL,
    "After" TEXT NULL
);


CREATE TABLE "Provinces" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Provinces" PRIMARY KEY AUTOINCREMENT,
    "Code" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "EffectiveFrom" TEXT NOT NULL,
    "EffectiveTo" TEXT NULL
);


CREATE TABLE "Communes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Communes" PRIMARY KEY AUTOINCREMENT,
    "ProvinceId" INTEGER NOT NULL,
    "Code" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Level" INTEGER NOT NULL,
    "EffectiveFrom" TEXT NOT NULL,
    "EffectiveTo" TEXT NULL,
    "ZaloGroupNamePattern" TEXT NOT NULL,
    "SearchName" TEXT NOT NULL,
    CONSTRAINT "FK_Communes_Provinces_ProvinceId" FOREIGN KEY ("ProvinceId") REFERENCES "Provinces" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "Affiliations" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Affiliations" PRIMARY KEY AUTOINCREMENT,
    "CommuneId" INTEGER NULL,
    "Name" TEXT NOT NULL,
    "SortOrder" INTEGER NOT NULL,
    "IsActive" INTEGER NOT NULL,
    CONSTRAINT "FK_Affiliations_Communes_CommuneId" FOREIGN KEY ("CommuneId") REFERENCES "Communes" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "FullName" TEXT NOT NULL,
    "Role" INTEGER NOT NULL,
    "ScopeProvinceId" INTEGER NULL,
    "ScopeCommuneId" INTEGER NULL,
    "ScopeTeamId" TEXT NULL,
    "IsDisabled" INTEGER NOT NULL,
    "LastTotpTimeStep" INTEGER NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL,
    CONSTRAINT "FK_AspNetUsers_Communes_ScopeCommuneId" FOREIGN KEY ("ScopeCommuneId") REFERENCES "Communes" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_AspNetUsers_Provinces_ScopeProvinceId" FOREIGN KEY ("ScopeProvinceId") REFERENCES "Provinces" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "Neighbourhoods" (
    "CommuneId" INTEGER NOT NULL,
    "Id" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "Code" TEXT NULL,
    "EffectiveFrom" TEXT NOT NULL,
    "EffectiveTo" TEXT NULL,
    "SearchName" TEXT NOT NULL,
    CONSTRAINT "PK_Neighbourhoods" PRIMARY KEY ("CommuneId", "Id"),
    CONSTRAINT "AK_Neighbourhoods_Id" UNIQUE ("Id"),
    CONSTRAINT "FK_Neighbourhoods_Communes_CommuneId" FOREIGN KEY ("CommuneId") REFERENCES "Communes" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "UserSessions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_UserSessions" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "Ticket" BLOB NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "LastSeenAtUtc" TEXT NOT NULL,
    "ExpiresAtUtc" TEXT NOT NULL,
    "Ip" TEXT NULL,
    CONSTRAINT "FK_UserSessions_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "NeighbourhoodChanges" (
    "CommuneId" INTEGER NOT NULL,
    "Id" TEXT NOT NULL,
    "NeighbourhoodId" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "EffectiveOn" TEXT NOT NULL,
    "OldName" TEXT NULL,
    "NewName" TEXT NULL,
    "RelatedNeighbourhoodId" TEXT NULL,
    "DecisionReference" TEXT NULL,
    "RecordedAtUtc" TEXT NOT NULL,
    CONSTRAINT "PK_NeighbourhoodChanges" PRIMARY KEY ("CommuneId", "Id"),
    CONSTRAINT "FK_NeighbourhoodChanges_Neighbourhoods_CommuneId_NeighbourhoodId" FOREIGN KEY ("CommuneId", "NeighbourhoodId") REFERENCES "Neighbourhoods" ("CommuneId", "Id") ON DELETE RESTRICT
);


CREATE TABLE "Teams" (
    "CommuneId" INTEGER NOT NULL,
    "Id" TEXT NOT NULL,
    "NeighbourhoodId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "ZaloGroupName" TEXT NULL,
    "ZaloGroupLink" TEXT NULL,
    "EstablishedOn" TEXT NOT NULL,
    "DissolvedOn" TEXT NULL,
    "SearchName" TEXT NOT NULL,
    CONSTRAINT "PK_Teams" PRIMARY KEY ("CommuneId", "Id"),
    CONSTRAINT "AK_Teams_Id" UNIQUE ("Id"),
    CONSTRAINT "FK_Teams_Neighbourhoods_CommuneId_NeighbourhoodId" FOREIGN KEY ("CommuneId", "NeighbourhoodId") REFERENCES "Neighbourhoods" ("CommuneId", "Id") ON DELETE RESTRICT
);


CREATE TABLE "Members" (
    "CommuneId" INTEGER NOT NULL,
    "Id" TEXT NOT NULL,
    "TeamId" TEXT NOT NULL,
    "FullName" TEXT NOT NULL,
    "SearchName" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    "AffiliationId" INTEGER NOT NULL,
    "BirthYear" INTEGER NULL,
    "Gender" INTEGER NULL,
    "Phone" TEXT NULL,
    "Skills" TEXT NULL,
    "AssignedTasks" TEXT NULL,
    "AssignedArea" TEXT NULL,
    "JoinedOn" TEXT NOT NULL,
    "LeftOn" TEXT NULL,
    "LeaveReason" TEXT NULL,
    "PublishContactConsent" INTEGER NOT NULL,
    "PublishContactConsentAtUtc" TEXT NULL,
    "UserId" TEXT NULL,
    CONSTRAINT "PK_Members" PRIMARY KEY ("CommuneId", "Id"),
    CONSTRAINT "AK_Members_Id" UNIQUE ("Id"),
    CONSTRAINT "FK_Members_Affiliations_AffiliationId" FOREIGN KEY ("AffiliationId") REFERENCES "Affiliations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Members_Teams_CommuneId_TeamId" FOREIGN KEY ("CommuneId", "TeamId") REFERENCES "Teams" ("CommuneId", "Id") ON DELETE RESTRICT
);


CREATE TABLE "TeamDecisions" (
    "CommuneId" INTEGER NOT NULL,
    "Id" TEXT NOT NULL,
    "TeamId" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "Number" TEXT NOT NULL,
    "SignedOn" TEXT NOT NULL,
    "Signer" TEXT NOT NULL,
    CONSTRAINT "PK_TeamDecisions" PRIMARY KEY ("CommuneId", "Id"),
    CONSTRAINT "FK_TeamDecisions_Teams_CommuneId_TeamId" FOREIGN KEY ("CommuneId", "TeamId") REFERENCES "Teams" ("CommuneId", "Id") ON DELETE RESTRICT
);


CREATE INDEX "IX_AdminUnitChanges_UnitKind_UnitId" ON "AdminUnitChanges" ("UnitKind", "UnitId");


CREATE UNIQUE INDEX "IX_Affiliations_CommuneId_Name" ON "Affiliations" ("CommuneId", "Name");


CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");


CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");


CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");


CREATE INDEX "IX_AspNetUsers_ScopeCommuneId" ON "AspNetUsers" ("ScopeCommuneId");


CREATE INDEX "IX_AspNetUsers_ScopeProvinceId" ON "AspNetUsers" ("ScopeProvinceId");


CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");


CREATE INDEX "IX_AuditEntries_CommuneId_AtUtc" ON "AuditEntries" ("CommuneId", "AtUtc");


CREATE INDEX "IX_AuditEntries_EntityType_EntityId" ON "AuditEntries" ("EntityType", "EntityId");


CREATE UNIQUE INDEX "IX_Communes_Code_EffectiveFrom" ON "Communes" ("Code", "EffectiveFrom");


CREATE INDEX "IX_Communes_ProvinceId" ON "Communes" ("ProvinceId");


CREATE INDEX "IX_Members_AffiliationId" ON "Members" ("AffiliationId");


CREATE INDEX "IX_Members_CommuneId_SearchName" ON "Members" ("CommuneId", "SearchName");


CREATE INDEX "IX_Members_CommuneId_TeamId" ON "Members" ("CommuneId", "TeamId");


CREATE INDEX "IX_Members_UserId" ON "Members" ("UserId");


CREATE INDEX "IX_NeighbourhoodChanges_CommuneId_NeighbourhoodId" ON "NeighbourhoodChanges" ("CommuneId", "NeighbourhoodId");


CREATE UNIQUE INDEX "IX_Provinces_Code_EffectiveFrom" ON "Provinces" ("Code", "EffectiveFrom");


CREATE INDEX "IX_TeamDecisions_CommuneId_TeamId" ON "TeamDecisions" ("CommuneId", "TeamId");


CREATE INDEX "IX_Teams_CommuneId_NeighbourhoodId" ON "Teams" ("CommuneId", "NeighbourhoodId");


CREATE INDEX "IX_UserSessions_UserId" ON "UserSessions" ("UserId");




-- The audit log is append-only: no update or delete, whoever asks.
CREATE TRIGGER "AuditEntries_no_update" BEFORE UPDATE ON "AuditEntries"
BEGIN SELECT RAISE(ABORT, 'AuditEntries is append-only'); END;
CREATE TRIGGER "AuditEntries_no_delete" BEFORE DELETE ON "AuditEntries"
BEGIN SELECT RAISE(ABORT, 'AuditEntries is append-only'); END;
