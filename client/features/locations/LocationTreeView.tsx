import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { useCan } from "../../app/replicaContext.js";
import { shadowKey } from "../../replica/shadows.js";
import { Badge, PendingBadge } from "../../ui/Badge.js";
import { errorMessage } from "../../ui/format.js";
import { FormError } from "../../ui/FormError.js";
import { usePendingRowKeys } from "../sync/data.js";
import { useLocationActions } from "./data.js";
import { LocationEditor } from "./LocationEditor.js";
import type { LocationNode } from "./tree.js";
import type { LocationRow } from "../../../shared/protocol/entities.js";

type Editing = { id: string; mode: "rename" | "move" } | null;

/** The nested location list with per-node actions the role allows. */
export function LocationTreeView({ tree, onArchived }: { tree: readonly LocationNode[]; onArchived: (location: LocationRow) => void }) {
  const [editing, setEditing] = useState<Editing>(null);
  const pendingKeys = usePendingRowKeys();
  return (
    <ul className="tree" aria-label="Locations">
      {tree.map((node) => (
        <TreeNode
          key={node.location.id}
          node={node}
          tree={tree}
          editing={editing}
          setEditing={setEditing}
          pendingKeys={pendingKeys}
          onArchived={onArchived}
        />
      ))}
    </ul>
  );
}

interface NodeProps {
  node: LocationNode;
  tree: readonly LocationNode[];
  editing: Editing;
  setEditing: (e: Editing) => void;
  pendingKeys: ReadonlySet<string>;
  onArchived: (location: LocationRow) => void;
}

function TreeNode({ node, tree, editing, setEditing, pendingKeys, onArchived }: NodeProps) {
  const { location } = node;
  const canManage = useCan("locations.manage");
  const canArchive = useCan("locations.archive");
  const pending = pendingKeys.has(shadowKey("location", location.id));
  const { archive, unarchive } = useLocationActions();
  const [error, setError] = useState<string | null>(null);
  // Archiving asks first (a tap on a tablet is easy to mis-aim), then offers Undo for a while.
  const [confirming, setConfirming] = useState(false);
  const mine = editing?.id === location.id ? editing.mode : null;

  async function run(action: () => Promise<unknown>, after?: () => void) {
    try {
      setError(null);
      await action();
      after?.();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <li data-testid="location-node" data-location-id={location.id}>
      <div className="tree-row">
        <Link to="/locations/$locationId" params={{ locationId: location.id }} className="tree-link">
          {location.name}
        </Link>
        {pending && <PendingBadge />}
        {location.archived && <Badge tone="muted">archived</Badge>}
        {location.archived && canArchive && (
          <span className="row-actions">
            <button
              type="button"
              className="link-button"
              aria-label={`Restore ${location.name}`}
              onClick={() => void run(() => unarchive(location.id))}
            >
              Restore
            </button>
          </span>
        )}
        {!location.archived && !confirming && (
          <span className="row-actions">
            {canManage && (
              <>
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Rename ${location.name}`}
                  onClick={() => setEditing({ id: location.id, mode: "rename" })}
                >
                  Rename
                </button>
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Move ${location.name}`}
                  onClick={() => setEditing({ id: location.id, mode: "move" })}
                >
                  Move
                </button>
              </>
            )}
            {canArchive && (
              <button type="button" className="link-button" aria-label={`Archive ${location.name}`} onClick={() => setConfirming(true)}>
                Archive
              </button>
            )}
          </span>
        )}
      </div>
      {confirming && !location.archived && (
        <div className="inline-form" role="group" aria-label={`Confirm archiving ${location.name}`}>
          <span>Archive “{location.name}”? It disappears from lists and takes no stock; you can restore it later.</span>
          <button
            type="button"
            className="danger"
            onClick={() =>
              void run(
                () => archive(location.id),
                () => onArchived(location),
              ).finally(() => setConfirming(false))
            }
          >
            Archive
          </button>
          <button type="button" className="secondary" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
      <FormError message={error} />
      {mine && <LocationEditor key={mine} location={location} mode={mine} tree={tree} onDone={() => setEditing(null)} />}
      {node.children.length > 0 && (
        <ul>
          {node.children.map((child) => (
            <TreeNode
              key={child.location.id}
              node={child}
              tree={tree}
              editing={editing}
              setEditing={setEditing}
              pendingKeys={pendingKeys}
              onArchived={onArchived}
            />
          ))}
        </ul>
      )}
    </li>
  );
}
