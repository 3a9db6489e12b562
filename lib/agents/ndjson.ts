// Incremental NDJSON line splitting over a byte stream, with a bound on line length.

export class LineTooLongError extends Error {}

export class NdjsonLines {
  private readonly decoder = new TextDecoder('utf-8');
  private pending = '';
  constructor(private readonly maxLineChars: number) {}

  /** Complete lines in this chunk (without their newline); keeps the incomplete tail. */
  push(chunk: Uint8Array): string[] {
    this.pending += this.decoder.decode(chunk, { stream: true });
    return this.take();
  }

  /** Whatever is left when the stream ends; a last line without newline still counts. */
  end(): string[] {
    this.pending += this.decoder.decode();
    const lines = this.take();
    const last = this.pending;
    this.pending = '';
    return last.trim() ? [...lines, last] : lines;
  }

  private take(): string[] {
    const parts = this.pending.split('\n');
    this.pending = parts.pop() ?? '';
    if (this.pending.length > this.maxLineChars) throw new LineTooLongError(`line longer than ${this.maxLineChars} characters`);
    return parts.filter((line) => line.trim() !== '');
  }
}
