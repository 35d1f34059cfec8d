import { Link, useNavigate } from "@tanstack/react-router";
import { useMemo, useState, type FormEvent } from "react";
import type { CountSessionRow, LocationRow } from "../../../shared/protocol/entities.js";
import { useCan } from "../../app/replicaContext.js";
import { errorMessage } from "../../ui/format.js";
import { useActiveItems } from "../inventory/data.js";
import { useCountActions, useCountSessions, useMemberNames } from "./data.js";
import { StatusBadge, when } from "./parts.js";
import "./counts.css";

/** Count sessions by location (history included) and the form that starts one, offline too. */
export function CountsScreen() {
  const data = useCountSessions();
  const canCount = useCan("counts.count");
  const names = useMemberNames();
  if (!data) return <p className="page-status">Loading…</p>;
  const groups = groupByLocation(data.sessions, data.locations);
  return (
    <section className="screen counts" aria-labelledby="counts-title">
      <div className="screen-header">
        <h1 id="counts-title">Stock counts</h1>
      </div>
      {canCount && <StartCountForm locations={data.locations} />}
      {groups.length === 0 && <p className="muted">No counts yet.</p>}
      {groups.map((g) => (
        <section key={g.key} className="card count-history" aria-label={`Counts of ${g.label}`}>
          <h2>{g.label}</h2>
          <ul className="plain-list">
            {g.sessions.map((s) => (
              <li key={s.id} className="count-session-row" data-testid="count-session" data-session-id={s.id} data-status={s.status}>
                <div>
                  <strong>{s.name || "Count"}</strong> <StatusBadge status={s.status} />
                  {s.blind && <span className="badge badge-muted">blind</span>}
                  <div className="muted">
                    Started {s.startedById ? `by ${names.get(s.startedById) ?? "a colleague"} ` : "on this device "}
                    {when(s.createdAt)}
                    {s.completedAt && ` · completed ${when(s.completedAt)}`}
                    {s.cancelledAt && ` · cancelled ${when(s.cancelledAt)}`}
                  </div>
                  {s.note && <div className="muted">{s.note}</div>}
                </div>
                <div className="row-actions">
                  {s.status === "IN_PROGRESS" && canCount && (
                    <Link className="button big" to="/counts/$sessionId" params={{ sessionId: s.id }}>
                      Count
                    </Link>
                  )}
                  <Link className="button secondary big" to="/counts/$sessionId/review" params={{ sessionId: s.id }}>
                    {s.status === "IN_PROGRESS" ? "Review" : "Results"}
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

function groupByLocation(sessions: readonly CountSessionRow[], locations: ReadonlyMap<string, LocationRow>) {
  const groups = new Map<string, { key: string; label: string; sessions: CountSessionRow[] }>();
  for (const s of sessions) {
    const key = s.locationId ?? "items";
    const label = s.locationId
      ? (locations.get(s.locationId)?.name ?? "A location") + (s.includeSubLocations ? " (with sub-locations)" : "")
      : "Chosen items";
    const gk = `${key}|${s.includeSubLocations}`;
    const g = groups.get(gk) ?? { key: gk, label, sessions: [] };
    g.sessions.push(s);
    groups.set(gk, g);
  }
  // Locations with a count in progress first, then by their newest session.
  return [...groups.values()].sort((a, b) => {
    const open = Number(b.sessions.some((s) => s.status === "IN_PROGRESS")) - Number(a.sessions.some((s) => s.status === "IN_PROGRESS"));
    return open || b.sessions[0]!.createdAt.localeCompare(a.sessions[0]!.createdAt);
  });
}

/** Locations as a tree-ordered list with depth, for an indented select. */
function treeOrder(locations: ReadonlyMap<string, LocationRow>): { location: LocationRow; depth: number }[] {
  const active = [...locations.values()].filter((l) => !l.archived);
  const children = new Map<string | null, LocationRow[]>();
  for (const l of active) {
    const parent = l.parentId && locations.get(l.parentId) && !locations.get(l.parentId)!.archived ? l.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), l]);
  }
  const out: { location: LocationRow; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const l of (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name))) {
      if (out.some((o) => o.location.id === l.id)) continue;
      out.push({ location: l, depth });
      walk(l.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

function StartCountForm({ locations }: { locations: ReadonlyMap<string, LocationRow> }) {
  const actions = useCountActions();
  const navigate = useNavigate();
  const items = useActiveItems() ?? [];
  const ordered = useMemo(() => treeOrder(locations), [locations]);
  const [scope, setScope] = useState<"location" | "items">("location");
  const [locationId, setLocationId] = useState("");
  const [withSubs, setWithSubs] = useState(true);
  const [itemIds, setItemIds] = useState<string[]>([]);
  const [itemFilter, setItemFilter] = useState("");
  const [blind, setBlind] = useState(false);
  const [thresholdKind, setThresholdKind] = useState<"none" | "units" | "percent">("none");
  const [thresholdValue, setThresholdValue] = useState("5");
  const [name, setName] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const id = await actions.start({
        locationId: scope === "location" ? locationId || null : null,
        includeSubLocations: scope === "location" && withSubs,
        itemIds: scope === "items" ? itemIds : [],
        blind,
        recountThreshold: thresholdKind === "none" ? null : { kind: thresholdKind, value: Number(thresholdValue) },
        name: name.trim() || null,
        note: note.trim() || null,
      });
      await navigate({ to: "/counts/$sessionId", params: { sessionId: id } });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const shown = items.filter((i) => !itemFilter || `${i.name} ${i.sku ?? ""}`.toLowerCase().includes(itemFilter.toLowerCase()));
  return (
    <form className="card start-count" onSubmit={submit} aria-labelledby="start-count-title">
      <h2 id="start-count-title">Start a count</h2>
      <fieldset className="segmented">
        <legend>Count</legend>
        <label>
          <input type="radio" name="scope" checked={scope === "location"} onChange={() => setScope("location")} /> A location
        </label>
        <label>
          <input type="radio" name="scope" checked={scope === "items"} onChange={() => setScope("items")} /> Chosen items
        </label>
      </fieldset>
      {scope === "location" ? (
        <div className="form-grid">
          <label>
            Location
            <select aria-label="Location" value={locationId} onChange={(e) => setLocationId(e.target.value)} required>
              <option value="">Choose…</option>
              {ordered.map(({ location, depth }) => (
                <option key={location.id} value={location.id}>
                  {"\u2003".repeat(depth)}
                  {location.name}
                </option>
              ))}
            </select>
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={withSubs} onChange={(e) => setWithSubs(e.target.checked)} /> Include sub-locations
          </label>
        </div>
      ) : (
        <div className="item-picker">
          <input
            type="search"
            aria-label="Find items"
            placeholder="Find items"
            value={itemFilter}
            onChange={(e) => setItemFilter(e.target.value)}
          />
          <p className="muted">{itemIds.length} chosen</p>
          <ul className="plain-list item-choices">
            {shown.slice(0, 200).map((i) => (
              <li key={i.id}>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={itemIds.includes(i.id)}
                    onChange={(e) => setItemIds((ids) => (e.target.checked ? [...ids, i.id] : ids.filter((x) => x !== i.id)))}
                  />{" "}
                  {i.name} {i.sku && <span className="muted">{i.sku}</span>}
                </label>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="form-grid">
        <label className="checkbox">
          <input type="checkbox" checked={blind} onChange={(e) => setBlind(e.target.checked)} /> Blind (counters do not see expected
          quantities)
        </label>
        <label>
          Recount when the variance is over
          <span className="inline-form">
            <input
              type="number"
              min={1}
              inputMode="numeric"
              aria-label="Recount threshold"
              value={thresholdValue}
              disabled={thresholdKind === "none"}
              onChange={(e) => setThresholdValue(e.target.value)}
            />
            <select
              aria-label="Recount threshold unit"
              value={thresholdKind}
              onChange={(e) => setThresholdKind(e.target.value as typeof thresholdKind)}
            >
              <option value="none">no recount</option>
              <option value="units">units</option>
              <option value="percent">percent</option>
            </select>
          </span>
        </label>
        <label>
          Name (optional)
          <input value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Note (optional)
          <input value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
        </label>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="big" disabled={busy}>
          Start count
        </button>
      </div>
    </form>
  );
}
