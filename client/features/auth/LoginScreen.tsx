import { Link } from "@tanstack/react-router";
import { useState, type FormEvent, type ReactNode } from "react";
import { isApiError, isNetworkError } from "../../api/errors.js";
import { FormError } from "../../ui/FormError.js";

interface Props {
  onLogin: (email: string, password: string) => Promise<void>;
  /** Why the user is here (session ended, offline...). */
  notice?: string;
  /** Shown under the form (changes other people left waiting on a shared device). */
  footer?: ReactNode;
}

/** Email + password sign-in. Local data of earlier sessions stays on the device. */
export function LoginScreen({ onLogin, notice, footer }: Props) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onLogin(email, password);
    } catch (err) {
      setError(
        isNetworkError(err)
          ? "Cannot reach the server. Check the connection and try again."
          : isApiError(err)
            ? err.message
            : "Sign-in failed. Please try again.",
      );
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <form className="card form-grid login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Sign in to Venzory</h1>
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <label htmlFor="login-email">Email</label>
        <input id="login-email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
        <label htmlFor="login-password">Password</label>
        <input
          id="login-password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        <FormError message={error} />
        <div className="form-actions">
          <button type="submit" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </div>
        <p className="auth-links">
          <Link to="/auth/$page" params={{ page: "forgot" }}>
            Forgot password?
          </Link>
          <Link to="/auth/$page" params={{ page: "email-link" }}>
            Email me a sign-in link
          </Link>
          <Link to="/auth/$page" params={{ page: "signup" }}>
            Create a practice
          </Link>
        </p>
      </form>
      {footer}
    </main>
  );
}
