/**
 * What every command needs: the database named by --db or DATABASE_URL, the province, and who
 * acts (--as USER, else the operating-system account).
 */
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { type DatabaseHandle, openDatabase } from '../db/connection.js';
import { type Actor, cliActor } from '../services/audit.js';
import { type Province, resolveProvince } from '../services/provinces.js';
import { findActingUser } from '../services/users.js';
import { printError } from './output.js';

export interface CommandContext {
  handle: DatabaseHandle;
  province: Province;
  /** Who the command acts as: every service call that reads for a user or writes takes it. */
  actor: Actor;
}

interface GlobalOptions {
  db?: string;
  province?: string;
  as?: string;
}

/** The database a command names: --db, else DATABASE_URL, else the embedded default. */
export function databaseTarget(command: Command): string {
  return command.optsWithGlobals<GlobalOptions>().db ?? loadConfig().DATABASE_URL;
}

/**
 * The database of the demonstration: --db, else DATABASE_URL when set, else its own file
 * (./data/demo.sqlite), so that `npm start` never writes into the real database by default.
 */
export function demoDatabaseTarget(command: Command): string {
  const config = loadConfig();
  return command.optsWithGlobals<GlobalOptions>().db ?? (config.databaseNamed ? config.DATABASE_URL : config.DEMO_DATABASE_URL);
}

/** Runs a command's body with an open database; errors are printed and exit with code 1. */
export async function withContext(command: Command, body: (ctx: CommandContext) => Promise<void>): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  let handle: DatabaseHandle | undefined;
  try {
    const config = loadConfig();
    handle = await openDatabase(databaseTarget(command));
    const province = await resolveProvince(handle.db, globals.province ?? config.PROVINCE);
    const asUser = globals.as === undefined ? undefined : await findActingUser(handle.db, province.id, globals.as);
    await body({ handle, province, actor: cliActor(province.id, asUser) });
  } catch (error) {
    printError(error);
  } finally {
    await handle?.close();
  }
}
