import { readFileSync } from 'node:fs';
import { BUNDLED_MODEL_URL } from '@hark/nlu';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../packages/nlu/training/train.js';

/**
 * The shipped model is what `npm run nlu:train` makes from the data in the repository, byte
 * for byte: nobody can ship a model trained on something else (the test split, say), and a
 * change to the data or the features that is not followed by retraining fails here.
 */
describe('packages/nlu/model/intent-model.json', () => {
  it('is exactly what the training script makes from packages/nlu/data', { timeout: 180_000 }, () => {
    const shipped = readFileSync(BUNDLED_MODEL_URL, 'utf8');
    const { model } = buildModel();
    expect(`${JSON.stringify(model)}\n` === shipped, 'retrain with `npm run nlu:train`').toBe(true);
  });
});
