CREATE TABLE "IndicatorCounts" (
    "CommuneId" integer NOT NULL,
    "IndicatorId" integer NOT NULL,
    "Level" smallint NOT NULL,
    "Bucket" date NOT NULL,
    "NeighbourhoodId" uuid NOT NULL,
    "Numerator" integer NOT NULL,
    "Denominator" integer NOT NULL,
    "Seen" integer NOT NULL,
    "Late" integer NOT NULL,
    CONSTRAINT "PK_IndicatorCounts" PRIMARY KEY ("CommuneId", "IndicatorId", "Level", "Bucket", "NeighbourhoodId")
);

CREATE TABLE "IndicatorSeries" (
    "CommuneId" integer NOT NULL,
    "IndicatorId" integer NOT NULL,
    "Definition" character varying(8000) NOT NULL,
    "BuiltAtUtc" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_IndicatorSeries" PRIMARY KEY ("CommuneId", "IndicatorId"),
    CONSTRAINT "FK_IndicatorSeries_Communes_CommuneId" FOREIGN KEY ("CommuneId") REFERENCES "Communes" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_IndicatorSeries_Indicators_IndicatorId" FOREIGN KEY ("IndicatorId") REFERENCES "Indicators" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_IndicatorSeries_IndicatorId" ON "IndicatorSeries" ("IndicatorId");
