// Speech in the browser: the Web Speech API's SpeechRecognition turns the microphone into text
// (the same text box path, so every skill works by voice), speechSynthesis reads replies aloud.
// Browsers without them still get the text box.

const Recognition = globalThis.SpeechRecognition ?? globalThis.webkitSpeechRecognition ?? null;

export const canRecognise = () => Recognition !== null;
export const canSpeak = () => 'speechSynthesis' in globalThis && 'SpeechSynthesisUtterance' in globalThis;

const RECOGNITION_ERRORS = {
  'not-allowed': 'Microphone access was refused. Allow it in the browser, or type instead.',
  'service-not-allowed': 'This browser does not allow speech recognition here. Type instead.',
  'no-speech': 'I did not hear anything. Try again, or type instead.',
  'audio-capture': 'No microphone was found. Type instead.',
  network: 'The browser’s speech service could not be reached. Type instead.',
};

/**
 * Listens once: onText(final transcript) when something was recognised, onInterim(text) while
 * speaking, onError(message) on failure, onEnd() when listening stops for any reason.
 */
export function listenOnce({ lang, onText, onInterim, onError, onEnd }) {
  const recognition = new Recognition();
  recognition.lang = lang;
  recognition.interimResults = true;
  recognition.maxAlternatives = 1;
  recognition.addEventListener('result', (event) => {
    const result = event.results[event.results.length - 1];
    const text = result[0].transcript.trim();
    if (result.isFinal) onText(text);
    else onInterim?.(text);
  });
  recognition.addEventListener('error', (event) => {
    if (event.error !== 'aborted')
      onError(RECOGNITION_ERRORS[event.error] ?? `Speech recognition failed (${event.error}).`);
  });
  recognition.addEventListener('end', () => onEnd());
  recognition.start();
  return () => recognition.abort();
}

/** Speaks `text` with the browser's voice, cutting off whatever it was still saying. */
export function speak(text, lang) {
  if (!canSpeak() || !text) return;
  speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = lang;
  speechSynthesis.speak(utterance);
}

let audio = null;

/** A short two-tone chime for something ringing (Web Audio, so no sound file is needed). */
export function chime() {
  const Context = globalThis.AudioContext ?? globalThis.webkitAudioContext;
  if (!Context) return;
  audio ??= new Context();
  void audio.resume?.();
  const start = audio.currentTime;
  for (const [offset, frequency] of [
    [0, 880],
    [0.25, 660],
    [0.5, 880],
  ]) {
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = frequency;
    gain.gain.setValueAtTime(0.15, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.22);
    tone.connect(gain).connect(audio.destination);
    tone.start(start + offset);
    tone.stop(start + offset + 0.23);
  }
}
