import { useState, type FormEvent } from "react";
import { errorMessage } from "../../ui/format.js";
import { FormError } from "../../ui/FormError.js";
import { useLocationActions } from "./data.js";
import { ParentSelect } from "./ParentSelect.js";
import type { LocationNode } from "./tree.js";

/** "Add location": name and optional parent. */
export function CreateLocationForm({ tree }: { tree: readonly LocationNode[] }) {
  const { create } = useLocationActions();
  const [name, setName] = useState("");
  const [parentId, setParentId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await create(name, parentId);
      setName("");
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <form className="card form-grid" onSubmit={submit} aria-labelledby="new-location-title">
      <h2 id="new-location-title">Add a location</h2>
      <label htmlFor="new-location-name">Name</label>
      <input id="new-location-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required autoComplete="off" />
      <label htmlFor="new-location-parent">Inside</label>
      <ParentSelect id="new-location-parent" tree={tree} value={parentId} onChange={setParentId} />
      <FormError message={error} />
      <div className="form-actions">
        <button type="submit">Add location</button>
      </div>
    </form>
  );
}
