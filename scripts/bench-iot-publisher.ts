// A device fleet in its own process for the iot bench: floods MQTT with the v1 scheme as fast as QoS 1 allows
// (a window of unacknowledged publishes), and sprinkles smoke alarms stamped with their publish time.
import { connectAsync } from 'mqtt';

export interface FloodOrder {
  broker: string;
  topicRoot: string;
  devices: number;
  messages: number;
  /** Every n-th message is a smoke alarm of the next alarm device (0: none). */
  alarmEvery: number;
  window: number;
  /** Messages a second; 0 floods as fast as acknowledgements come back. */
  rate: number;
  /** Which of several publisher processes this is: each takes its own alarm devices and client id. */
  part?: number;
  alarmOffset?: number;
}

export const benchDeviceCode = (i: number) => `B${String(i).padStart(7, '0')}`;
/** Devices 0 … 69% are smoke detectors, the next 20% heat detectors, then chargers and electrical monitors. */
export const benchDeviceKind = (i: number, n: number): 'smoke' | 'heat' | 'ebike_charger' | 'electrical' =>
  i < n * 0.7 ? 'smoke' : i < n * 0.9 ? 'heat' : i < n * 0.95 ? 'ebike_charger' : 'electrical';

async function flood(o: FloodOrder): Promise<{ sent: number; alarms: number; ms: number }> {
  const client = await connectAsync(o.broker, {
    clientId: `bench-fleet-${o.part ?? 0}-${process.pid}`,
    protocolVersion: 5,
  });
  const payloads = {
    smoke: ['heartbeat', JSON.stringify({ battery: 88, signal: -80 })],
    heat: ['telemetry', JSON.stringify({ values: { temperature: 24.5 } })],
    ebike_charger: ['telemetry', JSON.stringify({ values: { current: 2.5, temperature: 31, charging: true } })],
    electrical: ['telemetry', JSON.stringify({ values: { residualCurrent: 40, cableTemperature: 33 } })],
  } as const;
  let sent = 0;
  let acked = 0;
  let alarms = 0;
  const started = Date.now();
  let waiting = false;
  await new Promise<void>((done) => {
    const pump = () => {
      const allowed = o.rate ? Math.min(o.messages, Math.floor(((Date.now() - started) / 1000) * o.rate)) : o.messages;
      while (sent < allowed && sent - acked < o.window) {
        const k = sent++;
        let topic: string;
        let body: string;
        if (o.alarmEvery && k % o.alarmEvery === o.alarmEvery - 1) {
          // alarm devices are smoke detectors taken from the front, one each, so none is a repeat
          topic = `${o.topicRoot}/v1/devices/${benchDeviceCode((o.alarmOffset ?? 0) + alarms++)}/alarm`;
          body = JSON.stringify({ event: 'smoke', ts: Date.now() });
        } else {
          const i = (k * 7919) % o.devices;
          const [type, payload] = payloads[benchDeviceKind(i, o.devices)];
          topic = `${o.topicRoot}/v1/devices/${benchDeviceCode(i)}/${type}`;
          body = payload;
        }
        client.publish(topic, body, { qos: 1 }, () => {
          acked++;
          if (acked === o.messages) done();
          else if (sent - acked < o.window / 2) pump();
        });
      }
      // held back by the rate, not the window: come back shortly (one timer at a time)
      if (sent < o.messages && sent >= allowed && !waiting) {
        waiting = true;
        setTimeout(() => {
          waiting = false;
          pump();
        }, 5);
      }
    };
    pump();
  });
  const ms = Date.now() - started;
  await client.endAsync();
  return { sent, alarms, ms };
}

process.on('message', (order: FloodOrder) => {
  flood(order).then(
    (r) => {
      process.send?.(r);
      process.exit(0);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
});
