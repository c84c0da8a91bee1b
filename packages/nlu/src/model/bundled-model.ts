import { readFileSync } from 'node:fs';
import { type IntentModel, type IntentModelFile, loadIntentModel } from './intent-model.js';

/** Where `npm run nlu:train` writes the model; the same path from src/ and from dist/. */
export const BUNDLED_MODEL_URL = new URL('../../model/intent-model.json', import.meta.url);

let loaded: IntentModel | undefined;

/** The model shipped with the package, read once on first use (the only file the recogniser reads). */
export function bundledIntentModel(): IntentModel {
  loaded ??= loadIntentModel(JSON.parse(readFileSync(BUNDLED_MODEL_URL, 'utf8')) as IntentModelFile);
  return loaded;
}
