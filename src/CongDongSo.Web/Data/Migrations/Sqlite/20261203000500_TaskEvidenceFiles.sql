-- A plan task's evidence may be a file kept with it.
ALTER TABLE "TaskEvidence" ADD "FileKey" TEXT NULL;
ALTER TABLE "TaskEvidence" ADD "FileType" TEXT NULL;
