import { useEffect, useRef } from "react";
import { GS } from "../../shared/gs1/index.js";
import { createWedgeDetector, type WedgeOptions } from "./wedge.js";

/**
 * Listens on the whole document while the screen is open: a hardware scanner's burst (fast keys ended
 * by Enter or Tab) calls `onScan` with the text, whether a scan field has focus or nothing does. The
 * terminator is swallowed so it neither submits a form nor moves focus; slow typing passes untouched.
 */
export function useKeyboardWedge(onScan: (text: string) => void, options: WedgeOptions & { enabled?: boolean } = {}): void {
  const callback = useRef(onScan);
  useEffect(() => {
    callback.current = onScan;
  });
  const { enabled = true, minLength, maxGapMs } = options;
  useEffect(() => {
    if (!enabled) return;
    const detector = createWedgeDetector({ minLength, maxGapMs });
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.isComposing || e.metaKey) return;
      // Scanners set up to send FNC1 as the GS control character type it as Ctrl+].
      const key = e.ctrlKey ? (e.key === "]" ? GS : null) : e.key;
      if (key === null) return;
      const text = detector.feed({ key, at: e.timeStamp });
      if (text !== null) {
        e.preventDefault();
        e.stopPropagation();
        callback.current(text);
      }
    };
    document.addEventListener("keydown", onKeyDown, true);
    return () => document.removeEventListener("keydown", onKeyDown, true);
  }, [enabled, minLength, maxGapMs]);
}
