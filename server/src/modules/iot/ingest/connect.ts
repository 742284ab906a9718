import { randomBytes } from 'node:crypto';
import type { ModuleContext } from '../../../core/module.js';
import { ensureSetting } from '../db/iot.repository.js';
import { RESERVED_CLIENT_PREFIX } from '../domain/messages.js';
import type { Ingestor } from './ingestor.js';
import { discardSession, servicePassword, startEmbeddedBroker, subscribeIngestion } from './mqtt.js';

export interface Ingestion {
  brokerUrl: string;
  ready(): boolean;
  close(): Promise<void>;
}

/**
 * Subscribes the ingestion to the configured broker (Mosquitto or EMQX, with the persistent shared subscription),
 * or starts the embedded one, which ingests what devices publish itself.
 */
export async function connectIngestion(
  ctx: Pick<ModuleContext, 'config' | 'log' | 'db'>,
  ingestor: Ingestor,
): Promise<Ingestion> {
  const cfg = ctx.config.iot;
  if (!cfg.mqttUrl) {
    const broker = await startEmbeddedBroker({
      port: cfg.embeddedPort,
      host: ctx.config.host,
      root: cfg.topicRoot,
      ingestor,
      password: servicePassword(ctx.config.dataKey),
      maxPacketBytes: cfg.maxPacketBytes,
      log: ctx.log,
    });
    return { brokerUrl: `mqtt://127.0.0.1:${broker.port}`, ready: broker.listening, close: () => broker.close() };
  }
  const account = { username: cfg.username, password: cfg.password, protocolVersion: cfg.protocolVersion };
  // the session of the id before it had a token: left alone, the broker would go on handing it a share of the
  // stream for its expiry (7 days), and nobody would take it
  await discardSession({
    url: cfg.mqttUrl,
    clientId: `${RESERVED_CLIENT_PREFIX}${cfg.topicRoot}-${cfg.instanceId}`,
    ...account,
  }).catch((err) => ctx.log.warn({ err }, 'could not end the former MQTT session'));
  const client = await subscribeIngestion({
    url: cfg.mqttUrl,
    clientId: await ingestionClientId(ctx, cfg.topicRoot, cfg.instanceId),
    maxPacketBytes: cfg.maxPacketBytes,
    ...account,
    root: cfg.topicRoot,
    ingestor,
    onError: (err) => ctx.log.error({ err }, 'MQTT ingestion error'),
  });
  return { brokerUrl: cfg.mqttUrl, ready: () => client.connected, close: () => client.endAsync() };
}

/**
 * The instance's session on the broker. A client connecting with the same id takes the session over, so the id
 * ends in a random part no device can guess; it is kept in the database, because the session (and the messages the
 * broker queued for it while Shanzhi was down) belongs to the id the instance comes back with.
 */
async function ingestionClientId(ctx: Pick<ModuleContext, 'db'>, root: string, instanceId: string) {
  const { token } = await ensureSetting(ctx.db, 'mqtt_session', { token: randomBytes(12).toString('base64url') });
  return `${RESERVED_CLIENT_PREFIX}${root}-${instanceId}-${token}`;
}
