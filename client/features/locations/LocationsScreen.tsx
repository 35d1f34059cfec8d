import { useState } from "react";
import { useCan } from "../../app/replicaContext.js";
import { CreateLocationForm } from "./CreateLocationForm.js";
import { useLocationTree } from "./data.js";
import { LocationTreeView } from "./LocationTreeView.js";

/** The location tree with create / rename / move / archive. */
export function LocationsScreen() {
  const [showArchived, setShowArchived] = useState(false);
  const tree = useLocationTree(showArchived);
  const activeTree = useLocationTree(false);
  const canManage = useCan("locations.manage");

  return (
    <section className="screen" aria-labelledby="locations-title">
      <div className="screen-header">
        <h1 id="locations-title">Locations</h1>
        <label className="checkbox">
          <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
          Show archived
        </label>
      </div>
      {!tree || !activeTree ? (
        <p className="page-status">Loading…</p>
      ) : tree.length === 0 ? (
        <p className="page-status">No locations yet{canManage ? ": add the first one below." : "."}</p>
      ) : (
        <LocationTreeView tree={tree} />
      )}
      {canManage && activeTree && <CreateLocationForm tree={activeTree} />}
    </section>
  );
}
