/** A certificate matter refused or impossible, said in words (a message, for the reader's language). */
import { NamedError } from '../lib/named-error.ts';

export class AuthorityError extends NamedError {}
