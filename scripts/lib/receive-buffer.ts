// The bytes a client of the embedded database sent that are not framed into
// messages yet. Chunks are kept as they arrive and joined only once the framer
// can make progress (it says how many bytes it needs next), so a message is
// copied once however many chunks it came in. Joining on every chunk was
// quadratic: a 64 MiB message (the allowed maximum) in 64 KiB chunks copied
// about 34 GB and held the event loop, every client's, for most of a minute.
export class ReceiveBuffer {
  private joinedPart: Buffer = Buffer.alloc(0);
  private chunks: Buffer[] = [];
  private chunkBytes = 0;
  /** Bytes the framer needs before it can read anything more (0: try with whatever there is). */
  private wanted = 0;

  /** Keeps a chunk; true when there may now be enough to frame. */
  push(chunk: Buffer): boolean {
    this.chunks.push(chunk);
    this.chunkBytes += chunk.length;
    return this.joinedPart.length + this.chunkBytes >= this.wanted;
  }

  /** Everything received and not consumed, as one buffer (copies only what arrived since the last call). */
  bytes(): Buffer {
    if (this.chunks.length) {
      this.joinedPart =
        this.joinedPart.length || this.chunks.length > 1 ? Buffer.concat([this.joinedPart, ...this.chunks]) : this.chunks[0]!;
      this.chunks = [];
      this.chunkBytes = 0;
    }
    return this.joinedPart;
  }

  /** The framer read `n` bytes. */
  consume(n: number): void {
    this.joinedPart = this.bytes().subarray(n);
    this.wanted = 0;
  }

  /** The framer cannot go on before `total` bytes are there. */
  need(total: number): void {
    this.wanted = total;
  }
}
