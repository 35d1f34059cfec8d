import type { LocationNode } from "./tree.js";
import { flattenTree, moveTargets } from "./tree.js";

interface Props {
  id: string;
  tree: readonly LocationNode[];
  value: string | null;
  onChange: (parentId: string | null) => void;
  /** The location being moved: neither it nor anything inside it is offered. */
  exclude?: string;
}

/** A <select> of active locations, indented by depth, with "Top level" first. */
export function ParentSelect({ id, tree, value, onChange, exclude }: Props) {
  const options = exclude ? moveTargets(tree, exclude) : flattenTree(tree).filter((n) => !n.location.archived);
  return (
    <select id={id} value={value ?? ""} onChange={(e) => onChange(e.target.value || null)}>
      <option value="">Top level</option>
      {options.map((n) => (
        <option key={n.location.id} value={n.location.id}>
          {"\u00a0\u00a0".repeat(n.depth) + n.location.name}
        </option>
      ))}
    </select>
  );
}
