-- Training (topics, courses, sessions, attendance, completions), community models and events, communication items;
-- a support session may be recorded at a community event.
ALTER TABLE "SupportSessions" ADD COLUMN "CommunityEventId" TEXT NULL;

CREATE TABLE "CommunityModels" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CommunityModels" PRIMARY KEY AUTOINCREMENT,
    "CommuneId" INTEGER NULL,
    "Code" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Description" TEXT NULL,
    "SortOrder" INTEGER NOT NULL,
    "IsActive" INTEGER NOT NULL,
    CONSTRAINT "FK_CommunityModels_Communes_CommuneId" FOREIGN KEY ("CommuneId") REFERENCES "Communes" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "TrainingTopics" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TrainingTopics" PRIMARY KEY AUTOINCREMENT,
    "CommuneId" INTEGER NULL,
    "Code" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Description" TEXT NULL,
    "SortOrder" INTEGER NOT NULL,
    "IsActive" INTEGER NOT NULL,
    CONSTRAINT "FK_TrainingTopics_Communes_CommuneId" FOREIGN KEY ("CommuneId") REFERENCES "Communes" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "CommunicationItems" (
    "CommuneId" INTEGER NOT NULL,
    "Id" TEXT NOT NULL,
    "TeamId" TEXT NULL,
    "Kind" INTEGER NOT NULL,
    "PublishedOn" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Channel" TEXT NULL,
    "Url" TEXT NULL,
    "FileKey" TEXT NULL,
    "FileType" TEXT NULL,
    "NeighbourhoodId" TEXT NULL,
    "MadeBy" TEXT NULL,
    "Reach" INTEGER NULL,
    "RecordedByUserId" TEXT NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    CONSTRAINT "PK_CommunicationItems" PRIMARY KEY ("CommuneId", "Id"),
    CONSTRAINT "AK_CommunicationItems_Id" UNIQUE ("Id"),
    CONSTRAINT "FK_CommunicationItems_Communes_CommuneId" FOREIGN KEY ("CommuneId") REFERENCES "Communes" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_CommunicationItems_Neighbourhoods_CommuneId_NeighbourhoodId" FOREIGN KEY ("CommuneId", "NeighbourhoodId") REFERENCES "Neighbourhoods" ("CommuneId", "Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_CommunicationItems_Teams_CommuneId_TeamId" FOREIGN KEY ("CommuneId", "TeamId") REFERENCES "Teams" ("CommuneId", "Id") ON DELETE RESTRICT
);

CREATE TABLE "CommunityEvents" (
    "CommuneId" INTEGER NOT NULL,
    "Id" TEXT NOT NULL,
    "TeamId" TEXT NULL,
    "ModelId" INTEGER NULL,
    "Title" TEXT NOT NULL,
    "StartsAtUtc" TEXT NOT NULL,
    "EndsAtUtc" TEXT NULL,
    "Place" TEXT NULL,
    "Organisers" TEXT NULL,
    "Partners" TEXT NULL,
    "ParticipantCount" INTEGER NULL,
    "Result" TEXT NULL,
    "RecordedByUserId" TEXT NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "UpdatedAtUtc" TEXT NOT NULL,
    CONSTRAINT "PK_CommunityEvents" PRIMARY KEY ("CommuneId", "Id"),
    CONSTRAINT "AK_CommunityEvents_Id" UNIQUE ("Id"),
    CONSTRAINT "FK_CommunityEvents_Communes_CommuneId" FOREIGN KEY ("CommuneId") REFERENCES "Communes" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_CommunityEvents_CommunityModels_ModelId" FOREIGN KEY ("ModelId") REFERENCES "CommunityModels" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_CommunityEvents_Teams_CommuneId_TeamId" FOREIGN KEY ("CommuneId", "TeamId") REFERENCES "Teams" ("CommuneId", "Id") ON DELETE RESTRICT
);

CREATE TABLE "Courses" (
    "CommuneId" INTEGER NOT NULL,
    "Id" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Organiser" INTEGER NOT NULL,
    "OrganiserName" TEXT NULL,
    "Form" INTEGER NOT NULL,
    "Trainers" TEXT NULL,
    "Place" TEXT NULL,
    "Audience" INTEGER NOT NULL,
    "AudienceTeamId" TEXT NULL,
    "OnlineUrl" TEXT NULL,
    "CompleteBy" TEXT NULL,
    "Description" TEXT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    CONSTRAINT "PK_Courses" PRIMARY KEY ("CommuneId", "Id"),
    CONSTRAINT "AK_Courses_Id" UNIQUE ("Id"),
    CONSTRAINT "FK_Courses_Communes_CommuneId" FOREIGN KEY ("CommuneId") REFERENCES "Communes" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Courses_Teams_CommuneId_AudienceTeamId" FOREIGN KEY ("CommuneId", "AudienceTeamId") REFERENCES "Teams" ("CommuneId", "Id") ON DELETE RESTRICT
);

CREATE TABLE "CommunityEventNeighbourhoods" (
    "CommuneId" INTEGER NOT NULL,
    "EventId" TEXT NOT NULL,
    "NeighbourhoodId" TEXT NOT NULL,
    CONSTRAINT "PK_CommunityEventNeighbourhoods" PRIMARY KEY ("CommuneId", "EventId", "NeighbourhoodId"),
    CONSTRAINT "FK_CommunityEventNeighbourhoods_CommunityEvents_CommuneId_EventId" FOREIGN KEY ("CommuneId", "EventId") REFERENCES "CommunityEvents" ("CommuneId", "Id") ON DELETE CASCADE,
    CONSTRAINT "FK_CommunityEventNeighbourhoods_Neighbourhoods_CommuneId_NeighbourhoodId" FOREIGN KEY ("CommuneId", "NeighbourhoodId") REFERENCES "Neighbourhoods" ("CommuneId", "Id") ON DELETE RESTRICT
);

CREATE TABLE "CommunityEventPhotos" (
    "CommuneId" INTEGER NOT NULL,
    "Id" TEXT NOT NULL,
    "EventId" TEXT NOT NULL,
    "FileKey" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Bytes" INTEGER NOT NULL,
    "UploadedAtUtc" TEXT NOT NULL,
    "UploadedByUserId" TEXT NOT NULL,
    CONSTRAINT "PK_CommunityEventPhotos" PRIMARY KEY ("CommuneId", "Id"),
    CONSTRAINT "FK_CommunityEventPhotos_CommunityEvents_CommuneId_EventId" FOREIGN KEY ("CommuneId", "EventId") REFERENCES "CommunityEvents" ("CommuneId", "Id") ON DELETE CASCADE
);

CREATE TABLE "CourseTopics" (
    "CommuneId" INTEGER NOT NULL,
    "CourseId" TEXT NOT NULL,
    "TopicId" INTEGER NOT NULL,
    CONSTRAINT "PK_CourseTopics" PRIMARY KEY ("CommuneId", "CourseId", "TopicId"),
    CONSTRAINT "FK_CourseTopics_Courses_CommuneId_CourseId" FOREIGN KEY ("CommuneId", "CourseId") REFERENCES "Courses" ("CommuneId", "Id") ON DELETE CASCADE,
    CONSTRAINT "FK_CourseTopics_TrainingTopics_TopicId" FOREIGN KEY ("TopicId") REFERENCES "TrainingTopics" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "TrainingSessions" (
    "CommuneId" INTEGER NOT NULL,
    "Id" TEXT NOT NULL,
    "CourseId" TEXT NOT NULL,
    "StartsAtUtc" TEXT NOT NULL,
    "EndsAtUtc" TEXT NOT NULL,
    "Place" TEXT NULL,
    "CheckInToken" TEXT NOT NULL,
    CONSTRAINT "PK_TrainingSessions" PRIMARY KEY ("CommuneId", "Id"),
    CONSTRAINT "AK_TrainingSessions_Id" UNIQUE ("Id"),
    CONSTRAINT "FK_TrainingSessions_Courses_CommuneId_CourseId" FOREIGN KEY ("CommuneId", "CourseId") REFERENCES "Courses" ("CommuneId", "Id") ON DELETE CASCADE
);

CREATE TABLE "CommunityEventMembers" (
    "CommuneId" INTEGER NOT NULL,
    "EventId" TEXT NOT NULL,
    "MemberId" TEXT NOT NULL,
    CONSTRAINT "PK_CommunityEventMembers" PRIMARY KEY ("CommuneId", "EventId", "MemberId"),
    CONSTRAINT "FK_CommunityEventMembers_CommunityEvents_CommuneId_EventId" FOREIGN KEY ("CommuneId", "EventId") REFERENCES "CommunityEvents" ("CommuneId", "Id") ON DELETE CASCADE,
    CONSTRAINT "FK_CommunityEventMembers_Members_CommuneId_MemberId" FOREIGN KEY ("CommuneId", "MemberId") REFERENCES "Members" ("CommuneId", "Id") ON DELETE RESTRICT
);

CREATE TABLE "CourseCompletions" (
    "CommuneId" INTEGER NOT NULL,
    "Id" TEXT NOT NULL,
    "CourseId" TEXT NOT NULL,
    "MemberId" TEXT NOT NULL,
    "TeamId" TEXT NOT NULL,
    "CompletedOn" TEXT NOT NULL,
    "CertificateKey" TEXT NULL,
    "CertificateType" TEXT NULL,
    "Review" INTEGER NOT NULL,
    "ReviewNote" TEXT NULL,
    "ReviewedByUserId" TEXT NULL,
    "ReviewedAtUtc" TEXT NULL,
    "RecordedAtUtc" TEXT NOT NULL,
    CONSTRAINT "PK_CourseCompletions" PRIMARY KEY ("CommuneId", "Id"),
    CONSTRAINT "FK_CourseCompletions_Courses_CommuneId_CourseId" FOREIGN KEY ("CommuneId", "CourseId") REFERENCES "Courses" ("CommuneId", "Id") ON DELETE CASCADE,
    CONSTRAINT "FK_CourseCompletions_Members_CommuneId_MemberId" FOREIGN KEY ("CommuneId", "MemberId") REFERENCES "Members" ("CommuneId", "Id") ON DELETE RESTRICT
);

CREATE TABLE "CourseInvitees" (
    "CommuneId" INTEGER NOT NULL,
    "CourseId" TEXT NOT NULL,
    "MemberId" TEXT NOT NULL,
    CONSTRAINT "PK_CourseInvitees" PRIMARY KEY ("CommuneId", "CourseId", "MemberId"),
    CONSTRAINT "FK_CourseInvitees_Courses_CommuneId_CourseId" FOREIGN KEY ("CommuneId", "CourseId") REFERENCES "Courses" ("CommuneId", "Id") ON DELETE CASCADE,
    CONSTRAINT "FK_CourseInvitees_Members_CommuneId_MemberId" FOREIGN KEY ("CommuneId", "MemberId") REFERENCES "Members" ("CommuneId", "Id") ON DELETE RESTRICT
);

CREATE TABLE "Attendances" (
    "CommuneId" INTEGER NOT NULL,
    "SessionId" TEXT NOT NULL,
    "MemberId" TEXT NOT NULL,
    "TeamId" TEXT NOT NULL,
    "Present" INTEGER NOT NULL,
    "AbsenceReason" TEXT NULL,
    "SelfCheckIn" INTEGER NOT NULL,
    "RecordedAtUtc" TEXT NOT NULL,
    "RecordedByUserId" TEXT NULL,
    CONSTRAINT "PK_Attendances" PRIMARY KEY ("CommuneId", "SessionId", "MemberId"),
    CONSTRAINT "FK_Attendances_Members_CommuneId_MemberId" FOREIGN KEY ("CommuneId", "MemberId") REFERENCES "Members" ("CommuneId", "Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Attendances_TrainingSessions_CommuneId_SessionId" FOREIGN KEY ("CommuneId", "SessionId") REFERENCES "TrainingSessions" ("CommuneId", "Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Attendances_CommuneId_MemberId" ON "Attendances" ("CommuneId", "MemberId");

CREATE INDEX "IX_CommunicationItems_CommuneId_Kind_PublishedOn" ON "CommunicationItems" ("CommuneId", "Kind", "PublishedOn");

CREATE INDEX "IX_CommunicationItems_CommuneId_NeighbourhoodId" ON "CommunicationItems" ("CommuneId", "NeighbourhoodId");

CREATE INDEX "IX_CommunicationItems_CommuneId_PublishedOn" ON "CommunicationItems" ("CommuneId", "PublishedOn");

CREATE INDEX "IX_CommunicationItems_CommuneId_TeamId" ON "CommunicationItems" ("CommuneId", "TeamId");

CREATE INDEX "IX_CommunityEventMembers_CommuneId_MemberId" ON "CommunityEventMembers" ("CommuneId", "MemberId");

CREATE INDEX "IX_CommunityEventNeighbourhoods_CommuneId_NeighbourhoodId" ON "CommunityEventNeighbourhoods" ("CommuneId", "NeighbourhoodId");

CREATE INDEX "IX_CommunityEventPhotos_CommuneId_EventId" ON "CommunityEventPhotos" ("CommuneId", "EventId");

CREATE INDEX "IX_CommunityEvents_CommuneId_ModelId_StartsAtUtc" ON "CommunityEvents" ("CommuneId", "ModelId", "StartsAtUtc");

CREATE INDEX "IX_CommunityEvents_CommuneId_StartsAtUtc" ON "CommunityEvents" ("CommuneId", "StartsAtUtc");

CREATE INDEX "IX_CommunityEvents_CommuneId_TeamId" ON "CommunityEvents" ("CommuneId", "TeamId");

CREATE INDEX "IX_CommunityEvents_ModelId" ON "CommunityEvents" ("ModelId");

CREATE UNIQUE INDEX "IX_CommunityModels_CommuneId_Code" ON "CommunityModels" ("CommuneId", "Code");

CREATE UNIQUE INDEX "IX_CourseCompletions_CommuneId_CourseId_MemberId" ON "CourseCompletions" ("CommuneId", "CourseId", "MemberId");

CREATE INDEX "IX_CourseCompletions_CommuneId_MemberId" ON "CourseCompletions" ("CommuneId", "MemberId");

CREATE INDEX "IX_CourseInvitees_CommuneId_MemberId" ON "CourseInvitees" ("CommuneId", "MemberId");

CREATE INDEX "IX_Courses_CommuneId_AudienceTeamId" ON "Courses" ("CommuneId", "AudienceTeamId");

CREATE INDEX "IX_Courses_CommuneId_CreatedAtUtc" ON "Courses" ("CommuneId", "CreatedAtUtc");

CREATE INDEX "IX_CourseTopics_CommuneId_TopicId" ON "CourseTopics" ("CommuneId", "TopicId");

CREATE INDEX "IX_CourseTopics_TopicId" ON "CourseTopics" ("TopicId");

CREATE INDEX "IX_SupportSessions_CommuneId_CommunityEventId" ON "SupportSessions" ("CommuneId", "CommunityEventId");

CREATE UNIQUE INDEX "IX_TrainingSessions_CheckInToken" ON "TrainingSessions" ("CheckInToken");

CREATE INDEX "IX_TrainingSessions_CommuneId_CourseId_StartsAtUtc" ON "TrainingSessions" ("CommuneId", "CourseId", "StartsAtUtc");

CREATE UNIQUE INDEX "IX_TrainingTopics_CommuneId_Code" ON "TrainingTopics" ("CommuneId", "Code");
