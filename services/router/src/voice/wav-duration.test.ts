import { describe, expect, it } from 'vitest';
import { silentWav } from '../testing/wav-fixture.js';
import { wavDurationSeconds } from './wav-duration.js';

describe('wavDurationSeconds', () => {
  it.each([
    [1, 16_000],
    [61, 16_000],
    [2.5, 44_100],
  ])('reads %s s at %s Hz from the header', (seconds, rate) => {
    expect(wavDurationSeconds(silentWav(seconds, rate))).toBeCloseTo(seconds, 3);
  });

  it('counts the bytes that arrived when a streaming writer left the data size unset', () => {
    const wav = silentWav(2);
    wav.writeUInt32LE(0xffffffff, 40);
    expect(wavDurationSeconds(wav)).toBeCloseTo(2, 3);
  });

  it('skips chunks before fmt and data', () => {
    const wav = silentWav(3);
    const list = Buffer.concat([Buffer.from('LIST'), Buffer.from([5, 0, 0, 0]), Buffer.from('abcde\0')]);
    const withList = Buffer.concat([wav.subarray(0, 12), list, wav.subarray(12)]);
    expect(wavDurationSeconds(withList)).toBeCloseTo(3, 3);
  });

  it('answers null for what it cannot measure', () => {
    expect(wavDurationSeconds(Buffer.from('not a wav at all'))).toBeNull();
    expect(wavDurationSeconds(Buffer.alloc(0))).toBeNull();
    expect(wavDurationSeconds(silentWav(1).subarray(0, 36))).toBeNull();
  });
});
