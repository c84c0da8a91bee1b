import { describe, expect, it } from 'vitest';
import { MAX_ALTERNATIVES, recognize } from './index.js';
import { templateStats } from './template-stage.js';
import { utterances } from './utterances.fixture.js';

describe('recognize', () => {
  it('returns confidence in (0, 1] for every match and alternative', () => {
    for (const row of utterances) {
      const { intent, alternatives } = recognize(row.text, row.context);
      for (const match of intent ? [intent, ...alternatives] : alternatives) {
        expect(match.confidence, row.text).toBeGreaterThan(0);
        expect(match.confidence, row.text).toBeLessThanOrEqual(1);
      }
    }
  });

  it('gives an all-literal match confidence 1 and free text less', () => {
    expect(recognize('stop').intent?.confidence).toBe(1);
    const reminder = recognize('remind me to call the plumber about the leak').intent;
    expect(reminder?.name).toBe('reminder.create');
    expect(reminder?.confidence).toBeLessThan(0.8);
  });

  it('is deterministic: the same input gives the same result', () => {
    const first = utterances.map((row) => recognize(row.text, row.context));
    const second = utterances.map((row) => recognize(row.text, row.context));
    expect(second).toEqual(first);
  });

  it('ranks alternatives best first, without the winner, at most three (unsure readings too)', () => {
    for (const row of utterances) {
      const { intent, alternatives } = recognize(row.text, row.context);
      expect(alternatives.length).toBeLessThanOrEqual(MAX_ALTERNATIVES);
      const names = [intent?.name, ...alternatives.map((match) => match.name)];
      expect(new Set(names).size).toBe(names.length);
      const confidences = [intent?.confidence ?? 1, ...alternatives.map((match) => match.confidence)];
      expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
    }
  });

  it('breaks a tie on catalogue order and keeps the other intent as an alternative', () => {
    const stopTimer = recognize('stop the timer');
    expect(stopTimer.intent).toMatchObject({ name: 'timer.cancel', confidence: 1 });
    expect(stopTimer.alternatives).toEqual([{ name: 'system.stop', confidence: 1, slots: {} }]);
    const alarmOff = recognize('turn off the alarm');
    expect(alarmOff.intent?.name).toBe('alarm.cancel');
    expect(alarmOff.alternatives.map((match) => match.name)).toEqual(['system.stop']);
  });

  it('ranks a typed reading above a free-text reading of the same words', () => {
    const { intent, alternatives } = recognize('add 2 minutes to the pasta timer');
    expect(intent?.name).toBe('timer.add_time');
    expect(alternatives.every((match) => match.confidence < intent!.confidence)).toBe(true);
  });

  it('recognises nothing in another language, in empty text or in very long text', () => {
    expect(recognize('stop', { locale: 'fr-FR' })).toEqual({
      intent: null,
      alternatives: [],
      stage: null,
      clarify: [],
    });
    expect(recognize('stop', { locale: 'en-GB' }).intent?.name).toBe('system.stop');
    expect(recognize('   ').intent).toBeNull();
    expect(recognize(`remind me to ${'really '.repeat(60)}relax`).intent).toBeNull();
  });

  it('uses `now` only when it is a local date-time', () => {
    const text = 'remind me to call mom tomorrow at 9';
    expect(recognize(text, { now: '2026-03-04T21:00' }).intent?.slots).toEqual({
      text: 'call mom',
      at: '2026-03-05T09:00',
    });
    expect(recognize(text, { now: 'yesterday' }).intent).toBeNull();
  });

  it('keeps explicit local date-times as said, with or without `now`', () => {
    const text = 'remind me on 2026-12-24 at 9 am to buy a gift';
    const expected = { text: 'buy a gift', at: '2026-12-24T09:00' };
    expect(recognize(text).intent?.slots).toEqual(expected);
    expect(recognize(text, { now: '2026-03-04T21:00' }).intent?.slots).toEqual(expected);
  });

  it('indexes every template by at least one required word', () => {
    expect(templateStats.unindexed).toBe(0);
    expect(templateStats.templates).toBeGreaterThan(100);
  });
});
