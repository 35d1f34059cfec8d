import { useState, type FormEvent } from "react";
import type { LocationRow } from "../../../shared/protocol/entities.js";
import { errorMessage } from "../../ui/format.js";
import { FormError } from "../../ui/FormError.js";
import { useLocationActions } from "./data.js";
import { ParentSelect } from "./ParentSelect.js";
import type { LocationNode } from "./tree.js";

interface Props {
  location: LocationRow;
  mode: "rename" | "move";
  tree: readonly LocationNode[];
  onDone: () => void;
}

/** Inline rename or move form under a tree node. Shared rules (e.g. no cycles) report through it. */
export function LocationEditor({ location, mode, tree, onDone }: Props) {
  const { rename, move } = useLocationActions();
  const [name, setName] = useState(location.name);
  const [parentId, setParentId] = useState<string | null>(location.parentId);
  const [error, setError] = useState<string | null>(null);
  const fieldId = `${mode}-${location.id}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      if (mode === "rename") await rename(location.id, name);
      else await move(location.id, parentId);
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <form className="inline-form" onSubmit={submit}>
      <label htmlFor={fieldId}>{mode === "rename" ? "New name" : "Move inside"}</label>
      {mode === "rename" ? (
        <input id={fieldId} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required autoFocus autoComplete="off" />
      ) : (
        <ParentSelect id={fieldId} tree={tree} value={parentId} onChange={setParentId} exclude={location.id} />
      )}
      <button type="submit">{mode === "rename" ? "Save" : "Move"}</button>
      <button type="button" className="secondary" onClick={onDone}>
        Cancel
      </button>
      <FormError message={error} />
    </form>
  );
}
