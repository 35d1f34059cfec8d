-- Account tables belong to the system role. Password hashes (User, SignupRequest) and emailed tokens
-- (AuthToken) were readable by the application role venzory_app in any context: these tables had no
-- row-level security and the blanket grant of the previous migration covered them.
--
-- Now: sign-in, sign-up, magic links, password resets and invitations run on the system connection
-- (venzory_system, BYPASSRLS). The application role keeps only what a signed-in request needs:
--   * its own user (session check: token version, disabled, name, email; "sign out everywhere" bumps
--     the token version), by app.current_user_id;
--   * the users who are members of the current practice (member list, inviter's name; a role change or
--     removal bumps the member's token version), by app.current_practice_id;
-- and never the password hash (column privileges), never an INSERT or DELETE.

DO $$
BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'venzory_app') THEN
    REVOKE ALL ON "SignupRequest", "AuthToken" FROM venzory_app;
    REVOKE ALL ON "User" FROM venzory_app;
    GRANT SELECT ("id", "email", "name", "tokenVersion", "disabledAt", "createdAt", "updatedAt") ON "User" TO venzory_app;
    GRANT UPDATE ("tokenVersion", "updatedAt") ON "User" TO venzory_app;
  END IF;
END $$;

-- Forced like every other table: with no policy for them, a role without BYPASSRLS sees no row even
-- if a later blanket grant gives it the table again.
ALTER TABLE "SignupRequest" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "SignupRequest" FORCE ROW LEVEL SECURITY;
ALTER TABLE "AuthToken" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AuthToken" FORCE ROW LEVEL SECURITY;

ALTER TABLE "User" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "User" FORCE ROW LEVEL SECURITY;
CREATE POLICY own_user ON "User" USING ("id" = app_user_id()) WITH CHECK ("id" = app_user_id());
CREATE POLICY practice_members ON "User"
  USING (EXISTS (SELECT 1 FROM "Membership" m WHERE m."userId" = "User"."id" AND m."practiceId" = app_practice_id()))
  WITH CHECK (EXISTS (SELECT 1 FROM "Membership" m WHERE m."userId" = "User"."id" AND m."practiceId" = app_practice_id()));
