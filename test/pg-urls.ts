/** Where the tests find PostgreSQL and Redis: the machine's services unless the environment says otherwise. */
export function adminUrl(): string {
  return process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
}

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** Password the test run gives the restricted role, so it can log in under password authentication too. */
export const APP_ROLE_PASSWORD = "venzory-app-test";

/** The same database, connected as the row-level-security role `venzory_app`. */
export function asAppRole(url: string): string {
  const u = new URL(url);
  u.username = "venzory_app";
  u.password = APP_ROLE_PASSWORD;
  return u.toString();
}

export function redisUrl(): string {
  return process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
}
