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

type Editing = { id: string; mode: "rename" | "move" } | null;

/** The nested location list with per-node actions the role allows. */
export function LocationTreeView({ tree }: { tree: readonly LocationNode[] }) {
  const [editing, setEditing] = useState<Editing>(null);
  const pendingKeys = usePendingRowKeys();
  return (
    <ul className="tree" aria-label="Locations">
      {tree.map((node) => (
        <TreeNode key={node.location.id} node={node} tree={tree} editing={editing} setEditing={setEditing} pendingKeys={pendingKeys} />
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
}

function TreeNode({ node, tree, editing, setEditing, pendingKeys }: NodeProps) {
  const { location } = node;
  const canManage = useCan("locations.manage");
  const canArchive = useCan("locations.archive");
  const pending = pendingKeys.has(shadowKey("location", location.id));
  const { archive } = useLocationActions();
  const [error, setError] = useState<string | null>(null);
  const mine = editing?.id === location.id ? editing.mode : null;

  async function onArchive() {
    try {
      setError(null);
      await archive(location.id);
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
        {!location.archived && (
          <span className="row-actions">
            {canManage && (
              <>
                <button type="button" className="link-button" aria-label={`Rename ${location.name}`} onClick={() => setEditing({ id: location.id, mode: "rename" })}>
                  Rename
                </button>
                <button type="button" className="link-button" aria-label={`Move ${location.name}`} onClick={() => setEditing({ id: location.id, mode: "move" })}>
                  Move
                </button>
              </>
            )}
            {canArchive && (
              <button type="button" className="link-button" aria-label={`Archive ${location.name}`} onClick={() => void onArchive()}>
                Archive
              </button>
            )}
          </span>
        )}
      </div>
      <FormError message={error} />
      {mine && <LocationEditor key={mine} location={location} mode={mine} tree={tree} onDone={() => setEditing(null)} />}
      {node.children.length > 0 && (
        <ul>
          {node.children.map((child) => (
            <TreeNode key={child.location.id} node={child} tree={tree} editing={editing} setEditing={setEditing} pendingKeys={pendingKeys} />
          ))}
        </ul>
      )}
    </li>
  );
}
