/** The iot module's public face. */

export { resealIot } from './commands/reseal-iot.js';
export { demoDeviceCode, seedDemoIot } from './commands/seed-demo-iot.js';
export { deviceTopic, MESSAGE_TYPES, type MessageType, topicFilter } from './domain/messages.js';
export { SERVICE_USER, servicePassword } from './ingest/mqtt.js';
export { ALARM_ESCALATED, type AlarmEscalatedPayload } from './iot.events.js';
export { createIotModule, type IotModule } from './iot.module.js';
