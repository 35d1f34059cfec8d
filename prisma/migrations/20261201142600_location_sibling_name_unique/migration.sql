-- Two active locations under the same parent (or both at the top) cannot share a name
-- (shared/locations/rules.ts assertSiblingNameFree: spaces around and letter case do not count; archived
-- siblings do not hold their name). The mutators check this under the practice's version lock; this
-- index is the database's own guarantee, so no path that skips the check can store a second "Fridge".
-- COALESCE puts every top-level location under one key (NULLs are otherwise distinct in a unique index).
-- lower(btrim()) is never stricter than the shared rule, so it refuses nothing the rule allows.
CREATE UNIQUE INDEX "Location_sibling_name_key" ON "Location" (
  "practiceId",
  COALESCE("parentId", '00000000-0000-0000-0000-000000000000'::uuid),
  lower(btrim("name"))
) WHERE NOT "archived";
