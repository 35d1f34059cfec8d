import { Link } from "@tanstack/react-router";
import { useState, type FormEvent, type ReactNode } from "react";
import { PASSWORD_MAX, PASSWORD_MIN } from "../../../shared/accounts/rules.js";
import { api } from "../../api/client.js";
import { FormError } from "../../ui/FormError.js";
import type { AuthPage } from "../../ui/router.js";
import type { Identity } from "../auth/index.js";
import { describeError } from "../../api/describeError.js";
import { acceptInvite, consumeSignInLink, requestPasswordReset, requestSignInLink, requestSignup, resetPassword } from "./data.js";

interface Props {
  page: AuthPage;
  token: string;
  /** Who is signed in on this device, if anyone. */
  identity: Identity | null;
  /** A link or invitation started a session: the app opens on it. */
  onSignedIn: (identity: Identity) => void;
}

/**
 * The pages outside the app: sign-up, requests for emailed links, and the pages those links open. A link
 * only opens a page; its token is used by the button on it (a POST), so mail scanners consume nothing.
 */
export function AuthPages({ page, token, identity, onSignedIn }: Props) {
  switch (page) {
    case "signup":
      return <SignupPage />;
    case "email-link":
      return <RequestLinkPage kind="sign-in" />;
    case "forgot":
      return <RequestLinkPage kind="reset" />;
    case "magic":
      return <MagicLinkPage token={token} onSignedIn={onSignedIn} />;
    case "reset":
      return <ResetPage token={token} onSignedIn={onSignedIn} />;
    case "invite":
      return <InvitePage token={token} identity={identity} onSignedIn={onSignedIn} />;
  }
}

function AuthCard({ title, children, onSubmit }: { title: string; children: ReactNode; onSubmit: (e: FormEvent) => void }) {
  return (
    <main className="login">
      <form className="card form-grid login-card" onSubmit={onSubmit} aria-labelledby="auth-title">
        <h1 id="auth-title">{title}</h1>
        {children}
        <p className="auth-links">
          <Link to="/">Back to sign in</Link>
        </p>
      </form>
    </main>
  );
}

/** Runs a request with busy and error state. */
function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}

function Sent({ message }: { message: string }) {
  return (
    <p className="form-success" role="status">
      {message}
    </p>
  );
}

function MissingToken() {
  return <FormError message="This link is incomplete. Open it again from your email, or request a new one." />;
}

function SignupPage() {
  const [practiceName, setPracticeName] = useState("");
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [sent, setSent] = useState<string | null>(null);
  const { busy, error, run } = useSubmit();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => setSent((await requestSignup(api, { practiceName, name, email, password })).message));
  };

  return (
    <AuthCard title="Create a practice" onSubmit={submit}>
      {sent ? (
        <Sent message={`${sent} The email has a link that confirms your address and opens your new practice.`} />
      ) : (
        <>
          <label htmlFor="signup-practice">Practice name</label>
          <input id="signup-practice" value={practiceName} onChange={(e) => setPracticeName(e.target.value)} required maxLength={120} />
          <label htmlFor="signup-name">Your name</label>
          <input id="signup-name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
          <label htmlFor="signup-email">Email</label>
          <input id="signup-email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
          <label htmlFor="signup-password">Password</label>
          <input
            id="signup-password"
            type="password"
            autoComplete="new-password"
            minLength={PASSWORD_MIN}
            maxLength={PASSWORD_MAX}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            aria-describedby="signup-password-hint"
          />
          <p id="signup-password-hint" className="muted">
            At least {PASSWORD_MIN} characters. Common passwords are refused.
          </p>
          <FormError message={error} />
          <div className="form-actions">
            <button type="submit" disabled={busy}>
              {busy ? "Sending…" : "Create practice"}
            </button>
          </div>
        </>
      )}
    </AuthCard>
  );
}

function RequestLinkPage({ kind }: { kind: "sign-in" | "reset" }) {
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState<string | null>(null);
  const { busy, error, run } = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => setSent((await (kind === "reset" ? requestPasswordReset(api, email) : requestSignInLink(api, email))).message));
  };
  return (
    <AuthCard title={kind === "reset" ? "Reset your password" : "Email me a sign-in link"} onSubmit={submit}>
      {sent ? (
        <Sent message={sent} />
      ) : (
        <>
          <label htmlFor="link-email">Email</label>
          <input id="link-email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
          <FormError message={error} />
          <div className="form-actions">
            <button type="submit" disabled={busy}>
              {busy ? "Sending…" : kind === "reset" ? "Email me a reset link" : "Email me a link"}
            </button>
          </div>
        </>
      )}
    </AuthCard>
  );
}

function MagicLinkPage({ token, onSignedIn }: { token: string; onSignedIn: Props["onSignedIn"] }) {
  const { busy, error, run } = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => onSignedIn(await consumeSignInLink(api, window.localStorage, token)));
  };
  return (
    <AuthCard title="Sign in to Venzory" onSubmit={submit}>
      {!token ? (
        <MissingToken />
      ) : (
        <>
          <p>Continue to sign in with the link from your email. A new practice is created when you confirm its sign-up.</p>
          <FormError message={error} />
          <div className="form-actions">
            <button type="submit" disabled={busy}>
              {busy ? "Signing in…" : "Continue"}
            </button>
          </div>
        </>
      )}
    </AuthCard>
  );
}

function ResetPage({ token, onSignedIn }: { token: string; onSignedIn: Props["onSignedIn"] }) {
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const { busy, error, run } = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMismatch(password !== repeat);
    if (password !== repeat) return;
    void run(async () => onSignedIn(await resetPassword(api, window.localStorage, token, password)));
  };
  return (
    <AuthCard title="Choose a new password" onSubmit={submit}>
      {!token ? (
        <MissingToken />
      ) : (
        <>
          <label htmlFor="reset-password">New password</label>
          <input
            id="reset-password"
            type="password"
            autoComplete="new-password"
            minLength={PASSWORD_MIN}
            maxLength={PASSWORD_MAX}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
          <label htmlFor="reset-repeat">Repeat the new password</label>
          <input
            id="reset-repeat"
            type="password"
            autoComplete="new-password"
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
            required
          />
          <FormError message={mismatch ? "The two passwords differ." : error} />
          <div className="form-actions">
            <button type="submit" disabled={busy}>
              {busy ? "Saving…" : "Set password and sign in"}
            </button>
          </div>
        </>
      )}
    </AuthCard>
  );
}

function InvitePage({ token, identity, onSignedIn }: { token: string; identity: Identity | null; onSignedIn: Props["onSignedIn"] }) {
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const { busy, error, run } = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const account = !identity && name.trim() && password ? { name, password } : undefined;
    void run(async () => onSignedIn(await acceptInvite(api, window.localStorage, token, account)));
  };
  return (
    <AuthCard title="Join a practice" onSubmit={submit}>
      {!token ? (
        <MissingToken />
      ) : identity ? (
        <p>
          You are signed in as <strong>{identity.user.email}</strong>. Accepting adds the practice to this account.
        </p>
      ) : (
        <>
          <p>New to Venzory? Enter your name and choose a password. If you already have an account, leave them empty.</p>
          <label htmlFor="invite-name">Your name</label>
          <input id="invite-name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
          <label htmlFor="invite-password">Password</label>
          <input
            id="invite-password"
            type="password"
            autoComplete="new-password"
            minLength={PASSWORD_MIN}
            maxLength={PASSWORD_MAX}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </>
      )}
      {token && (
        <>
          <FormError message={error} />
          <div className="form-actions">
            <button type="submit" disabled={busy}>
              {busy ? "Joining…" : "Accept invitation"}
            </button>
          </div>
        </>
      )}
    </AuthCard>
  );
}
