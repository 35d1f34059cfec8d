import { useSyncExternalStore } from "react";

/** Below this width the stock form opens under the row that asked for it (tablet portrait), not beside the list. */
const NARROW = "(max-width: 899px)";

export function useNarrow(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const mq = window.matchMedia(NARROW);
      mq.addEventListener("change", onChange);
      return () => mq.removeEventListener("change", onChange);
    },
    () => window.matchMedia(NARROW).matches,
    () => false,
  );
}
