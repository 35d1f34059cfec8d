import { useEffect, useState } from "react";
import { errorMessage } from "../../ui/format.js";
import { useOnline } from "../../ui/useOnline.js";
import { searchDirectory, useLinkedDirectoryIds, type DirectorySupplier } from "./data.js";
import "./suppliers.css";

/**
 * Search the shared supplier directory while adding a supplier; picking an entry links the new account
 * to it and pre-fills the form. Online only (the directory is not replicated): offline it says so, and
 * the supplier can still be added by hand.
 */
export function DirectoryPicker({
  picked,
  onPick,
}: {
  picked: DirectorySupplier | null;
  onPick: (entry: DirectorySupplier | null) => void;
}) {
  const online = useOnline();
  const linked = useLinkedDirectoryIds();
  const [q, setQ] = useState("");
  // The answer is kept with the search it answers, so a stale one (or one for a cleared field) is not shown.
  const [answer, setAnswer] = useState<{ term: string; found: DirectorySupplier[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const term = q.trim();
  const searching = online && term.length >= 2;
  const results = searching && answer?.term === term ? answer.found : null;

  useEffect(() => {
    if (!searching) return;
    let current = true;
    // Waits for a pause in typing: one request per search, not per key.
    const timer = setTimeout(() => {
      searchDirectory(term).then(
        (found) => current && (setAnswer({ term, found }), setError(null)),
        (err: unknown) => current && setError(errorMessage(err)),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [term, searching]);

  if (picked) {
    return (
      <div className="directory-picked" role="status">
        <span>
          Linked to <strong>{picked.name}</strong> in the supplier directory.
        </span>
        <button type="button" className="secondary" onClick={() => onPick(null)}>
          Unlink
        </button>
      </div>
    );
  }
  return (
    <div className="directory-picker">
      <label htmlFor="directory-search">Find in the supplier directory</label>
      <input
        id="directory-search"
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder={online ? "Type at least 2 letters of the name" : "Offline: the directory needs a connection"}
        disabled={!online}
        autoComplete="off"
        maxLength={100}
      />
      {error && <p className="form-error">{error}</p>}
      {results && results.length === 0 && <p className="muted">No directory supplier matches; fill in the details below.</p>}
      {results && results.length > 0 && (
        <ul className="directory-results" aria-label="Directory suppliers">
          {results.map((entry) => {
            const added = linked?.has(entry.id) === true;
            return (
              <li key={entry.id}>
                <button type="button" className="directory-result" onClick={() => onPick(entry)} disabled={added}>
                  <span className="directory-name">{entry.name}</span>
                  {entry.website && <span className="muted">{entry.website}</span>}
                  {added && <span className="badge badge-muted">already added</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
