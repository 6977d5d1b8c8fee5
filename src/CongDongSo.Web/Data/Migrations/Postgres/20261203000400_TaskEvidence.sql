-- What shows a plan task was done: an activity, a communication item or a link.
CREATE TABLE "TaskEvidence" (
    "CommuneId" integer NOT NULL,
    "Id" uuid NOT NULL,
    "TaskId" uuid NOT NULL,
    "Kind" integer NOT NULL,
    "CommunityEventId" uuid,
    "CommunicationItemId" uuid,
    "Url" character varying(500),
    "Title" character varying(500) NOT NULL,
    "AddedAtUtc" timestamp with time zone NOT NULL,
    "AddedByUserId" uuid,
    CONSTRAINT "PK_TaskEvidence" PRIMARY KEY ("CommuneId", "Id"),
    CONSTRAINT "FK_TaskEvidence_CommunicationItems_CommuneId_CommunicationItem~" FOREIGN KEY ("CommuneId", "CommunicationItemId") REFERENCES "CommunicationItems" ("CommuneId", "Id") ON DELETE CASCADE,
    CONSTRAINT "FK_TaskEvidence_CommunityEvents_CommuneId_CommunityEventId" FOREIGN KEY ("CommuneId", "CommunityEventId") REFERENCES "CommunityEvents" ("CommuneId", "Id") ON DELETE CASCADE,
    CONSTRAINT "FK_TaskEvidence_PlanTasks_CommuneId_TaskId" FOREIGN KEY ("CommuneId", "TaskId") REFERENCES "PlanTasks" ("CommuneId", "Id") ON DELETE CASCADE
);

CREATE INDEX "IX_TaskEvidence_CommuneId_CommunicationItemId" ON "TaskEvidence" ("CommuneId", "CommunicationItemId");
CREATE INDEX "IX_TaskEvidence_CommuneId_CommunityEventId" ON "TaskEvidence" ("CommuneId", "CommunityEventId");
CREATE INDEX "IX_TaskEvidence_CommuneId_TaskId" ON "TaskEvidence" ("CommuneId", "TaskId");
