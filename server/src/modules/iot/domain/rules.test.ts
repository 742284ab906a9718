import { describe, expect, it } from 'vitest';
import { parsePayload, parseTopic } from './messages.js';
import { evaluate, RULE_PRESETS, type RuleDevice, type RuleMemory } from './rules.js';

const s = RULE_PRESETS;
const heatR: RuleDevice = { kind: 'heat', heatClass: 'A2', heatMode: 'R' };
const charger: RuleDevice = { kind: 'ebike_charger', heatClass: null, heatMode: null };
const t0 = Date.UTC(2026, 10, 27, 2, 0, 0);

function run(device: RuleDevice, steps: { at: number; values: Record<string, unknown> }[]) {
  let memory: RuleMemory = {};
  return steps.map(({ at, values }) => {
    const message = parsePayload('telemetry', JSON.stringify({ values }));
    if (!message.ok) throw new Error(message.reason);
    const out = evaluate(device, memory, message.message, s, at);
    memory = out.memory;
    return out.signals.filter((x) => x.state === 'raise').map((x) => x.type);
  });
}

describe('fire rules', () => {
  it('raises rate-of-rise on a rate-of-rise detector when the temperature climbs 10 K a minute, long before the static threshold', () => {
    const raised = run(heatR, [
      { at: t0, values: { temperature: 25 } },
      { at: t0 + 60_000, values: { temperature: 31 } },
      { at: t0 + 120_000, values: { temperature: 42 } },
    ]);
    expect(raised).toEqual([[], [], ['rate_of_rise']]);
  });

  it('does not judge a rate from two samples a moment apart', () => {
    expect(
      run(heatR, [
        { at: t0, values: { temperature: 25 } },
        { at: t0 + 2000, values: { temperature: 35 } },
      ]),
    ).toEqual([[], []]);
  });

  it('uses the class table of GB 4716: A2 alarms from 54 °C, B only from 69 °C', () => {
    const a2 = run(heatR, [{ at: t0, values: { temperature: 55 } }]);
    const b = run({ kind: 'heat', heatClass: 'B', heatMode: 'S' }, [{ at: t0, values: { temperature: 55 } }]);
    expect(a2[0]).toEqual(['heat', 'heat_prewarning']);
    expect(b[0]).toEqual([]);
  });

  it('raises charging over 8 hours from the time the charge began, not from the device clock', () => {
    const raised = run(charger, [
      { at: t0, values: { charging: true, current: 3 } },
      { at: t0 + 7 * 3600_000, values: { charging: true, current: 3 } },
      { at: t0 + 8.5 * 3600_000, values: { charging: true, current: 3 } },
    ]);
    expect(raised).toEqual([[], [], ['charger_overtime']]);
  });

  it('clears a threshold alarm only once the value has fallen below it by the hysteresis', () => {
    let memory: RuleMemory = {};
    const signals = [14, 10.8, 9.2].map((current) => {
      const m = parsePayload('telemetry', JSON.stringify({ values: { current } }));
      if (!m.ok) throw new Error(m.reason);
      const out = evaluate(charger, memory, m.message, s, t0);
      memory = out.memory;
      return out.signals.map((x) => `${x.type}:${x.state}`);
    });
    expect(signals).toEqual([
      ['charger_over_current:raise'],
      ['charger_over_current:raise'],
      ['charger_over_current:clear'],
    ]);
  });
});

describe('the v1 message scheme', () => {
  it('reads the device and message type from the topic and refuses anything else', () => {
    expect(parseTopic('shanzhi', 'shanzhi/v1/devices/SMK-1/alarm')).toEqual({ code: 'SMK-1', type: 'alarm' });
    expect(parseTopic('shanzhi', 'shanzhi/v2/devices/SMK-1/alarm')).toBeUndefined();
    expect(parseTopic('shanzhi', 'shanzhi/v1/devices/SMK-1/selfie')).toBeUndefined();
  });

  it('names the field that is wrong', () => {
    expect(parsePayload('heartbeat', '{"battery": 140}')).toEqual({
      ok: false,
      reason: expect.stringContaining('battery'),
    });
    expect(parsePayload('telemetry', '{"values": {"temprature": 20}}')).toEqual({
      ok: false,
      reason: 'values.temprature: unknown field',
    });
  });

  it('refuses a field the scheme does not name, so the message goes to the dead letters', () => {
    expect(parsePayload('alarm', '{"event": "smoke", "firmware": "2.1"}')).toEqual({
      ok: false,
      reason: 'firmware: unknown field',
    });
  });
});
