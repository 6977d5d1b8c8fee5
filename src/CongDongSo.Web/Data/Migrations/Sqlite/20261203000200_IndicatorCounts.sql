-- Without rowid: the rows are kept in key order, so a dashboard's ranges read neighbouring pages instead of one table page a row.
CREATE TABLE "IndicatorCounts" (
    "CommuneId" INTEGER NOT NULL,
    "IndicatorId" INTEGER NOT NULL,
    "Level" INTEGER NOT NULL,
    "Bucket" TEXT NOT NULL,
    "NeighbourhoodId" TEXT NOT NULL,
    "Numerator" INTEGER NOT NULL,
    "Denominator" INTEGER NOT NULL,
    "Seen" INTEGER NOT NULL,
    "Late" INTEGER NOT NULL,
    CONSTRAINT "PK_IndicatorCounts" PRIMARY KEY ("CommuneId", "IndicatorId", "Level", "Bucket", "NeighbourhoodId")
) WITHOUT ROWID;

CREATE TABLE "IndicatorSeries" (
    "CommuneId" INTEGER NOT NULL,
    "IndicatorId" INTEGER NOT NULL,
    "Definition" TEXT NOT NULL,
    "BuiltAtUtc" TEXT NOT NULL,
    CONSTRAINT "PK_IndicatorSeries" PRIMARY KEY ("CommuneId", "IndicatorId"),
    CONSTRAINT "FK_IndicatorSeries_Communes_CommuneId" FOREIGN KEY ("CommuneId") REFERENCES "Communes" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_IndicatorSeries_Indicators_IndicatorId" FOREIGN KEY ("IndicatorId") REFERENCES "Indicators" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_IndicatorSeries_IndicatorId" ON "IndicatorSeries" ("IndicatorId");
