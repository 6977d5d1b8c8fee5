-- A plan task's evidence may be a file kept with it.
ALTER TABLE "TaskEvidence" ADD "FileKey" character varying(60);
ALTER TABLE "TaskEvidence" ADD "FileType" character varying(40);
