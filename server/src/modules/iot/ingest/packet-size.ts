/**
 * Follows MQTT's framing (a fixed-header byte, the remaining length in one to four bytes, the body) over a
 * connection's bytes and says when a packet is longer than `max`. Aedes' parser buffers a packet whole, however
 * long its header says it is, so without this one client could make the broker hold 256 MB per connection.
 */
export class PacketSizeGuard {
  private state: 'header' | 'length' | 'body' = 'header';
  private length = 0;
  private lengthBytes = 0;
  private left = 0;

  constructor(private readonly max: number) {}

  /** False from the first packet over the limit (or a malformed length) on: the connection is to be dropped. */
  push(chunk: Uint8Array): boolean {
    let i = 0;
    while (i < chunk.length) {
      if (this.state === 'body') {
        const n = Math.min(this.left, chunk.length - i);
        this.left -= n;
        i += n;
        if (this.left === 0) this.state = 'header';
        continue;
      }
      const byte = chunk[i++] as number;
      if (this.state === 'header') {
        this.state = 'length';
        this.length = 0;
        this.lengthBytes = 0;
        continue;
      }
      this.length += (byte & 0x7f) * 128 ** this.lengthBytes;
      this.lengthBytes++;
      // the length read so far only grows with the next bytes: refuse as soon as it is too long
      if (1 + this.lengthBytes + this.length > this.max) return false;
      if (byte & 0x80) {
        if (this.lengthBytes === 4) return false;
        continue;
      }
      this.left = this.length;
      this.state = this.left ? 'body' : 'header';
    }
    return true;
  }
}
