/** A short beep (WebAudio) and a buzz (Vibration API) on each read; both silently skipped where unavailable. */
let audio: AudioContext | undefined;

/**
 * Creates the AudioContext; call it from a user gesture (e.g. "Start camera") so the browser's autoplay
 * policy lets it play later.
 */
export function primeFeedback(): void {
  try {
    audio ??= new AudioContext();
    void audio.resume();
  } catch {
    audio = undefined;
  }
}

export function readFeedback(): void {
  try {
    audio ??= new AudioContext();
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = 1760;
    gain.gain.setValueAtTime(0.15, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.12);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + 0.12);
  } catch {
    // no audio: the vibration and the on-screen result remain
  }
  if (typeof navigator.vibrate === "function") navigator.vibrate(60);
}
