/**
 * When a first visit installs the service worker. Installing downloads and caches every screen for
 * offline use: on a new tablet about 3.5 s of requests and cache writes to the same server and storage
 * as signing in and the first sync, which it slowed by 1.5 s or more for a 10,000-item practice. So a
 * page that no worker controls yet installs it `settleMs` after a first sync is done (`hold` covers
 * each sync; the screens re-read the new replica first: the dashboard's totals over 60,000 stock rows
 * became a 230–250 ms task with the install under way beside them), or `afterMs` after load if it is
 * not syncing then (a device left at the login screen still gets it), and `atMostMs` after load whatever
 * happens (a sync whose request never answers holds nothing for ever). Until then the app works online
 * as it does without a worker; offline it needs the replica anyway.
 */
export interface FirstInstallGate {
  /** Holds the install while a sync runs; the returned release (idempotent) lets it start. */
  hold(): () => void;
}

export function firstInstallGate(
  install: () => void,
  { afterMs, settleMs, atMostMs }: { afterMs: number; settleMs: number; atMostMs: number },
  setTimer: (fn: () => void, ms: number) => unknown = (fn, ms) => setTimeout(fn, ms),
): FirstInstallGate {
  let holds = 0;
  let installed = false;
  const installNow = () => {
    if (installed) return;
    installed = true;
    install();
  };
  const installIfFree = () => holds === 0 && installNow();
  setTimer(installIfFree, afterMs);
  setTimer(installNow, atMostMs);
  return {
    hold() {
      holds++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holds--;
        if (holds === 0) setTimer(installIfFree, settleMs);
      };
    },
  };
}
