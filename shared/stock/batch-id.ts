/**
 * A batch's id is derived from (item, lot): a name-based UUID (RFC 9562 version 5 layout, SHA-1 of the
 * item id and the lot). Two tablets that receive the same lot while offline create the same batch, so
 * their pushes converge on one row instead of clashing on the (item, lot) unique key, and the stock
 * each one booked into "its" batch lands in the same place. The server recomputes it and refuses others.
 */
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/** The lot as stored and compared: surrounding spaces never make a different lot. */
export function normaliseLot(lot: string): string {
  return lot.trim();
}

export async function batchIdFor(itemId: string, lot: string): Promise<string> {
  const data = new TextEncoder().encode(`venzory-batch:${itemId.toLowerCase()}:${normaliseLot(lot)}`);
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest("SHA-1", data)).slice(0, 16);
  digest[6] = (digest[6]! & 0x0f) | 0x50; // version 5
  digest[8] = (digest[8]! & 0x3f) | 0x80; // RFC variant
  const h = hex(digest);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
