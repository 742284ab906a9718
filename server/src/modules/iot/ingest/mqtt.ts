import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import { connect, type MqttClient } from 'mqtt';
import { topicFilter } from '../domain/messages.js';
import type { Ingestor } from './ingestor.js';

/** The account Shanzhi's own ingestion (and the simulator, on the operator's machine) uses on the embedded broker. */
export const SERVICE_USER = 'shanzhi';
export const servicePassword = (dataKey: Buffer) =>
  createHmac('sha256', dataKey).update('mqtt-service-account').digest('base64url');

const users = new WeakMap<Client, string>();

/**
 * The embedded default: Aedes in-process (MQTT 3.1.1, one instance). Devices sign in with their code and secret
 * and may publish only under their own topic; only the service account may subscribe.
 */
export async function startEmbeddedBroker(opts: {
  port: number;
  host: string;
  root: string;
  ingestor: Ingestor;
  password: string;
}): Promise<{ port: number; close(): Promise<void> }> {
  const broker = await Aedes.createBroker({
    authenticate(client, username, password, done) {
      const secret = password?.toString('utf8') ?? '';
      const ok =
        username === SERVICE_USER
          ? secret === opts.password
          : Boolean(username) && opts.ingestor.authenticate(username as string, secret);
      if (ok) {
        users.set(client, username as string);
        return done(null, true);
      }
      const err = new Error('bad device code or secret') as AuthenticateError;
      (err as { returnCode: number }).returnCode = 4;
      return done(err, false);
    },
    authorizePublish(client, packet, done) {
      const user = client ? users.get(client) : SERVICE_USER;
      if (user === SERVICE_USER || packet.topic.startsWith(`${opts.root}/v1/devices/${user}/`)) return done(null);
      return done(new Error('a device publishes under its own topic only'));
    },
    authorizeSubscribe(client, sub, done) {
      if (users.get(client) === SERVICE_USER) return done(null, sub);
      return done(new Error('devices do not subscribe'));
    },
  });
  const server: Server = createServer(broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : opts.port,
    async close() {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The ingestion's subscription: a persistent session (same client id, clean start off) so QoS 1 messages that
 * arrive while Shanzhi restarts wait in the broker; on MQTT 5 a shared subscription splits the stream between
 * instances. Each message is acknowledged only after `handle` has finished with it.
 */
export async function subscribeIngestion(opts: {
  url: string;
  clientId: string;
  username?: string;
  password?: string;
  protocolVersion: 4 | 5;
  root: string;
  ingestor: Ingestor;
  onError(err: unknown): void;
}): Promise<MqttClient> {
  // the handler is in place before the connection opens: a resumed session delivers its queue at once
  const client = connect(opts.url, {
    clientId: opts.clientId,
    clean: false,
    protocolVersion: opts.protocolVersion,
    ...(opts.protocolVersion === 5
      ? { properties: { sessionExpiryInterval: 7 * 24 * 3600, receiveMaximum: 1000 } }
      : {}),
    username: opts.username,
    password: opts.password,
    reconnectPeriod: 1000,
    connectTimeout: 10_000,
  });
  client.handleMessage = (packet, done) => {
    let pending: Promise<void> | undefined;
    try {
      pending = opts.ingestor.handle('mqtt', packet.topic, packet.payload as Buffer);
    } catch (err) {
      opts.onError(err);
    }
    if (!pending) return done();
    // not acknowledged when the alarm could not be written: the broker delivers it again after reconnecting
    pending.then(
      () => done(),
      (err: Error) => {
        opts.onError(err);
        done(err);
      },
    );
  };
  await new Promise<void>((resolve, reject) => {
    const fail = (err: Error) => {
      clearTimeout(timer);
      client.end(true);
      reject(err);
    };
    const timer = setTimeout(() => fail(new Error(`MQTT broker ${opts.url} not reachable within 15 s`)), 15_000);
    client.once('connect', () => {
      clearTimeout(timer);
      client.off('error', fail);
      resolve();
    });
    client.once('error', fail);
  });
  client.on('error', opts.onError);
  const filter = topicFilter(opts.root);
  await client.subscribeAsync(opts.protocolVersion === 5 ? `$share/shanzhi/${filter}` : filter, { qos: 1 });
  return client;
}
