import { describe, expect, it } from 'vitest';
import { PacketSizeGuard } from './packet-size.js';

/** A QoS 1 PUBLISH of `bytes` body bytes as it goes over the wire: the header byte, the length, the body. */
function publish(bytes: number): Buffer {
  const length: number[] = [];
  let n = bytes;
  do {
    length.push((n % 128) | (n >= 128 ? 0x80 : 0));
    n = Math.floor(n / 128);
  } while (n > 0);
  return Buffer.concat([Uint8Array.of(0x32, ...length), Buffer.alloc(bytes, 'x')]);
}

describe('the packet size guard', () => {
  it('lets packets up to the limit through, however the connection splits them', () => {
    const stream = Buffer.concat([publish(100), Uint8Array.of(0xc0, 0), publish(900 - 3), publish(0)]);
    const whole = new PacketSizeGuard(1000);
    expect(whole.push(stream)).toBe(true);
    const byteByByte = new PacketSizeGuard(1000);
    for (const byte of stream) expect(byteByByte.push(Uint8Array.of(byte))).toBe(true);
    // the limit counts the whole packet, header and length included, as MQTT 5's Maximum Packet Size does
    expect(new PacketSizeGuard(1000).push(publish(997))).toBe(true);
    expect(new PacketSizeGuard(1000).push(publish(998))).toBe(false);
  });

  it('refuses a packet over the limit from its header, before its body arrives', () => {
    const big = publish(70_000);
    const guard = new PacketSizeGuard(65_536);
    expect(guard.push(publish(10))).toBe(true);
    expect(guard.push(big.subarray(0, 4))).toBe(false);
  });

  it('refuses a remaining length longer than four bytes', () => {
    expect(new PacketSizeGuard(2 ** 30).push(Uint8Array.of(0x30, 0xff, 0xff, 0xff, 0xff))).toBe(false);
  });
});
