-- app_push_begin for a turn of several pushes of one practice committed together (sync/group-commit.ts):
-- scope the transaction to the practice, lock every client's row, and take the practice's next version
-- once when any of them holds its client's next seq. One round trip for the whole turn.
-- The rows are locked in id order, so two turns (on two server instances) that share clients lock them
-- in the same order, before the practice lock, as app_push_begin does. A client id unknown in this
-- practice (new, or another practice's: invisible under row-level security) returns no row; the caller
-- then applies each push on its own. SECURITY INVOKER (the default), as app_push_begin.
-- next_clients/next_seqs: one pair per mutation of the turn (the client id repeated per seq).
CREATE OR REPLACE FUNCTION app_push_begin_group(practice_id uuid, client_ids uuid[], next_clients uuid[], next_seqs integer[])
RETURNS TABLE ("clientId" text, "practiceId" text, "userId" text, "lastSeq" integer, "version" bigint)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v bigint;
BEGIN
  PERFORM set_config('app.current_practice_id', practice_id::text, true);
  PERFORM 1 FROM "SyncClient" sc WHERE sc."id" = ANY(client_ids) ORDER BY sc."id" FOR UPDATE;
  IF EXISTS (
    SELECT 1 FROM "SyncClient" sc JOIN unnest(next_clients, next_seqs) AS s("id", "seq") ON s."id" = sc."id"
    WHERE sc."practiceId" = practice_id AND s."seq" = sc."lastSeq" + 1
  ) THEN
    UPDATE "PracticeVersion" pv SET "version" = pv."version" + 1 WHERE pv."practiceId" = practice_id RETURNING pv."version" INTO v;
  END IF;
  RETURN QUERY
    SELECT sc."id"::text, sc."practiceId"::text, sc."userId"::text, sc."lastSeq", v
    FROM "SyncClient" sc WHERE sc."id" = ANY(client_ids);
END
$$;
