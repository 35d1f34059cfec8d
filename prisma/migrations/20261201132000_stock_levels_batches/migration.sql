-- AlterEnum
ALTER TYPE "AdjustmentReason" ADD VALUE 'OPENING_BALANCE';

-- AlterTable
ALTER TABLE "Item" ADD COLUMN     "maxStock" INTEGER;

-- AlterTable
ALTER TABLE "Batch" ADD COLUMN     "expiryRaw" TEXT;

-- CreateTable
CREATE TABLE "ParLevel" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "itemId" UUID NOT NULL,
    "locationId" UUID NOT NULL,
    "minQuantity" INTEGER,
    "maxQuantity" INTEGER,
    "version" BIGINT NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ParLevel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StockSettings" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "expiryHorizonDays" INTEGER NOT NULL DEFAULT 90,
    "version" BIGINT NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "StockSettings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ParLevel_practiceId_version_idx" ON "ParLevel"("practiceId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "ParLevel_practiceId_itemId_locationId_key" ON "ParLevel"("practiceId", "itemId", "locationId");

-- CreateIndex
CREATE UNIQUE INDEX "StockSettings_practiceId_key" ON "StockSettings"("practiceId");

-- CreateIndex
CREATE INDEX "StockSettings_practiceId_version_idx" ON "StockSettings"("practiceId", "version");

-- AddForeignKey
ALTER TABLE "ParLevel" ADD CONSTRAINT "ParLevel_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParLevel" ADD CONSTRAINT "ParLevel_practiceId_itemId_fkey" FOREIGN KEY ("practiceId", "itemId") REFERENCES "Item"("practiceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParLevel" ADD CONSTRAINT "ParLevel_practiceId_locationId_fkey" FOREIGN KEY ("practiceId", "locationId") REFERENCES "Location"("practiceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockSettings" ADD CONSTRAINT "StockSettings_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ───────────── raw SQL that schema.prisma cannot express ─────────────

ALTER TABLE "ParLevel" ADD CONSTRAINT "ParLevel_quantities_valid" CHECK (
  ("minQuantity" IS NULL OR "minQuantity" >= 0) AND ("maxQuantity" IS NULL OR "maxQuantity" >= 0)
  AND ("minQuantity" IS NULL OR "maxQuantity" IS NULL OR "minQuantity" <= "maxQuantity"));
ALTER TABLE "Item" ADD CONSTRAINT "Item_maxStock_nonnegative" CHECK ("maxStock" IS NULL OR "maxStock" >= 0);
ALTER TABLE "StockSettings" ADD CONSTRAINT "StockSettings_expiryHorizonDays_range" CHECK ("expiryHorizonDays" BETWEEN 1 AND 730);
-- The raw expiry is a calendar date whose day may be 00 (GS1: the month's last day).
ALTER TABLE "Batch" ADD CONSTRAINT "Batch_expiryRaw_format" CHECK ("expiryRaw" IS NULL OR "expiryRaw" ~ '^\d{4}-\d{2}-\d{2}$');

-- The new tenant tables get the same wall as the others (see 20261125150000_row_level_security).
ALTER TABLE "ParLevel" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ParLevel" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ParLevel" USING ("practiceId" = app_practice_id()) WITH CHECK ("practiceId" = app_practice_id());
ALTER TABLE "StockSettings" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "StockSettings" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "StockSettings" USING ("practiceId" = app_practice_id()) WITH CHECK ("practiceId" = app_practice_id());

-- Default privileges cover new tables only when the same user migrates; grant explicitly as well.
DO $$
DECLARE r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['venzory_app', 'venzory_system'] LOOP
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON "ParLevel", "StockSettings" TO %I', r);
    END IF;
  END LOOP;
END $$;
