/** A relay target that cannot be used as given: the message says what to change. */
import { NamedError } from '../lib/named-error.ts';

export class RelayTargetError extends NamedError {}
