import type { Identity } from "../../../shared/api/identity.js";

/** Who is signed in, as /api/auth/login and /api/me describe it (the shared contract's answer). */
export type { Identity };

const STORAGE_KEY = "venzory.identity";

/**
 * The identity of the last sign-in, for starting offline. Not a credential: the cookie is. Its schema
 * (zod) is loaded when needed: the first screen's script carries no validation library.
 */
export async function loadCachedIdentity(storage: Storage): Promise<Identity | null> {
  try {
    const raw = storage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const { identity: identitySchema } = await import("../../../shared/api/identity.js");
    const parsed = identitySchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Remembers (or with null, forgets) the signed-in identity. */
export function saveCachedIdentity(storage: Storage, identity: Identity | null): void {
  try {
    if (identity) storage.setItem(STORAGE_KEY, JSON.stringify(identity));
    else storage.removeItem(STORAGE_KEY);
  } catch {
    // Storage full or disabled: offline start will not work, everything else does.
  }
}
