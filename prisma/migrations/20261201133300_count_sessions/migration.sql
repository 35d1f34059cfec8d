-- AlterTable
ALTER TABLE "CountSession" ADD COLUMN     "note" TEXT,
ADD COLUMN     "zeroedUncounted" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "CountLine" ADD COLUMN     "needsRecount" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "onHandAtPush" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "CountParticipant" (
    "practiceId" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "clientId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "joinedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CountParticipant_pkey" PRIMARY KEY ("practiceId","sessionId","clientId")
);

-- AddForeignKey
ALTER TABLE "CountParticipant" ADD CONSTRAINT "CountParticipant_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CountParticipant" ADD CONSTRAINT "CountParticipant_practiceId_sessionId_fkey" FOREIGN KEY ("practiceId", "sessionId") REFERENCES "CountSession"("practiceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CountParticipant" ADD CONSTRAINT "CountParticipant_practiceId_clientId_fkey" FOREIGN KEY ("practiceId", "clientId") REFERENCES "SyncClient"("practiceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ───────────── raw SQL that schema.prisma cannot express ─────────────

-- The stock a device saw when it counted is never negative, nor is what it counted or what the server held.
ALTER TABLE "CountLine" ADD CONSTRAINT "CountLine_onHandAtPush_nonnegative" CHECK ("onHandAtPush" >= 0);
-- A session's recount threshold is one of units or percent, each positive.
ALTER TABLE "CountSession" ADD CONSTRAINT "CountSession_recount_threshold_valid" CHECK (
  ("recountThresholdUnits" IS NULL OR "recountThresholdUnits" > 0) AND ("recountThresholdPct" IS NULL OR "recountThresholdPct" > 0)
  AND ("recountThresholdUnits" IS NULL OR "recountThresholdPct" IS NULL));

-- The new tenant table gets the same wall as the others (see 20261125150000_row_level_security).
ALTER TABLE "CountParticipant" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CountParticipant" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "CountParticipant" USING ("practiceId" = app_practice_id()) WITH CHECK ("practiceId" = app_practice_id());

-- Default privileges cover new tables only when the same user migrates; grant explicitly as well.
DO $$
DECLARE r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['venzory_app', 'venzory_system'] LOOP
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON "CountParticipant" TO %I', r);
    END IF;
  END LOOP;
END $$;
