import "./sync.css";
import { Link } from "@tanstack/react-router";
import { useLiveQuery } from "dexie-react-hooks";
import { useState, type FormEvent } from "react";
import type { MutationInput, MutationName } from "../../../shared/mutations/index.js";
import { stockAdjust, stockConsume, stockTransfer } from "../../../shared/stock/mutations.js";
import { useMutate, useReplica } from "../../app/replicaContext.js";
import type { NoticeEntry } from "../../replica/db.js";
import { Badge } from "../../ui/Badge.js";
import { errorMessage } from "../../ui/format.js";
import { describeInReplica, type DescribedChange } from "./describeInReplica.js";
import { describeMutation } from "./describeMutation.js";

/**
 * One refused (or conflicting) change: what it was about, why, and what the user can do next: redo a
 * stock movement with another quantity, open the item, or dismiss the notice.
 */
export function NoticeItem({ notice, onDismiss }: { notice: NoticeEntry; onDismiss: (id: string) => void }) {
  const { db } = useReplica();
  const described: DescribedChange = useLiveQuery(() => describeInReplica(db, notice.name, notice.args), [db, notice]) ?? {
    text: describeMutation(notice.name, notice.args),
  };
  const [redoing, setRedoing] = useState(false);
  const canRedo = notice.kind === "rejected" && described.redo;

  return (
    <li data-testid="sync-notice" data-code={notice.code}>
      <div>
        <strong>{described.text}</strong> <Badge tone={notice.kind === "rejected" ? "warning" : "muted"}>{notice.kind}</Badge>
        <p>{notice.message}</p>
        {redoing && canRedo && <RedoForm notice={notice} quantity={described.redo!.quantity} onDone={() => onDismiss(notice.id)} />}
      </div>
      <div className="notice-actions">
        {canRedo && !redoing && (
          <button type="button" className="secondary" onClick={() => setRedoing(true)}>
            Redo with another quantity
          </button>
        )}
        {described.itemId && (
          <Link className="button-link secondary" to="/items/$itemId" params={{ itemId: described.itemId }}>
            Open the item
          </Link>
        )}
        <button type="button" className="secondary" onClick={() => onDismiss(notice.id)}>
          Dismiss
        </button>
      </div>
    </li>
  );
}

/** Queues the same movement again (a new id) with the quantity the user enters, then clears the notice. */
function RedoForm({ notice, quantity, onDone }: { notice: NoticeEntry; quantity: number; onDone: () => void }) {
  const mutate = useMutate();
  const [amount, setAmount] = useState(String(Math.abs(quantity)));
  const [error, setError] = useState<string | null>(null);
  const inputId = `redo-${notice.id}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const n = Number(amount);
    if (!Number.isInteger(n) || n <= 0) return setError("Enter a whole number above 0.");
    const id = crypto.randomUUID();
    // The stored args were validated when queued; mutate() validates them again against the schema.
    const args = <N extends MutationName>() => notice.args as MutationInput<N>;
    try {
      if (notice.name === "stock.adjust") await mutate(stockAdjust, { ...args<"stock.adjust">(), id, quantity: quantity < 0 ? -n : n });
      else if (notice.name === "stock.consume") await mutate(stockConsume, { ...args<"stock.consume">(), id, quantity: n });
      else await mutate(stockTransfer, { ...args<"stock.transfer">(), id, quantity: n });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <form className="redo-form" onSubmit={(e) => void submit(e)}>
      <label htmlFor={inputId}>New quantity</label>
      <input id={inputId} type="number" inputMode="numeric" min={1} value={amount} onChange={(e) => setAmount(e.target.value)} />
      <button type="submit">Redo</button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
