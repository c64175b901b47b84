/** The CLI's output streams with every line made printable (lib/printable.ts) before it reaches the terminal. */
import { Writable } from 'node:stream';
import { printable } from '../lib/printable.ts';

export function terminalSafe(target: NodeJS.WritableStream): NodeJS.WritableStream {
  return new Writable({
    decodeStrings: false,
    write(chunk: Buffer | string, _encoding, done) {
      target.write(printable(typeof chunk === 'string' ? chunk : chunk.toString('utf8')));
      done();
    },
  });
}
