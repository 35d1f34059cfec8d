/** The auth feature's surface for other features: who is signed in, and the offline identity cache. */
export { loadCachedIdentity, saveCachedIdentity, type Identity } from "./identity.js";
