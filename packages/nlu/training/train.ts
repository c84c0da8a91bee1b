/**
 * `npm run nlu:train`: trains the intent model on data/train (less the dev slice),
 * calibrates it on dev, and writes packages/nlu/model/intent-model.json. Deterministic:
 * the same data gives the same file. Prints the dev figures; `npm run nlu:eval` prints all.
 */
import { writeFileSync } from 'node:fs';
import { intentNames } from '@hark/contracts';
import { BUNDLED_MODEL_URL } from '../src/model/bundled-model.js';
import { OUT_OF_SCOPE } from '../src/model/intent-model.js';
import { chooseThresholds, fitTemperature } from './calibrate.js';
import { loadSplits, stableHash } from './dataset.js';
import { trainModel } from './train-model.js';

export function buildModel() {
  const splits = loadSplits();
  const labels = [OUT_OF_SCOPE, ...intentNames];
  const trained = trainModel(splits.train, labels);
  const temperature = fitTemperature(trained, splits.dev);
  const calibrated = { ...trained, temperature };
  const thresholds = chooseThresholds(calibrated, splits.dev);
  const dataHash = stableHash(splits.train.map((example) => `${example.label}\t${example.text}`).join('\n'))
    .toString(16)
    .padStart(8, '0');
  return {
    model: { ...calibrated, thresholds, trainedOn: { utterances: splits.train.length, dataHash } },
    splits,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now();
  const { model, splits } = buildModel();
  writeFileSync(BUNDLED_MODEL_URL, `${JSON.stringify(model)}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `trained on ${splits.train.length} utterances (dev ${splits.dev.length}, test ${splits.test.length}) in ${seconds} s; ` +
      `temperature ${model.temperature}, thresholds ${JSON.stringify(model.thresholds)}`,
  );
  console.log(`wrote ${BUNDLED_MODEL_URL.pathname}`);
}
