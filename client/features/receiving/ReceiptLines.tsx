/**
 * The packs taken so far, one card per item and lot: lot and expiry editable, accepted and damaged packs
 * on large steppers (gloved hands), a reason for damaged or rejected packs, the short-dated flag.
 */
import type { ItemRow } from "../../../shared/protocol/entities.js";
import type { LotExpiryCheck } from "../../../shared/receiving/short-dated.js";
import { Badge } from "../../ui/Badge.js";
import type { DraftLine } from "./receipt.js";

export const DAMAGE_REASONS = ["Damaged in transit", "Expired or too short-dated", "Wrong item or pack size", "Cold chain broken", "Other"];

interface Props {
  lines: readonly DraftLine[];
  items: ReadonlyMap<string, ItemRow>;
  /** A receipt against an order: lines not on it say so. */
  againstOrder: boolean;
  problems: ReadonlyMap<string, string>;
  expiry: ReadonlyMap<string, LotExpiryCheck>;
  onChange: (line: DraftLine) => void;
  onRemove: (lineId: string) => void;
}

function ExpiryFlag({ check }: { check: LotExpiryCheck | undefined }) {
  if (!check?.flag) return null;
  const text =
    check.flag === "EXPIRED"
      ? `Expired ${check.expiryDate}`
      : `Short-dated: expires ${check.expiryDate} (${check.daysLeft === 0 ? "today" : `in ${check.daysLeft} days`})`;
  return (
    <p className="notice receipt-flag" data-testid="short-dated" data-flag={check.flag} role="status">
      {text}. Accept it only if it will be used in time, or reject it below.
    </p>
  );
}

function Stepper({
  label,
  value,
  onDown,
  onUp,
  onSet,
}: {
  label: string;
  value: number;
  onDown: () => void;
  onUp: () => void;
  onSet: (n: number) => void;
}) {
  return (
    <div className="stepper" role="group" aria-label={label}>
      <span className="stepper-label">{label}</span>
      <button type="button" className="secondary" aria-label={`${label}: one less`} onClick={onDown} disabled={value <= 0}>
        −
      </button>
      <input
        aria-label={label}
        inputMode="numeric"
        value={String(value)}
        onChange={(e) => {
          const n = Number(e.target.value.replace(/\D/g, "") || "0");
          if (Number.isSafeInteger(n)) onSet(n);
        }}
      />
      <button type="button" className="secondary" aria-label={`${label}: one more`} onClick={onUp}>
        +
      </button>
    </div>
  );
}

export function ReceiptLines({ lines, items, againstOrder, problems, expiry, onChange, onRemove }: Props) {
  if (lines.length === 0)
    return <p className="muted">Nothing received yet: scan a pack, or tap + beside an order line, or add an item below.</p>;
  return (
    <ol className="receipt-lines">
      {lines.map((line) => {
        const item = items.get(line.itemId);
        const name = item?.name ?? "Unknown item";
        const set = (patch: Partial<DraftLine>) => onChange({ ...line, ...patch });
        const problem = problems.get(line.id);
        return (
          <li
            key={line.id}
            className="card receipt-line"
            data-testid="receipt-line"
            data-item-id={line.itemId}
            data-lot={line.lot}
            data-accepted={line.accepted}
            data-damaged={line.damaged}
          >
            <div className="receipt-line-head">
              <h3>
                {name}
                {againstOrder && line.orderItemId === null && <Badge tone="warning">not on the order</Badge>}
                {item?.batchTracked && <Badge tone="muted">batch-tracked</Badge>}
              </h3>
              <button
                type="button"
                className="link-button"
                onClick={() => onRemove(line.id)}
                aria-label={`Remove ${name}${line.lot ? ` lot ${line.lot}` : ""}`}
              >
                Remove
              </button>
            </div>
            <div className="receipt-line-fields">
              <label>
                Lot
                <input value={line.lot} onChange={(e) => set({ lot: e.target.value })} autoComplete="off" spellCheck={false} />
              </label>
              <label>
                Expiry
                <input value={line.expiry} onChange={(e) => set({ expiry: e.target.value })} placeholder="YYYY-MM-DD" inputMode="numeric" />
              </label>
            </div>
            <ExpiryFlag check={expiry.get(line.id)} />
            <div className="receipt-line-steppers">
              <Stepper
                label="Accepted"
                value={line.accepted}
                onDown={() => set({ accepted: line.accepted - 1 })}
                onUp={() => set({ accepted: line.accepted + 1 })}
                onSet={(n) => set({ accepted: n })}
              />
              <Stepper
                label="Damaged or rejected"
                value={line.damaged}
                // One pack at a time moves between accepted and damaged: a scanned pack found damaged is not stocked.
                onDown={() => set({ damaged: line.damaged - 1, accepted: line.accepted + 1 })}
                onUp={() => set({ damaged: line.damaged + 1, accepted: Math.max(0, line.accepted - 1) })}
                onSet={(n) => set({ damaged: n })}
              />
            </div>
            {line.damaged > 0 && (
              <label className="receipt-damage">
                Why damaged or rejected (recorded, never put into stock)
                <select
                  value={DAMAGE_REASONS.includes(line.damageReason) ? line.damageReason : line.damageReason ? "Other" : ""}
                  onChange={(e) => set({ damageReason: e.target.value })}
                >
                  <option value="">Choose a reason…</option>
                  {DAMAGE_REASONS.map((r) => (
                    <option key={r}>{r}</option>
                  ))}
                </select>
              </label>
            )}
            {problem && (
              <p className="form-error" data-testid="line-problem">
                {problem}
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
