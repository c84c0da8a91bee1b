import { emptyProfile } from '@hark/contracts';
import type { SkillContext } from './skill.js';

/** A skill context for tests: user u1 in UTC, en-US, at a fixed instant, no profile. */
export const testContext = (overrides: Partial<SkillContext> = {}): SkillContext => ({
  userId: 'u1',
  timeZone: 'UTC',
  locale: 'en-US',
  now: new Date('2026-11-26T13:05:00Z'),
  deviceId: null,
  profile: emptyProfile,
  ...overrides,
});
