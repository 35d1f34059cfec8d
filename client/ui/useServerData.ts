import { useCallback, useEffect, useState } from "react";

export type ServerData<T> = { status: "loading" } | { status: "ready"; data: T } | { status: "error"; error: unknown };

/**
 * Loads server-only data (members, onboarding, sessions…) that the replica does not hold. `reload`
 * fetches again and keeps showing the previous answer meanwhile.
 */
export function useServerData<T>(load: () => Promise<T>): { state: ServerData<T>; reload: () => void } {
  const [state, setState] = useState<ServerData<T>>({ status: "loading" });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ status: "ready", data }),
      (error: unknown) => live && setState({ status: "error", error }),
    );
    return () => {
      live = false;
    };
  }, [load, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  // Others change these too (a colleague accepts an invitation): read again when the user comes back.
  useEffect(() => {
    window.addEventListener("focus", reload);
    return () => window.removeEventListener("focus", reload);
  }, [reload]);
  return { state, reload };
}
