import { describe, expect, it } from 'vitest';
import { hashTag, keySpace } from './key-space.js';

describe('keySpace', () => {
  const space = keySpace('hark:');

  it("tags a user's keys with the user id, so they share one Redis Cluster slot", () => {
    expect(space.user('u1', 'session:s1')).toBe('hark:{u1}:session:s1');
  });

  it('leaves global keys untagged and puts slot keys under their tag', () => {
    expect(space.global('apikey:ab')).toBe('hark:apikey:ab');
    expect(space.slot('schedule', 'due')).toBe('hark:{schedule}:due');
    expect(space.global(`ratelimit:${hashTag('hark:apikey:ab')}`)).toBe('hark:ratelimit:{hark:apikey:ab}');
  });
});
