import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { errorMessage } from "../../ui/format.js";
import { FormError } from "../../ui/FormError.js";
import { useOrderActions, useTemplates } from "./data.js";

/** The practice's recurring orders: one tap drafts an order from a template (offline too). */
export function TemplatesCard() {
  const templates = useTemplates();
  const actions = useOrderActions();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);

  async function order(templateId: string) {
    try {
      const orderId = await actions.createFromTemplate(templateId);
      await navigate({ to: "/orders/$orderId", params: { orderId } });
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  async function remove(templateId: string, name: string) {
    if (!window.confirm(`Delete the template "${name}"? Orders made from it stay.`)) return;
    try {
      await actions.deleteTemplate(templateId);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <section className="card" aria-labelledby="templates-title">
      <h2 id="templates-title">Templates</h2>
      <FormError message={error} />
      {!templates ? null : templates.length === 0 ? (
        <p className="muted">No templates yet: open a draft and save it as a template.</p>
      ) : (
        <ul className="template-list">
          {templates.map(({ template, supplierName, lineCount }) => (
            <li key={template.id}>
              <span>
                <strong>{template.name}</strong>{" "}
                <span className="muted">
                  · {supplierName} · {lineCount} lines
                </span>
              </span>
              <span className="template-actions">
                <button type="button" onClick={() => order(template.id)} disabled={!template.supplierId}>
                  Draft order
                </button>
                <button type="button" className="secondary" onClick={() => remove(template.id, template.name)}>
                  Delete
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
