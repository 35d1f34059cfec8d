/**
 * A camera sees the same code in frame after frame: a read counts once until the same text has not been
 * seen for `windowMs`. Every sighting extends the window, so a code held in view is read once, and read
 * again only after it left the view (or the window passed since it was last seen).
 */
export function createDeduper(windowMs = 1500) {
  const lastSeen = new Map<string, number>();
  return {
    /** True when `text` is a new read at `now` (ms), false when it repeats a read within the window. */
    accept(text: string, now: number): boolean {
      const previous = lastSeen.get(text);
      lastSeen.set(text, now);
      // Forget old entries so the map stays small in a long scanning session.
      for (const [key, at] of lastSeen) if (now - at > windowMs) lastSeen.delete(key);
      return previous === undefined || now - previous > windowMs;
    },
    reset(): void {
      lastSeen.clear();
    },
  };
}
