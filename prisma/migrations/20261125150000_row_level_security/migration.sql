-- Row-level security: the database's own wall between practices, behind the application's. Forced, so
-- even the owning role obeys it (only superusers and BYPASSRLS roles do not).
-- Policies read the practice (and, for a user's own rows, the user) that each transaction sets with
-- set_config('app.current_practice_id' / 'app.current_user_id', …, true). With neither set a
-- restricted role sees nothing.
--
-- Roles: venzory_app (what the API connects as: no superuser, no BYPASSRLS) and venzory_system
-- (cross-tenant jobs: outbox relay, email worker, platform owner console; BYPASSRLS). Creating roles
-- needs CREATEROLE; where the migrating user lacks it, an operator creates them (see docs/operations.md).

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'venzory_app') THEN
    CREATE ROLE venzory_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'venzory_system') THEN
    CREATE ROLE venzory_system LOGIN NOSUPERUSER BYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
EXCEPTION WHEN insufficient_privilege OR duplicate_object THEN
  RAISE NOTICE 'venzory_app / venzory_system not created here (%); create them as an administrator.', SQLERRM;
END $$;

DO $$
DECLARE r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['venzory_app', 'venzory_system'] LOOP
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', r);
      EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', r);
      EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', r);
      EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', r);
      EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO %I', r);
    END IF;
  END LOOP;
END $$;

-- The tenant context of the current transaction (NULL when unset, so comparisons match nothing).
CREATE OR REPLACE FUNCTION app_practice_id() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT NULLIF(current_setting('app.current_practice_id', true), '')::uuid $$;
CREATE OR REPLACE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT NULLIF(current_setting('app.current_user_id', true), '')::uuid $$;

-- Tables owned by one practice.
ALTER TABLE "Batch" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Batch" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Batch" USING ("practiceId" = app_practice_id()) WITH CHECK ("practiceId" = app_practice_id());
ALTER TABLE "CountConflict" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CountConflict" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "CountConflict" USING ("practiceId" = app_practice_id()) WITH CHECK ("practiceId" = app_practice_id());
ALTER TABLE "CountLine" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CountLine" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "CountLine" USING ("practiceId" = app_practice_id()) WITH CHECK ("practiceId" = app_practice_id());
ALTER TABLE "CountSession" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CountSession" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "CountSession" USING ("practiceId" = app_practice_id()) WITH CHECK ("practiceId" = app_practice_id());
ALTER TABLE "GoodsReceipt" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "GoodsReceipt" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "GoodsReceipt" USING ("practiceId" = app_practice_id()) WITH CHECK ("practiceId" = app_practice_id());
ALTER TABLE "GoodsReceiptLine" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "GoodsReceiptLine" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "GoodsReceiptLine" USING ("practiceId" = app_practice_id()) WITH CHECK ("practiceId" = app_practice_id());
ALTER TABLE "Inventory" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Inventory" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Inventory" USING ("practiceId" = app_practice_id()) WITH CHECK ("practiceId" = app_practice_id());
ALTER TABLE "Invite" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Invite" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Invite" USING ("practiceId" = app_practice_id()) WITH CHECK ("practiceId" = app_practice_id());
ALTER TABLE "Item" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Item" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Item" USING ("practiceId" = app_practice_id()) WITH CHECK ("practiceId" = app_practice_id());
ALTER TABLE "Location" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Location" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Location" USING ("practiceId" = app_practice_id()) WITH CHECK ("practiceId" = app_practice_id());
ALTER TABLE "MutationResult" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "MutationResult" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "MutationResult" USING ("practiceId" = app_practice_id()) WITH CHECK ("practiceId" = app_practice_id());
ALTER TABLE "Order" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Order" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Order" USING ("practiceId" = app_practice_id()) WITH CHECK ("practiceId" = app_practice_id());
ALTER TABLE "OrderItem" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "OrderItem" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "OrderItem" USING ("practiceId" = app_practice_id()) WITH CHECK ("practiceId" = app_practice_id());
ALTER TABLE "OrderTemplate" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "OrderTemplate" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "OrderTemplate" USING ("practiceId" = app_practice_id()) WITH CHECK ("practiceId" = app_practice_id());
ALTER TABLE "OrderTemplateItem" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "OrderTemplateItem" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "OrderTemplateItem" USING ("practiceId" = app_practice_id()) WITH CHECK ("practiceId" = app_practice_id());
ALTER TABLE "PracticeSupplier" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "PracticeSupplier" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "PracticeSupplier" USING ("practiceId" = app_practice_id()) WITH CHECK ("practiceId" = app_practice_id());
ALTER TABLE "PracticeSupplierItem" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "PracticeSupplierItem" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "PracticeSupplierItem" USING ("practiceId" = app_practice_id()) WITH CHECK ("practiceId" = app_practice_id());
ALTER TABLE "PracticeVersion" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "PracticeVersion" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "PracticeVersion" USING ("practiceId" = app_practice_id()) WITH CHECK ("practiceId" = app_practice_id());
ALTER TABLE "StockAdjustment" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "StockAdjustment" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "StockAdjustment" USING ("practiceId" = app_practice_id()) WITH CHECK ("practiceId" = app_practice_id());
ALTER TABLE "StockMovement" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "StockMovement" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "StockMovement" USING ("practiceId" = app_practice_id()) WITH CHECK ("practiceId" = app_practice_id());
ALTER TABLE "SyncClient" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "SyncClient" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "SyncClient" USING ("practiceId" = app_practice_id()) WITH CHECK ("practiceId" = app_practice_id());
ALTER TABLE "Tombstone" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Tombstone" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Tombstone" USING ("practiceId" = app_practice_id()) WITH CHECK ("practiceId" = app_practice_id());
ALTER TABLE "Transfer" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Transfer" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Transfer" USING ("practiceId" = app_practice_id()) WITH CHECK ("practiceId" = app_practice_id());

-- The practice row itself.
ALTER TABLE "Practice" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Practice" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Practice" USING ("id" = app_practice_id()) WITH CHECK ("id" = app_practice_id());
-- A user sees the names of the practices they belong to (to choose one).
CREATE POLICY member_practices ON "Practice" FOR SELECT USING (EXISTS (SELECT 1 FROM "Membership" m WHERE m."practiceId" = "Practice"."id" AND m."userId" = app_user_id()));

-- Memberships: the practice sees its members; a user sees their own memberships (to pick a practice).
ALTER TABLE "Membership" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Membership" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Membership" USING ("practiceId" = app_practice_id()) WITH CHECK ("practiceId" = app_practice_id());
CREATE POLICY own_memberships ON "Membership" FOR SELECT USING ("userId" = app_user_id());

-- Sessions belong to their user; a practice also sees the sessions bound to it (removing a member ends them).
ALTER TABLE "Session" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Session" FORCE ROW LEVEL SECURITY;
CREATE POLICY own_sessions ON "Session" USING ("userId" = app_user_id()) WITH CHECK ("userId" = app_user_id());
CREATE POLICY practice_sessions ON "Session" USING ("practiceId" = app_practice_id()) WITH CHECK ("practiceId" = app_practice_id());

-- Audit rows and emails may also belong to no practice (a failed sign-in, a sign-up email): those can
-- be written from any context but read by none.
ALTER TABLE "AuditLog" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AuditLog" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_read ON "AuditLog" FOR SELECT USING ("practiceId" = app_practice_id());
CREATE POLICY tenant_write ON "AuditLog" FOR INSERT WITH CHECK ("practiceId" IS NULL OR "practiceId" = app_practice_id());
ALTER TABLE "EmailOutbox" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "EmailOutbox" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "EmailOutbox" USING ("practiceId" = app_practice_id()) WITH CHECK ("practiceId" = app_practice_id());
CREATE POLICY practice_less_write ON "EmailOutbox" FOR INSERT WITH CHECK ("practiceId" IS NULL);

