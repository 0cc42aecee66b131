// What the MySQL and PostgreSQL clients share: a simulated server per host and port, made on
// first use in a run, the round trip that runs work on it, and a statement's round trip. Each client brings its own SQL
// dialect and turns the engine's errors into its own exceptions.

import type { Coroutine } from "../asyncio/coroutines.js";
import { perRun } from "../per-run.js";
import { abbreviate, type ServiceLink } from "./service-link.js";
import type { QueryResult, SqlServer, SqlSession } from "./sql-engine.js";

/** The server at an address, made by `make` the first time a run connects there. */
export function serversMadeBy(make: () => SqlServer): (address: string) => SqlServer {
  const servers = perRun(() => new Map<string, SqlServer>());
  return (address) => {
    let server = servers().get(address);
    if (server === undefined) {
      server = make();
      servers().set(address, server);
    }
    return server;
  };
}

/**
 * One round trip that runs `work` on the server: its result comes back after `serverTime(result)`
 * seconds of the server's time, an error it raises as the client's own (`clientError`).
 */
export function sqlRoundTrip<T>(
  link: ServiceLink,
  what: string,
  work: () => T,
  clientError: (error: unknown) => unknown,
  serverTime: (result: T) => number = () => 0,
): Coroutine<T> {
  return link.roundTrip(what, (respond) => {
    try {
      const result = work();
      respond({ value: result }, serverTime(result));
    } catch (error) {
      respond({ error: clientError(error) });
    }
    return undefined;
  });
}

/** A statement on an open session: one round trip, plus the time the server spends on it. */
export function runStatement(
  link: ServiceLink,
  session: SqlSession,
  sql: string,
  params: unknown,
  clientError: (error: unknown) => unknown,
): Coroutine<QueryResult> {
  return sqlRoundTrip(
    link,
    abbreviate(String(sql)),
    () => session.execute(sql, params),
    clientError,
    (result) => result.serverTime,
  );
}
