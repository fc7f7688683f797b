/**
 * The smallest SQL surface the bot needs outside Prisma: applying migration files (many statements in one
 * text) and taking session-level advisory locks. Implemented for node-postgres and PGlite.
 */
export interface SqlDriver {
  readonly kind: "postgres" | "pglite";
  /** Runs a text that may hold many statements, with no parameters. */
  exec(sql: string): Promise<void>;
  /** Runs one statement with $1.. parameters and returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /**
   * Runs fn on one dedicated connection (advisory locks are per session), inside nothing: fn opens
   * transactions itself with exec("BEGIN")/exec("COMMIT").
   */
  withSession<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface SqlSession {
  exec(sql: string): Promise<void>;
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
}
