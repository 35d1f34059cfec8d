import { useState, type ChangeEvent } from "react";
import "./import-export.css";
import { IMPORT_COLUMNS } from "../../../shared/import/columns.js";
import { planImport, templateRows, type ImportPlan } from "../../../shared/import/plan.js";
import { useReplica } from "../../app/replicaContext.js";
import { FormError } from "../../ui/FormError.js";
import { parseImportCsv, toCsv, type ParsedCsv } from "./csv.js";
import {
  downloadText,
  readSnapshot,
  useApplyImport,
  useCanImport,
  useExport,
  useSyncedProgress,
  type ExportKind,
  type QueuedRange,
  type QueueProgress,
} from "./data.js";

/** How many row errors the preview lists (a broken 10,000-row file must not render 10,000 table rows). */
const ERRORS_SHOWN = 200;

/** "/import-export": CSV export of the catalogue, suppliers and stock; CSV import of items with prices. */
export function ImportExportScreen() {
  const canImport = useCanImport();
  return (
    <section className="screen" aria-labelledby="import-export-title">
      <div className="screen-header">
        <h1 id="import-export-title">Import and export</h1>
      </div>
      <ExportCard />
      {canImport ? <ImportCard /> : <p className="card muted">Importing items and supplier prices is for administrators.</p>}
    </section>
  );
}

const EXPORTS: Array<{ kind: ExportKind; label: string; help: string }> = [
  { kind: "items", label: "Items", help: "Active items with their supplier prices, in the import's columns: edit and import it back." },
  { kind: "suppliers", label: "Suppliers with prices", help: "Every supplier with its details and the prices it quotes." },
  { kind: "stock", label: "Stock by location and batch", help: "What is on hand where, per lot with its expiry." },
];

function ExportCard() {
  const exportCsv = useExport();
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function run(kind: ExportKind, label: string) {
    setError(null);
    try {
      const rows = await exportCsv(kind);
      setStatus(`${label}: ${rows.toLocaleString()} row${rows === 1 ? "" : "s"} saved.`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }
  return (
    <div className="card" aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <p className="muted">
        From this device's copy of the practice, so it works offline. CSV files open in Excel, Numbers and LibreOffice.
      </p>
      <ul className="plain-list">
        {EXPORTS.map((e) => (
          <li key={e.kind} className="list-row">
            <span>
              <strong>{e.label}</strong> <span className="muted">· {e.help}</span>
            </span>
            <button type="button" className="secondary" onClick={() => void run(e.kind, e.label)}>
              Download {e.label.toLowerCase()}
            </button>
          </li>
        ))}
      </ul>
      {status && (
        <p className="form-success" role="status">
          {status}
        </p>
      )}
      <FormError message={error} />
    </div>
  );
}

type Stage =
  | { kind: "idle" }
  | { kind: "preview"; fileName: string; parsed: ParsedCsv; plan: ImportPlan }
  | { kind: "applying" | "applied"; fileName: string; plan: ImportPlan; progress: QueueProgress; range: QueuedRange | null };

function ImportCard() {
  const { db } = useReplica();
  const applyImport = useApplyImport();
  const [stage, setStage] = useState<Stage>({ kind: "idle" });
  const [error, setError] = useState<string | null>(null);
  const [fileKey, setFileKey] = useState(0);

  async function preview(file: File) {
    setError(null);
    try {
      const parsed = parseImportCsv(await file.text());
      const plan = planImport(parsed, await readSnapshot(db), { newId: () => crypto.randomUUID() });
      setStage({ kind: "preview", fileName: file.name, parsed, plan });
    } catch (e) {
      setError(`The file cannot be read: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  async function apply() {
    if (stage.kind !== "preview") return;
    const { plan, fileName } = stage;
    const started: Stage = { kind: "applying", fileName, plan, progress: { queued: 0, total: plan.ops.length, refused: [] }, range: null };
    setStage(started);
    try {
      const range = await applyImport(plan.ops, (progress) => setStage({ ...started, progress, range: progress.range ?? null }));
      setStage((s) => (s.kind === "applying" ? { ...s, kind: "applied", range } : s));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (file) void preview(file);
  }

  function reset() {
    setStage({ kind: "idle" });
    setFileKey((k) => k + 1);
  }

  return (
    <div className="card import-card" aria-labelledby="import-title">
      <h2 id="import-title">Import items and supplier prices</h2>
      <p className="muted">
        Upload a CSV file, check the preview, then apply. Rows are matched to your items by SKU, else GTIN: importing the same file again
        changes nothing. The changes are sent like any other edit, also later if this device is offline now.
      </p>
      <div className="import-actions">
        <label className="file-pick">
          <span>CSV file</span>
          <input key={fileKey} type="file" accept=".csv,.txt,text/csv,text/plain" onChange={onFile} disabled={stage.kind === "applying"} />
        </label>
        <button type="button" className="secondary" onClick={() => downloadTemplate()}>
          Download template
        </button>
      </div>
      <FormError message={error} />
      {stage.kind === "preview" && <Preview stage={stage} onApply={() => void apply()} onCancel={reset} />}
      {(stage.kind === "applying" || stage.kind === "applied") && <Progress stage={stage} onDone={reset} />}
      <ColumnContract />
    </div>
  );
}

function downloadTemplate() {
  const { header, example } = templateRows();
  downloadText("venzory-import-template.csv", toCsv(header, [example]));
}

function Preview({ stage, onApply, onCancel }: { stage: Extract<Stage, { kind: "preview" }>; onApply: () => void; onCancel: () => void }) {
  const { parsed, plan } = stage;
  const errors = [...parsed.errors, ...plan.errors].sort((a, b) => a.line - b.line);
  const s = plan.summary;
  const changes = plan.ops.length;
  return (
    <div className="import-preview" aria-labelledby="preview-title">
      <h3 id="preview-title">Preview of {stage.fileName}</h3>
      <dl className="import-summary">
        <Figure label="Rows" value={s.rows} />
        <Figure label="New items" value={s.itemsCreated} />
        <Figure label="Items changed" value={s.itemsUpdated} />
        <Figure label="New suppliers" value={s.suppliersCreated} />
        <Figure label="Prices set" value={s.pricesSet} />
        <Figure label="Rows with errors" value={s.rowsWithErrors + parsed.errors.filter((e) => e.line > 1).length} warn />
      </dl>
      <p className="muted">
        Delimiter {parsed.delimiter === "\t" ? "tab" : `"${parsed.delimiter}"`}
        {parsed.ignoredHeaders.length > 0 && <> · ignored columns: {parsed.ignoredHeaders.join(", ")}</>}
      </p>
      {errors.length > 0 && (
        <div className="table-scroll">
          <table className="stock-table import-errors">
            <caption>
              {errors.length.toLocaleString()} problem{errors.length === 1 ? "" : "s"}: these rows are skipped
              {errors.length > ERRORS_SHOWN && ` (first ${ERRORS_SHOWN} shown)`}
            </caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Column</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {errors.slice(0, ERRORS_SHOWN).map((e, i) => (
                <tr key={i} data-testid="import-error">
                  <td>{e.line}</td>
                  <td>{e.column ?? "—"}</td>
                  <td>{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {changes === 0 && errors.length === 0 && (
        <p className="form-success" role="status">
          Nothing to change: everything in this file is already in the catalogue.
        </p>
      )}
      <div className="form-actions">
        <button type="button" onClick={onApply} disabled={changes === 0}>
          Apply {changes.toLocaleString()} change{changes === 1 ? "" : "s"}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function Figure({ label, value, warn }: { label: string; value: number; warn?: boolean }) {
  return (
    <div className={warn && value > 0 ? "figure figure-warn" : "figure"}>
      <dt>{label}</dt>
      <dd>{value.toLocaleString()}</dd>
    </div>
  );
}

function Progress({ stage, onDone }: { stage: Extract<Stage, { kind: "applying" | "applied" }>; onDone: () => void }) {
  const synced = useSyncedProgress(stage.range);
  const total = stage.plan.ops.length;
  const queuedOk = stage.progress.queued - stage.progress.refused.length;
  const done = stage.kind === "applied" && synced !== undefined && synced.synced >= queuedOk;
  return (
    <div className="import-progress" aria-labelledby="progress-title">
      <h3 id="progress-title">{done ? "Import sent" : "Importing…"}</h3>
      <Bar label="Planned" value={total} max={total} />
      <Bar label="Queued on this device" value={stage.progress.queued} max={total} />
      <Bar label="Applied by the server" value={synced?.synced ?? 0} max={Math.max(queuedOk, 1)} />
      {stage.kind === "applied" && !done && <p className="muted">Queued changes are kept on this device and sent when it is online.</p>}
      {(synced?.refused ?? 0) > 0 && (
        <p className="form-error" role="alert">
          The server refused {synced!.refused.toLocaleString()} change{synced!.refused === 1 ? "" : "s"}: see the sync status for the
          reasons.
        </p>
      )}
      {stage.progress.refused.length > 0 && (
        <ul className="notice-list">
          {stage.progress.refused.slice(0, ERRORS_SHOWN).map((r, i) => (
            <li key={i} className="form-error">
              Line {r.line}: {r.reason}
            </li>
          ))}
        </ul>
      )}
      {stage.kind === "applied" && (
        <div className="form-actions">
          <button type="button" className="secondary" onClick={onDone}>
            Import another file
          </button>
        </div>
      )}
    </div>
  );
}

function Bar({ label, value, max }: { label: string; value: number; max: number }) {
  return (
    <div className="import-bar">
      <span>{label}</span>
      <progress value={Math.min(value, max)} max={max} aria-label={label} />
      <span className="muted">
        {value.toLocaleString()} / {max.toLocaleString()}
      </span>
    </div>
  );
}

function ColumnContract() {
  return (
    <details className="import-columns">
      <summary>Columns of the file</summary>
      <p className="muted">
        One row per item and supplier (an item bought from two suppliers takes two rows that repeat the item's columns). Comma, semicolon or
        tab separated, UTF-8. A blank cell leaves an existing item's value as it is.
      </p>
      <div className="table-scroll">
        <table className="stock-table">
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Meaning</th>
              <th scope="col">Example</th>
            </tr>
          </thead>
          <tbody>
            {IMPORT_COLUMNS.map((c) => (
              <tr key={c.name}>
                <th scope="row">
                  <code>{c.name}</code>
                </th>
                <td>{c.help}</td>
                <td>
                  <code>{c.example}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
