import { describe, expect, it } from 'vitest';
import type { IntentModel, ModelThresholds } from './model/intent-model.js';
import { readWithModel, vetoesTemplates } from './model-stage.js';
import { analyze } from './normalize.js';
import { createRecognizer } from './recognizer.js';

const THRESHOLDS: ModelThresholds = { acceptWithSlots: 0.6, accept: 0.8, clarify: 0.5, veto: 0.95 };

/** A model that says what each test wants it to say: the decisions are under test, not a trained model. */
function stubModel(scores: Record<string, Record<string, number>>): IntentModel {
  const labels = ['none', 'timer.start', 'alarm.set', 'weather.get', 'list.add'];
  return {
    labels,
    thresholds: THRESHOLDS,
    probabilities(tokens) {
      const said = scores[tokens.join(' ')] ?? { none: 1 };
      return Float64Array.from(labels, (label) => said[label] ?? 0);
    },
  };
}

const NOW = { today: '2026-03-04', time: '18:30' };
const read = (model: IntentModel, text: string) => readWithModel(model, analyze(text), NOW);

describe('the model stage', () => {
  it('takes a reading backed by a slot value at the lower threshold', () => {
    const model = stubModel({ 'ring in two minutes': { 'timer.start': 0.65, 'alarm.set': 0.2, none: 0.15 } });
    expect(read(model, 'ring in two minutes').intent).toEqual({
      name: 'timer.start',
      confidence: 0.65,
      slots: { duration_seconds: 120 },
    });
  });

  it('needs the higher threshold for a reading with no value behind it', () => {
    const unsure = stubModel({ 'how are the eggs': { 'timer.start': 0.7, none: 0.3 } });
    expect(read(unsure, 'how are the eggs').intent).toBeNull();
    const sure = stubModel({ 'how are the eggs': { 'timer.start': 0.85, none: 0.15 } });
    expect(read(sure, 'how are the eggs').intent?.name).toBe('timer.start');
  });

  it('asks between the two best readings when not sure but the text is about a free skill', () => {
    const model = stubModel({ 'ring me later': { 'timer.start': 0.4, 'alarm.set': 0.35, none: 0.25 } });
    const result = read(model, 'ring me later');
    expect(result.intent).toBeNull();
    expect(result.clarify.map((match) => match.name)).toEqual(['timer.start', 'alarm.set']);
  });

  it('neither answers nor asks when the text is most likely out of scope', () => {
    const model = stubModel({ 'play the alarm song': { none: 0.7, 'alarm.set': 0.3 } });
    expect(read(model, 'play the alarm song')).toMatchObject({ intent: null, clarify: [] });
  });

  it('still reports the readings it did not take, best first, for the premium path to use', () => {
    const model = stubModel({
      'will it be nice out': { 'weather.get': 0.45, 'timer.start': 0.2, none: 0.35 },
    });
    expect(read(model, 'will it be nice out')).toMatchObject({
      intent: null,
      alternatives: [
        { name: 'weather.get', confidence: 0.45 },
        { name: 'timer.start', confidence: 0.2 },
      ],
    });
  });

  it('does not take or offer a reading whose required slots are missing', () => {
    const model = stubModel({ 'add it to the list': { 'list.add': 0.99, none: 0.01 } });
    expect(read(model, 'add it to the list')).toEqual({ intent: null, alternatives: [], clarify: [] });
  });

  it('vetoes a template only when all but certain the text is out of scope', () => {
    const model = stubModel({ 'the traffic forecast': { none: 0.96, 'weather.get': 0.04 } });
    expect(vetoesTemplates(model, analyze('the traffic forecast'))).toBe(true);
    const unsure = stubModel({ 'the traffic forecast': { none: 0.9, 'weather.get': 0.1 } });
    expect(vetoesTemplates(unsure, analyze('the traffic forecast'))).toBe(false);
  });
});

describe('createRecognizer', () => {
  it('says which stage answered: the templates first, the model for what they miss', () => {
    const model = stubModel({
      'what time is it': { none: 0.5, 'weather.get': 0.5 },
      'how are the eggs': { 'timer.start': 0.9, none: 0.1 },
    });
    const recognize = createRecognizer({ model });
    expect(recognize('what time is it')).toMatchObject({ stage: 'template', intent: { name: 'time.get' } });
    expect(recognize('how are the eggs')).toMatchObject({ stage: 'model', intent: { name: 'timer.start' } });
    expect(recognize('what is the meaning of life')).toEqual({
      intent: null,
      alternatives: [],
      stage: null,
      clarify: [],
    });
  });

  it('lets a near-certain out-of-scope reading overrule a template match', () => {
    const model = stubModel({ 'what is the weather like in minecraft': { none: 0.99, 'weather.get': 0.01 } });
    expect(createRecognizer({ model: null })('what is the weather like in minecraft').intent?.name).toBe(
      'weather.get',
    );
    expect(createRecognizer({ model })('what is the weather like in minecraft').intent).toBeNull();
  });
});
