import { describe, expect, it } from 'vitest';
import { FEATURES, featureNames, LIMITS, limitNames } from './entitlements.js';

// The names are the wire: plans in Redis, infra/plans.json, GET /v1/me and the console use them.
describe('the catalogue of features and limits', () => {
  it('names each feature once, as plans spell it', () => {
    expect(Object.values(FEATURES)).toEqual(featureNames);
    expect(featureNames).toEqual(['conversation', 'voice.stt', 'voice.tts']);
  });

  it('names each limit once, as plans spell it', () => {
    expect(Object.values(LIMITS)).toEqual(limitNames);
    expect(limitNames).toEqual([
      'timers.max_active',
      'conversation.turns_per_day',
      'conversation.trial_turns_per_month',
      'weather.forecast_days',
      'conversation.llm_budget_micro_usd',
    ]);
  });
});
