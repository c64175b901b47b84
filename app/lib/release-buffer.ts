/**
 * Lets go of the memory of an ArrayBuffer whose contents were copied elsewhere (a typed array that
 * grew), now instead of at the next full collection. A long-lived typed array sits in the old
 * generation, so its memory waited for a full collection: with 100 chargers each growing its meter
 * series, the wait held 830–1 340 KiB of peak memory per connection where 590–640 is needed
 * (docs/performance.md). Transferring the buffer detaches it: its memory goes at once where the
 * runtime can transfer to nothing (ES2024), else to a new short-lived owner that the young collector
 * frees within milliseconds.
 */
export function releaseBuffer(buffer: ArrayBufferLike): void {
  if (!(buffer instanceof ArrayBuffer)) return; // a SharedArrayBuffer cannot be detached
  const transfer = (buffer as ArrayBuffer & { transfer?: (length?: number) => ArrayBuffer }).transfer;
  if (typeof transfer === 'function') transfer.call(buffer, 0);
  else structuredClone(buffer, { transfer: [buffer] });
}
