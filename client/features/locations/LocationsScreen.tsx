import { useState } from "react";
import { useCan } from "../../app/replicaContext.js";
import { CreateLocationForm } from "./CreateLocationForm.js";
import type { LocationRow } from "../../../shared/protocol/entities.js";
import { errorMessage } from "../../ui/format.js";
import { useLocationActions, useLocationTree } from "./data.js";
import { LocationTreeView } from "./LocationTreeView.js";

/** The location tree with create / rename / move / archive. */
export function LocationsScreen() {
  const [showArchived, setShowArchived] = useState(false);
  const tree = useLocationTree(showArchived);
  const activeTree = useLocationTree(false);
  const canManage = useCan("locations.manage");
  const { unarchive } = useLocationActions();
  // The last archive, undoable from here (the archived row itself leaves the list unless archived are shown).
  const [archived, setArchived] = useState<LocationRow | null>(null);
  const [undoError, setUndoError] = useState<string | null>(null);

  async function undo(location: LocationRow) {
    try {
      await unarchive(location.id);
      setArchived(null);
      setUndoError(null);
    } catch (err) {
      setUndoError(errorMessage(err));
    }
  }

  return (
    <section className="screen" aria-labelledby="locations-title">
      <div className="screen-header">
        <h1 id="locations-title">Locations</h1>
        <label className="checkbox">
          <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
          Show archived
        </label>
      </div>
      {archived && (
        <p className="form-success" role="status">
          “{archived.name}” archived.{" "}
          <button type="button" className="link-button" onClick={() => void undo(archived)}>
            Undo
          </button>
          {undoError && <span className="form-error"> {undoError}</span>}
        </p>
      )}
      {!tree || !activeTree ? (
        <p className="page-status">Loading…</p>
      ) : tree.length === 0 ? (
        <p className="page-status">No locations yet{canManage ? ": add the first one below." : "."}</p>
      ) : (
        <LocationTreeView tree={tree} onArchived={setArchived} />
      )}
      {canManage && activeTree && <CreateLocationForm tree={activeTree} />}
    </section>
  );
}
