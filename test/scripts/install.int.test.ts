// scripts/lib/install.mjs decides when `npm start` / `npm test` must run `npm ci` first.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installReason } from '../../scripts/lib/install.mjs';

let repo: string;
const file = (name: string) => path.join(repo, name);
const touch = (name: string, secondsAgo: number) => {
  const when = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(file(name), when, when);
};

beforeEach(() => {
  repo = mkdtempSync(path.join(os.tmpdir(), 'hark-install-'));
  writeFileSync(file('package-lock.json'), '{}');
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe('installReason', () => {
  it('asks for an install on a fresh clone (no node_modules)', () => {
    expect(installReason(repo)).toMatch(/node_modules is missing/);
  });

  it('asks for an install when package-lock.json changed after the last install', () => {
    mkdirSync(file('node_modules'));
    writeFileSync(file('node_modules/.package-lock.json'), '{}');
    touch('node_modules/.package-lock.json', 60);
    touch('package-lock.json', 0);
    expect(installReason(repo)).toMatch(/package-lock.json changed/);
  });

  it('is satisfied when the last install is newer than package-lock.json', () => {
    mkdirSync(file('node_modules'));
    writeFileSync(file('node_modules/.package-lock.json'), '{}');
    touch('package-lock.json', 60);
    expect(installReason(repo)).toBeNull();
  });
});
