/**
 * Local databases (npm start, npm run dev, browser tests) run the API the way production does: as the
 * row-level-security role venzory_app, with cross-tenant jobs as venzory_system. The migrations create
 * the roles; here they get the owner's password (local only) and their connection strings.
 */
import pg from "pg";

export async function localRoleUrls(ownerUrl: string): Promise<{ appUrl: string; systemUrl: string }> {
  const owner = new URL(ownerUrl);
  const password = decodeURIComponent(owner.password) || "venzory-local";
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    for (const role of ["venzory_app", "venzory_system"]) {
      // Identifiers cannot be parameters; the role names are fixed above and the password is quoted by format().
      await client.query(`DO $$ BEGIN EXECUTE format('ALTER ROLE ${role} PASSWORD %L', '${password.replace(/'/g, "''")}'); END $$`);
    }
  } finally {
    await client.end();
  }
  const as = (user: string) => {
    const u = new URL(ownerUrl);
    u.username = user;
    u.password = password;
    return u.toString();
  };
  return { appUrl: as("venzory_app"), systemUrl: as("venzory_system") };
}
