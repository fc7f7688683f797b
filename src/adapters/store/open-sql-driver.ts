import { openPglite } from "./open-pglite.ts";
import type { SqlDriver, SqlSession } from "./sql-driver.ts";

/** Where the data lives: a PostgreSQL URL, a PGlite data directory, or PGlite in memory (tests). */
export type DatabaseTarget =
  | { kind: "postgres"; url: string }
  /**
   * `template`: a data directory dumped by PGlite's `dumpDataDir` (a tarball) to start an in-memory database
   * from, instead of running initdb (seconds and hundreds of MiB) and every migration each time.
   */
  | { kind: "pglite"; dataDir: string | null; template?: string }
  /** An in-memory PGlite its owner opened and keeps open (tests reuse one across bots); closing the driver leaves it. */
  | { kind: "pglite"; instance: import("@electric-sql/pglite").PGlite };

export interface OpenedSql {
  driver: SqlDriver;
  /** The driver-specific handle Prisma's adapter is built from. */
  handle: { kind: "postgres"; pool: import("pg").Pool } | { kind: "pglite"; db: import("@electric-sql/pglite").PGlite };
}

export async function openSqlDriver(target: DatabaseTarget): Promise<OpenedSql> {
  if (target.kind === "postgres") {
    const { default: pg } = await import("pg");
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    // A broken idle connection must not crash the process; the next query reports it.
    pool.on("error", () => {});
    const run: SqlSession = {
      exec: async (sql) => void (await pool.query(sql)),
      query: async (sql, params) => (await pool.query(sql, params)).rows,
    };
    return {
      handle: { kind: "postgres", pool },
      driver: {
        kind: "postgres",
        ...run,
        async withSession(fn) {
          const client = await pool.connect();
          // fn may fail with a transaction still open or a session-level advisory lock still held; such a
          // connection must not go back to the pool (the next borrower would inherit both), so destroy it:
          // closing the session is what makes PostgreSQL roll back and release the lock.
          let discard = false;
          try {
            return await fn({
              exec: async (sql) => void (await client.query(sql)),
              query: async (sql, params) => (await client.query(sql, params)).rows,
            });
          } catch (error) {
            discard = true;
            throw error;
          } finally {
            client.release(discard);
          }
        },
        close: () => pool.end(),
      },
    };
  }
  const owned = !("instance" in target);
  const db = "instance" in target ? target.instance : await openPglite(target);
  const session: SqlSession = {
    exec: async (sql) => void (await db.exec(sql)),
    query: async <Row>(sql: string, params?: unknown[]) => (await db.query<Row>(sql, params)).rows,
  };
  // PGlite is one backend, so every caller shares one session, and session-level advisory locks are
  // re-entrant within it: two withSession callers would both "get" the lock and interleave their
  // BEGIN/COMMIT. Queue them so each still has the session to itself. (Not re-entrant: do not nest.)
  let sessionQueue: Promise<unknown> = Promise.resolve();
  return {
    handle: { kind: "pglite", db },
    driver: {
      kind: "pglite",
      ...session,
      withSession: <T>(fn: (s: SqlSession) => Promise<T>): Promise<T> => {
        const turn = sessionQueue.then(() => fn(session));
        sessionQueue = turn.catch(() => {});
        return turn;
      },
      close: async () => {
        if (owned) await db.close();
      },
    },
  };
}
