import { useCallback, useState, type FormEvent } from "react";
import type { Role } from "../../../shared/auth/roles.js";
import { ROLES } from "../../../shared/auth/roles.js";
import { inviteRevoke, memberChangeRole, memberInvite, memberLeave, memberRemove } from "../../../shared/accounts/mutations.js";
import { api } from "../../api/client.js";
import { useCan, useMutate } from "../../app/replicaContext.js";
import { FormError } from "../../ui/FormError.js";
import { describeError } from "../../api/describeError.js";
import { useServerData } from "../../ui/useServerData.js";
import { useReloadWhenSynced, useStillQueued, useSyncOverview } from "../sync/data.js";
import { fetchMembers, lastAdminRefusal, ROLE_LABELS, type Member } from "./data.js";

const MEMBER_MUTATIONS = new Set<string>([
  memberInvite.name,
  inviteRevoke.name,
  memberChangeRole.name,
  memberRemove.name,
  memberLeave.name,
]);

/** Members and pending invitations; admins invite, change roles, remove and revoke. */
export function MembersScreen() {
  const load = useCallback(() => fetchMembers(api), []);
  const { state, reload } = useServerData(load);
  useReloadWhenSynced(reload);
  const canManage = useCan("members.manage");
  const canLeave = useCan("members.leave");
  const mutate = useMutate();
  const { notices } = useSyncOverview();
  const refusals = notices.filter((n) => n.kind === "rejected" && MEMBER_MUTATIONS.has(n.name));
  const [error, setError] = useState<string | null>(null);
  const [queued, setQueued] = useState<{ id: string; what: string } | null>(null);
  const sending = useStillQueued(queued?.id ?? null);

  async function run(action: () => Promise<{ id: string }>, what: string) {
    setError(null);
    setQueued(null);
    try {
      const entry = await action();
      setQueued({ id: entry.id, what });
    } catch (err) {
      setError(describeError(err));
    }
  }

  const data = state.status === "ready" ? state.data : null;
  const members = data?.members ?? [];
  const you = members.find((m) => m.you);

  function changeRole(member: Member, role: Role) {
    const refusal = lastAdminRefusal(members, member, { kind: "role", to: role });
    if (refusal) return setError(refusal);
    void run(() => mutate(memberChangeRole, { userId: member.userId, role }), `Changing ${member.email} to ${ROLE_LABELS[role]}…`);
  }

  function remove(member: Member) {
    const refusal = lastAdminRefusal(members, member, { kind: "leave" });
    if (refusal) return setError(refusal);
    void run(() => mutate(memberRemove, { userId: member.userId }), `Removing ${member.email}…`);
  }

  function leave() {
    const refusal = you ? lastAdminRefusal(members, you, { kind: "leave" }) : null;
    if (refusal) return setError(refusal);
    void run(() => mutate(memberLeave, {}), "Leaving the practice… You will be signed out of it once this is sent.");
  }

  return (
    <section className="screen" aria-labelledby="members-title">
      <div className="screen-header">
        <h1 id="members-title">Members</h1>
      </div>
      {state.status === "loading" && <p className="page-status">Loading…</p>}
      {state.status === "error" && <FormError message={`Members cannot be shown: ${describeError(state.error)}`} />}
      <FormError message={error} />
      {queued && !notices.some((n) => n.id === queued.id) && (
        <p className="form-success" role="status">
          {sending ? queued.what : `${queued.what.replace(/….*$/s, "")}: done.`}
        </p>
      )}
      {refusals.map((n) => (
        <p key={n.id} className="form-error" role="alert">
          Refused: {n.message}
        </p>
      ))}
      {data && (
        <table className="stock-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              {canManage && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <MemberRow key={m.userId} member={m} canManage={canManage} onRole={changeRole} onRemove={remove} />
            ))}
          </tbody>
        </table>
      )}
      {canManage && data && (
        <InviteForm
          onInvite={(email, role) => run(() => mutate(memberInvite, { id: crypto.randomUUID(), email, role }), `Inviting ${email}…`)}
        />
      )}
      {canManage && data?.invites && (
        <div className="card">
          <h2>Pending invitations</h2>
          {data.invites.length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <ul className="plain-list">
              {data.invites.map((i) => (
                <li key={i.id} className="list-row" data-testid="invite-row">
                  <span>
                    {i.email} · {ROLE_LABELS[i.role]} <span className="muted">· expires {new Date(i.expiresAt).toLocaleDateString()}</span>
                  </span>
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => void run(() => mutate(inviteRevoke, { id: i.id }), `Withdrawing the invitation to ${i.email}…`)}
                  >
                    Revoke invitation to {i.email}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {canLeave && you && (
        <div className="card">
          <h2>Leave this practice</h2>
          <ConfirmButton label="Leave practice" confirmLabel="Yes, leave this practice" onConfirm={leave} />
        </div>
      )}
    </section>
  );
}

function MemberRow({
  member,
  canManage,
  onRole,
  onRemove,
}: {
  member: Member;
  canManage: boolean;
  onRole: (m: Member, r: Role) => void;
  onRemove: (m: Member) => void;
}) {
  const [role, setRole] = useState<Role>(member.role);
  const label = member.name ?? member.email;
  return (
    <tr data-testid="member-row" data-email={member.email}>
      <th scope="row">
        {label}
        {member.you && <span className="muted"> (you)</span>}
      </th>
      <td>{member.email}</td>
      <td>{ROLE_LABELS[member.role]}</td>
      {canManage && (
        <td className="row-end">
          <span className="inline-form">
            <label className="visually-hidden" htmlFor={`role-${member.userId}`}>
              Role of {label}
            </label>
            <select id={`role-${member.userId}`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
            <button type="button" className="secondary" disabled={role === member.role} onClick={() => onRole(member, role)}>
              Change role
            </button>
            {!member.you && (
              <ConfirmButton label={`Remove ${label}`} confirmLabel={`Yes, remove ${label}`} onConfirm={() => onRemove(member)} />
            )}
          </span>
        </td>
      )}
    </tr>
  );
}

function InviteForm({ onInvite }: { onInvite: (email: string, role: Role) => Promise<void> }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("STAFF");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void onInvite(email.trim(), role).then(() => setEmail(""));
  };
  return (
    <form className="card form-grid" onSubmit={submit} aria-labelledby="invite-title">
      <h2 id="invite-title">Invite a colleague</h2>
      <label htmlFor="invite-email">Email</label>
      <input id="invite-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
      <label htmlFor="invite-role">Role</label>
      <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      <div className="form-actions">
        <button type="submit">Send invitation</button>
      </div>
    </form>
  );
}

/** A destructive action in two clicks (no browser dialogs). */
function ConfirmButton({ label, confirmLabel, onConfirm }: { label: string; confirmLabel: string; onConfirm: () => void }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="secondary" onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="secondary" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </>
  );
}
