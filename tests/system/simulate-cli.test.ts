import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/** The device simulator's command line answers a person who asks how to use it, or who mistypes an option. */

const run = promisify(execFile);
const root = path.join(import.meta.dirname, '../..');
const simulate = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'scripts/simulate.ts', ...args], { cwd: root });

describe('npm run simulate', () => {
  it('prints its usage for --help and exits 0', async () => {
    const { stdout } = await simulate('--help');
    expect(stdout).toContain('npm run simulate -- [options]');
    expect(stdout).toContain('--scenario false_alarm,real_fire,dying_battery,gateway_offline');
  });

  it('names an unknown option and shows the usage, exiting 2, without a stack trace', async () => {
    const failed = await simulate('--bogus').catch((err: { code: number; stderr: string }) => err);
    expect(failed).toMatchObject({ code: 2 });
    const { stderr } = failed as { stderr: string };
    expect(stderr).toContain("Unknown option '--bogus'");
    expect(stderr).toContain('npm run simulate -- [options]');
    expect(stderr).not.toContain('    at ');
  });
});
