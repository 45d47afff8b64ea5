/**
 * What every command needs: the database named by --db or DATABASE_URL, and the province.
 */
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { type DatabaseHandle, openDatabase } from '../db/connection.js';
import { type Province, resolveProvince } from '../services/provinces.js';
import { printError } from './output.js';

export interface CommandContext {
  handle: DatabaseHandle;
  province: Province;
}

interface GlobalOptions {
  db?: string;
  province?: string;
}

/** The database a command names: --db, else DATABASE_URL, else the embedded default. */
export function databaseTarget(command: Command): string {
  return command.optsWithGlobals<GlobalOptions>().db ?? loadConfig().DATABASE_URL;
}

/** Runs a command's body with an open database; errors are printed and exit with code 1. */
export async function withContext(command: Command, body: (ctx: CommandContext) => Promise<void>): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  let handle: DatabaseHandle | undefined;
  try {
    const config = loadConfig();
    handle = await openDatabase(databaseTarget(command));
    const province = await resolveProvince(handle.db, globals.province ?? config.PROVINCE);
    await body({ handle, province });
  } catch (error) {
    printError(error);
  } finally {
    await handle?.close();
  }
}
