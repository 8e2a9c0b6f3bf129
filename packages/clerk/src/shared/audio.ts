let audio: AudioContext | null = null;

/** The page's audio context once a gesture opened it (feedback.ts plays on it), else null. */
export const audioContext = (): AudioContext | null => audio;

/** Browsers start sound only after a gesture: the first tap or keystroke (a scanner's too) opens it. */
export function unlockAudioOnGesture(): void {
  const unlock = () => {
    try {
      audio ??= new AudioContext();
      void audio.resume();
    } catch {
      // no Web Audio: vibration only
    }
  };
  addEventListener('pointerdown', unlock, { once: true, capture: true });
  addEventListener('keydown', unlock, { once: true, capture: true });
}
