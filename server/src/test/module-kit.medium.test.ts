import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createShanzhi, type Shanzhi } from '../app.js';
import { writeAudit } from '../core/audit.js';
import { requireActor } from '../core/auth.js';
import type { DomainEvent } from '../core/events.js';
import type { ModuleContext, ShanzhiModule } from '../core/module.js';
import { createModules } from '../modules.js';
import { startTestApp, type TestApp } from './support.js';

/**
 * The recipe of docs/ARCHITECTURE.md ("Server: adding a module") followed for a module the size of a seed system's
 * first step: its own table, one permission, one route, one command with its audit row and event, one subscriber.
 * Registering it is the only change outside its folder (here: the module list handed to createShanzhi).
 */
declare module '../core/events.js' {
  interface EventMap {
    'example.note_written.v1': { noteId: number; text: string };
  }
}

const heard: DomainEvent<'example.note_written.v1'>[] = [];

function createExampleModule(): ShanzhiModule {
  const migrations = mkdtempSync(path.join(os.tmpdir(), 'shanzhi-example-'));
  writeFileSync(
    path.join(migrations, '0001_notes.sql'),
    'CREATE TABLE example_notes (id bigserial PRIMARY KEY, text text NOT NULL, author_id bigint NOT NULL);',
  );
  /** The command: authorize → write → audit → event, in one transaction. */
  async function writeNote(ctx: ModuleContext, actorId: number, actorName: string, text: string) {
    return ctx.db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: string }>(
        'INSERT INTO example_notes (text, author_id) VALUES ($1, $2) RETURNING id',
        [text, actorId],
      );
      const noteId = Number(row?.id);
      await writeAudit(tx, { actorId, actorName, action: 'example.note_written', subject: `note:${noteId}` });
      await ctx.events.publish(
        tx,
        'example.note_written.v1',
        { noteId, text },
        { aggregate: `note:${noteId}`, actorId },
      );
      return noteId;
    });
  }
  return {
    name: 'example',
    dependsOn: ['identity'],
    migrationsDir: migrations,
    permissions: { 'note.write': { roles: ['grid_worker'], scope: 'own' } },
    routes(app, ctx) {
      app.post(
        '/notes',
        {
          config: { access: 'example.note.write' },
          schema: {
            body: z.object({ text: z.string().min(1).max(20) }),
            response: { 201: z.object({ id: z.number() }) },
          },
        },
        async (req, reply) => {
          const actor = requireActor(req);
          return reply.status(201).send({ id: await writeNote(ctx, actor.id, actor.username, req.body.text) });
        },
      );
    },
    async start(ctx) {
      ctx.events.subscribe('example.note_listener', ['example.note_written.v1'], async (event) => {
        heard.push(event);
      });
    },
  };
}

let t: TestApp;
let withExample: Shanzhi;
let gridWorker: string;
let resident: string;

beforeAll(async () => {
  t = await startTestApp({ grids: 'none' });
  gridWorker = await t.userCookie('grid_worker', '370983', 'kit.worker');
  resident = await t.userCookie('resident', '370983', 'kit.resident');
  const example = createExampleModule();
  withExample = await createShanzhi(t.ctx.config, {
    db: t.db,
    serveWeb: false,
    modules: [...createModules(), example],
  });
});
afterAll(async () => {
  await withExample?.close();
  await t?.stop();
});

describe('a new module, registered in one list', () => {
  it('gets its table, its guarded route, its audited command, its event and its subscriber', async () => {
    expect(withExample.routes).toContainEqual({
      method: 'POST',
      url: '/api/example/notes',
      module: 'example',
      access: 'example.note.write',
    });
    const refused = await withExample.app.inject({
      method: 'POST',
      url: '/api/example/notes',
      headers: { cookie: resident },
      payload: { text: 'x'.repeat(500) },
    });
    expect(refused.statusCode).toBe(403);
    const res = await withExample.app.inject({
      method: 'POST',
      url: '/api/example/notes',
      headers: { cookie: gridWorker },
      payload: { text: '楼道灯已修好' },
    });
    expect(res.statusCode).toBe(201);
    const noteId = res.json().id as number;
    await withExample.events.drain();
    expect(heard.map((e) => e.payload)).toEqual([{ noteId, text: '楼道灯已修好' }]);
    const [audit] = await t.db.query<{ actor_name: string }>(
      "SELECT actor_name FROM core_audit WHERE action = 'example.note_written'",
    );
    expect(audit?.actor_name).toBe('kit.worker');
    const me = await withExample.app.inject({ url: '/api/identity/me', headers: { cookie: gridWorker } });
    expect(me.json().abilities).toContain('example.note.write');
  });

  it('stops the start when a dependency is missing or the modules depend on each other in a circle', async () => {
    const lonely: ShanzhiModule = { name: 'lonely', dependsOn: ['nowhere'], routes: () => undefined };
    await expect(createShanzhi(t.ctx.config, { db: t.db, modules: [...createModules(), lonely] })).rejects.toThrow(
      'module lonely depends on nowhere, which is not registered',
    );
    const a: ShanzhiModule = { name: 'a', dependsOn: ['b'], routes: () => undefined };
    const b: ShanzhiModule = { name: 'b', dependsOn: ['a'], routes: () => undefined };
    await expect(createShanzhi(t.ctx.config, { db: t.db, modules: [...createModules(), a, b] })).rejects.toThrow(
      /cycle: a → b → a/,
    );
  });

  it('stops the start when a route does not say who may call it', async () => {
    const open: ShanzhiModule = {
      name: 'open',
      routes(app) {
        app.get('/anything', async () => ({}));
      },
    };
    await expect(createShanzhi(t.ctx.config, { db: t.db, modules: [...createModules(), open] })).rejects.toThrow(
      'GET /api/open/anything (module open) declares no access',
    );
  });
});
