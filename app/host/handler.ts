/** One command's implementation, as each area of the host declares its own (the host merges them). */
import type { CommandName, CommandResults, parseCommandArgs } from './contract.ts';

export type Handler<K extends CommandName> = (args: ReturnType<typeof parseCommandArgs<K>>) => Promise<CommandResults[K]> | CommandResults[K];

/** The handlers of a set of commands. */
export type Handlers<Names extends CommandName> = { [K in Names]: Handler<K> };
