import { useState, type FormEvent } from "react";
import { practiceUpdateDetails } from "../../../shared/accounts/mutations.js";
import { useCan, useMutate } from "../../app/replicaContext.js";
import { FormError } from "../../ui/FormError.js";
import { describeError } from "../../api/describeError.js";
import { useStillQueued } from "../sync/data.js";

/**
 * The practice's name and address (admins). The server has no read of the address yet, so an empty
 * address field leaves the stored one unchanged.
 */
export function PracticeDetailsForm({ practiceName }: { practiceName: string }) {
  const canManage = useCan("practice.manage");
  const mutate = useMutate();
  const [name, setName] = useState(practiceName);
  const [address, setAddress] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [queuedId, setQueuedId] = useState<string | null>(null);
  const sending = useStillQueued(queuedId);
  if (!canManage) return null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setQueuedId(null);
    try {
      const entry = await mutate(practiceUpdateDetails, { name, ...(address.trim() ? { addressLine: address } : {}) });
      setQueuedId(entry.id);
    } catch (err) {
      setError(describeError(err));
    }
  }

  return (
    <form className="card form-grid" onSubmit={(e) => void submit(e)} aria-labelledby="details-title">
      <h2 id="details-title">Practice details</h2>
      <label htmlFor="details-name">Practice name</label>
      <input id="details-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
      <label htmlFor="details-address">Address</label>
      <input
        id="details-address"
        autoComplete="street-address"
        value={address}
        onChange={(e) => setAddress(e.target.value)}
        maxLength={300}
      />
      <FormError message={error} />
      {queuedId && (
        <p className="form-success" role="status">
          {sending ? "Saving… (sent when online)" : "Saved. Other devices show the new name after their next sign-in."}
        </p>
      )}
      <div className="form-actions">
        <button type="submit">Save details</button>
      </div>
    </form>
  );
}
