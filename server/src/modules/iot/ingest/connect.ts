import type { MqttClient } from 'mqtt';
import type { ModuleContext } from '../../../core/module.js';
import type { Ingestor } from './ingestor.js';
import { SERVICE_USER, servicePassword, startEmbeddedBroker, subscribeIngestion } from './mqtt.js';

export interface EmbeddedBroker {
  port: number;
  close(): Promise<void>;
}

/**
 * Subscribes the ingestion to the configured broker (Mosquitto or EMQX, with the persistent shared subscription), or
 * starts the embedded one first and subscribes to it with the service account derived from the data key.
 */
export async function connectIngestion(
  ctx: Pick<ModuleContext, 'config' | 'log'>,
  ingestor: Ingestor,
): Promise<{ client: MqttClient; broker?: EmbeddedBroker; brokerUrl: string }> {
  const cfg = ctx.config.iot;
  const onError = (err: unknown) => ctx.log.error({ err }, 'MQTT ingestion error');
  const clientId = `shanzhi-${cfg.topicRoot}-${cfg.instanceId}`;
  if (cfg.mqttUrl) {
    const client = await subscribeIngestion({
      url: cfg.mqttUrl,
      clientId,
      username: cfg.username,
      password: cfg.password,
      protocolVersion: cfg.protocolVersion,
      root: cfg.topicRoot,
      ingestor,
      onError,
    });
    return { client, brokerUrl: cfg.mqttUrl };
  }
  const password = servicePassword(ctx.config.dataKey);
  const broker = await startEmbeddedBroker({
    port: cfg.embeddedPort,
    host: ctx.config.host,
    root: cfg.topicRoot,
    ingestor,
    password,
  });
  const brokerUrl = `mqtt://127.0.0.1:${broker.port}`;
  const client = await subscribeIngestion({
    url: brokerUrl,
    clientId,
    username: SERVICE_USER,
    password,
    protocolVersion: 4,
    root: cfg.topicRoot,
    ingestor,
    onError,
  });
  return { client, broker, brokerUrl };
}
