/**
 * "/scan": scan (camera, hardware scanner or typed) and see what the pack is in this practice: the
 * item for its GTIN, lot and expiry as scanned, and where that lot is held. Two codes on one pack
 * combine into one entry (pack.ts). Reads only the replica, so it works offline.
 */
import { lazy, Suspense, useCallback, useMemo, useRef, useState } from "react";
import type { ScanEvent } from "../../scan/index.js";
import { useNow } from "../../ui/useNow.js";
import { useItemsByGtin } from "./data.js";
import { LotRecall } from "./LotRecall.js";
import { addScan, packFromScan, type Pack } from "./pack.js";
import { PackCard } from "./PackCard.js";
import "./scan.css";

// The scanner (and, inside it, the decoder) is a chunk of its own, shared by every screen that scans.
const Scanner = lazy(() => import("../../scan/index.js").then((m) => ({ default: m.Scanner })));

function symbolOf(scan: ScanEvent): string | undefined {
  if (scan.source !== "camera") return scan.source === "scanner" ? "hardware scanner" : "typed";
  const d = scan.decoded;
  return [d?.symbologyIdentifier, d?.format, d?.contentType].filter(Boolean).join(" · ") || undefined;
}

export function ScanScreen() {
  const [packs, setPacks] = useState<Pack[]>([]);
  const [lot, setLot] = useState("");
  const lotInput = useRef<HTMLInputElement>(null);
  const items = useItemsByGtin(useMemo(() => packs.flatMap((p) => (p.gtin ? [p.gtin] : [])), [packs]));
  const today = useNow(60_000).toISOString().slice(0, 10);

  const onScan = useCallback((scan: ScanEvent) => {
    // A hardware scan into the lot field is a lot to look up, whatever else it says.
    if (scan.source !== "camera" && document.activeElement === lotInput.current) {
      const r = scan.result;
      setLot(r.kind === "gs1" || r.kind === "hibc" ? (r.lot ?? "") : r.kind === "internal" ? r.code : scan.text.trim());
      return;
    }
    setPacks((current) => addScan(current, packFromScan(scan.result, scan.text, symbolOf(scan))));
  }, []);

  const findLot = (value: string) => {
    setLot(value);
    requestAnimationFrame(() => document.getElementById("lot-recall-title")?.scrollIntoView({ block: "start", behavior: "smooth" }));
  };

  return (
    <section className="screen scan-screen" aria-labelledby="scan-title">
      <div className="screen-header">
        <h1 id="scan-title">Scan</h1>
      </div>
      <div className="scan-layout">
        <Suspense fallback={<p className="page-status">Loading the scanner…</p>}>
          <Scanner onScan={onScan} />
        </Suspense>
        <div className="scan-results" aria-live="polite">
          <h2>Scanned packs</h2>
          {packs.length === 0 ? (
            <p className="muted">Point the camera at a barcode, scan with a hardware scanner, or type a code.</p>
          ) : (
            <ol className="pack-list">
              {packs.map((pack, i) => (
                <PackCard
                  key={`${pack.key}:${pack.texts[0]}:${packs.length - i}`}
                  pack={pack}
                  item={pack.gtin ? (items ? (items.get(pack.gtin) ?? null) : undefined) : undefined}
                  today={today}
                  onFindLot={findLot}
                />
              ))}
            </ol>
          )}
        </div>
      </div>
      <LotRecall lot={lot} onLot={setLot} inputRef={lotInput} />
    </section>
  );
}
