import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import type { FastifyBaseLogger } from 'fastify';
import { connect, connectAsync, type MqttClient } from 'mqtt';
import { RESERVED_CLIENT_PREFIX, topicFilter } from '../domain/messages.js';
import type { Ingestor } from './ingestor.js';
import { PacketSizeGuard } from './packet-size.js';

/** The account Shanzhi's own tools (the simulator, on the operator's machine) use on the embedded broker. */
export const SERVICE_USER = 'shanzhi';
export const servicePassword = (dataKey: Buffer) =>
  createHmac('sha256', dataKey).update('mqtt-service-account').digest('base64url');

const users = new WeakMap<Client, string>();

function refused(returnCode: 2 | 4, message: string): AuthenticateError {
  const err = new Error(message) as AuthenticateError;
  (err as { returnCode: number }).returnCode = returnCode;
  return err;
}

export interface EmbeddedBroker {
  port: number;
  listening(): boolean;
  close(): Promise<void>;
}

/**
 * The embedded default: Aedes in-process (MQTT 3.1.1, one instance). Devices sign in with their code and secret,
 * their code as the client id (so no one takes over another's session), and may publish only under their own
 * topic; only the service account may subscribe. Shanzhi ingests inside the broker, before the PUBACK: Aedes
 * acknowledges a QoS 1 message on receipt and queues it in memory, so an alarm acknowledged to a device but
 * handed on to a subscriber could die with the process.
 */
export async function startEmbeddedBroker(opts: {
  port: number;
  host: string;
  root: string;
  ingestor: Ingestor;
  password: string;
  maxPacketBytes: number;
  log: FastifyBaseLogger;
}): Promise<EmbeddedBroker> {
  // one message at a time, in arrival order, as a single subscriber takes them: a message's rules see what the one
  // before it wrote (a device's clear finds its raise; the second detector of a floor finds the first)
  let tail: Promise<void> = Promise.resolve();
  const ingest = (topic: string, payload: Buffer) => {
    const handled = tail.then(() => opts.ingestor.handle('mqtt', topic, payload));
    tail = handled.catch(() => undefined);
    return handled;
  };
  const broker = await Aedes.createBroker({
    authenticate(client, username, password, done) {
      const secret = password?.toString('utf8') ?? '';
      if (username === SERVICE_USER) {
        if (secret !== opts.password) return done(refused(4, 'bad service account password'), false);
        users.set(client, SERVICE_USER);
        return done(null, true);
      }
      if (!username || !opts.ingestor.authenticate(username, secret))
        return done(refused(4, 'bad device code or secret'), false);
      if (client.id !== username || username.startsWith(RESERVED_CLIENT_PREFIX))
        return done(refused(2, 'a device connects with its device code as its client id'), false);
      users.set(client, username);
      return done(null, true);
    },
    authorizePublish(client, packet, done) {
      const user = client ? users.get(client) : SERVICE_USER;
      if (user !== SERVICE_USER && !packet.topic.startsWith(`${opts.root}/v1/devices/${user}/`))
        return done(new Error('a device publishes under its own topic only'));
      // the PUBACK waits for this callback; an alarm that could not be written is not acknowledged, the connection
      // closes and the device sends it again
      ingest(packet.topic, packet.payload as Buffer).then(
        () => done(null),
        (err: Error) => {
          opts.log.error({ err, topic: packet.topic }, 'could not store a device message');
          done(err);
        },
      );
    },
    authorizeSubscribe(client, sub, done) {
      if (users.get(client) === SERVICE_USER) return done(null, sub);
      return done(new Error('devices do not subscribe'));
    },
  });
  const server: Server = createServer((socket) => {
    broker.handle(socket);
    const guard = new PacketSizeGuard(opts.maxPacketBytes);
    // Aedes reads the socket on 'readable'; a 'data' listener beside it sees each chunk as Aedes reads it
    socket.on('data', (chunk: Buffer) => {
      if (socket.destroyed || guard.push(chunk)) return;
      opts.log.warn(
        { remote: socket.remoteAddress, maxPacketBytes: opts.maxPacketBytes },
        'an MQTT packet over the size limit: that connection is closed',
      );
      socket.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : opts.port,
    listening: () => server.listening,
    async close() {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // the writes already begun end before the database closes
      await tail;
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
  maxPacketBytes: number;
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
      ? {
          properties: {
            sessionExpiryInterval: 7 * 24 * 3600,
            receiveMaximum: 1000,
            maximumPacketSize: opts.maxPacketBytes,
          },
        }
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

/** Connects once with a clean start, which makes the broker discard whatever session the id had, and leaves. */
export async function discardSession(opts: {
  url: string;
  clientId: string;
  username?: string;
  password?: string;
  protocolVersion: 4 | 5;
}): Promise<void> {
  const client = await connectAsync(opts.url, {
    clientId: opts.clientId,
    clean: true,
    protocolVersion: opts.protocolVersion,
    username: opts.username,
    password: opts.password,
    reconnectPeriod: 0,
    connectTimeout: 10_000,
  });
  await client.endAsync();
}
