import { Link } from "@tanstack/react-router";
import { useCountAccuracy } from "./data.js";
import "./counts.css";

/**
 * The dashboard's count-accuracy figure: per location, the share of keys counted with no variance in
 * completed sessions (judged as each was completed). Read from the replica, offline too.
 */
export function CountAccuracyFigure() {
  const data = useCountAccuracy();
  const rows = (data?.accuracy ?? []).filter((a) => a.counted > 0).sort((a, b) => b.lastCompletedAt.localeCompare(a.lastCompletedAt));
  return (
    // data-ready: the replica has been read (before that, "no completed count yet" only means "not read yet").
    <Link className="card figure" to="/counts" data-testid="figure-counts" data-ready={data !== undefined}>
      {rows.length === 0 ? (
        <>
          <strong>—</strong> count accuracy: no completed count yet
        </>
      ) : (
        <>
          <span>Count accuracy (keys with no variance)</span>
          <ul className="plain-list accuracy-list">
            {rows.slice(0, 5).map((a) => (
              <li
                key={a.locationId}
                data-testid="count-accuracy"
                data-location-id={a.locationId}
                data-exact={a.exact}
                data-counted={a.counted}
              >
                <strong>{Math.round((a.exact * 100) / a.counted)}%</strong> {data!.locations.get(a.locationId)?.name ?? "a location"}{" "}
                <span className="muted">
                  ({a.exact}/{a.counted})
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Link>
  );
}
