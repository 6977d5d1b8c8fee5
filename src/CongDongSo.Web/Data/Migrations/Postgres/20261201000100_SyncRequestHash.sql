-- The fingerprint of a sync batch: the same idempotency key with another body is refused (422).
ALTER TABLE "SyncBatches" ADD COLUMN "RequestHash" character varying(64);
