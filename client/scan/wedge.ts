/**
 * Hardware scanners (USB or Bluetooth, acting as a keyboard) type a code far faster than a person and end
 * it with Enter or Tab. A burst of at least `minLength` characters whose typical (median) gap between
 * keys is at most `maxGapMs`, followed by a terminator, is a scan. The median, not every gap: Bluetooth
 * links and busy tablets deliver a few keys late (a gap of 100-250 ms was seen at the start of a burst on
 * a loaded machine), while a person's median gap stays far above 30 ms. A pause longer than `resetGapMs`
 * starts a new burst. Pure logic, fed key by key; useKeyboardWedge wires it to the document.
 */
export interface WedgeOptions {
  minLength?: number;
  maxGapMs?: number;
  resetGapMs?: number;
}

export interface WedgeKey {
  /** KeyboardEvent.key: a single character, or "Enter" / "Tab". */
  key: string;
  /** Event time in ms. */
  at: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function createWedgeDetector({ minLength = 6, maxGapMs = 30, resetGapMs = 300 }: WedgeOptions = {}) {
  let buffer = "";
  let gaps: number[] = [];
  let lastAt = -Infinity;
  const clear = () => {
    buffer = "";
    gaps = [];
  };
  return {
    /**
     * Feeds one key. Returns the scanned text when `key` ends a scanner burst, else null. A terminator
     * after a pause, or after too few or too slow characters, ends nothing (a person pressing Enter).
     */
    feed({ key, at }: WedgeKey): string | null {
      const gap = at - lastAt;
      lastAt = at;
      if (key === "Enter" || key === "Tab") {
        const text = buffer;
        const typical = gaps.length ? median(gaps) : Infinity;
        clear();
        return text.length >= minLength && gap <= resetGapMs && typical <= maxGapMs ? text : null;
      }
      if (key.length !== 1) {
        // Shift and other modifiers arrive between characters; they neither add nor break a burst.
        if (key !== "Shift" && key !== "Control" && key !== "Alt") clear();
        return null;
      }
      if (gap > resetGapMs || buffer === "") {
        buffer = key;
        gaps = [];
      } else {
        buffer += key;
        gaps.push(gap);
      }
      return null;
    },
    reset(): void {
      clear();
      lastAt = -Infinity;
    },
  };
}
