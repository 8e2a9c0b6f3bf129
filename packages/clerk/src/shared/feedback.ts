import { audioContext } from './audio';

/*
 * Issue 13.3: what a clerk at a noisy gate notices without looking: a short high beep and one buzz for a
 * success, a low double tone and a long double buzz for a refusal.
 */

export type Signal = 'success' | 'refusal';

export const VIBRATION: Record<Signal, number | number[]> = { success: 120, refusal: [250, 100, 250] };
/** Tones: [frequency Hz, start s, length s], with the oscillator's wave. */
const TONES: Record<Signal, { wave: OscillatorType; notes: [number, number, number][] }> = {
  success: { wave: 'sine', notes: [[1320, 0, 0.16]] },
  refusal: { wave: 'square', notes: [[220, 0, 0.2], [180, 0.28, 0.3]] },
};

function beep(signal: Signal): void {
  const audio = audioContext();
  if (!audio || audio.state !== 'running') return;
  const { wave, notes } = TONES[signal];
  const start = audio.currentTime;
  for (const [frequency, at, length] of notes) {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = wave;
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.25, start + at);
    gain.gain.exponentialRampToValueAtTime(0.001, start + at + length);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(start + at);
    oscillator.stop(start + at + length);
  }
}

export function signal(kind: Signal): void {
  try {
    navigator.vibrate?.(VIBRATION[kind]);
  } catch {
    // not allowed here (e.g. in a frame)
  }
  beep(kind);
}
