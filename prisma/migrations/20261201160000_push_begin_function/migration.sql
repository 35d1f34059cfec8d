-- The start of every push chunk as ONE statement: scope the transaction to the practice for row-level
-- security, lock the client's row (two pushes of one client take turns) and, when the chunk holds the
-- client's next seq, take the practice's next version (the practice lock, sync/versions.ts). These were
-- three round trips, the last two under locks other tablets wait on. The context is set first, local to
-- the caller's transaction, so the reads after it run under the practice's policies. SECURITY INVOKER
-- (the default): the caller's role and policies apply, as they did to the three statements.
-- No row comes back for a client id unknown in this practice (new, or another practice's: the caller
-- inserts, or refuses).
CREATE OR REPLACE FUNCTION app_push_begin(practice_id uuid, client_id uuid, seqs integer[])
RETURNS TABLE ("practiceId" text, "userId" text, "lastSeq" integer, "version" bigint)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  c record;
  v bigint;
BEGIN
  PERFORM set_config('app.current_practice_id', practice_id::text, true);
  SELECT sc."practiceId", sc."userId", sc."lastSeq" INTO c FROM "SyncClient" sc WHERE sc."id" = client_id FOR UPDATE;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF c."practiceId" = practice_id AND (c."lastSeq" + 1) = ANY(seqs) THEN
    UPDATE "PracticeVersion" pv SET "version" = pv."version" + 1 WHERE pv."practiceId" = practice_id RETURNING pv."version" INTO v;
  END IF;
  RETURN QUERY SELECT c."practiceId"::text, c."userId"::text, c."lastSeq", v;
END
$$;
