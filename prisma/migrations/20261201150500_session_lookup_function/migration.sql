-- The session check every API request makes, as ONE statement. It reads under the user's own
-- row-level-security context (own_sessions, own_user, own_memberships, member_practices), which used to
-- cost four round trips: BEGIN, set_config, the read, COMMIT. Inside this function the context is set
-- first (local to the caller's transaction: the statement's own when called on its own), then the read
-- runs as its own statement, so the policies see it. SECURITY INVOKER (the default): it reads only what
-- the caller's role may read, exactly as the four statements did.
CREATE OR REPLACE FUNCTION app_load_session(session_id uuid, user_id uuid)
RETURNS TABLE (
  "id" text, "userId" text, "practiceId" text, "revoked" boolean, "expiresAtMs" float8, "lastSeenAtMs" float8,
  "email" text, "name" text, "tokenVersion" integer, "disabled" boolean, "practiceName" text, "role" text
)
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
BEGIN
  PERFORM set_config('app.current_user_id', user_id::text, true);
  RETURN QUERY
    SELECT s."id"::text, s."userId"::text, s."practiceId"::text,
           s."revokedAt" IS NOT NULL,
           (extract(epoch FROM s."expiresAt") * 1000)::float8,
           (extract(epoch FROM s."lastSeenAt") * 1000)::float8,
           u."email"::text, u."name"::text, u."tokenVersion", u."disabledAt" IS NOT NULL,
           p."name"::text, m."role"::text
    FROM "Session" s
    JOIN "User" u ON u."id" = s."userId"
    LEFT JOIN "Membership" m ON m."practiceId" = s."practiceId" AND m."userId" = s."userId"
    LEFT JOIN "Practice" p ON p."id" = m."practiceId"
    WHERE s."id" = session_id;
END
$$;
