/** getUserMedia and track capabilities (torch, focus), kept apart from the React component. */

// Not yet in TypeScript's DOM library: image-capture constraints Chrome on Android supports.
interface ImageCaptureCapabilities extends MediaTrackCapabilities {
  torch?: boolean;
  focusMode?: string[];
}
interface ImageCaptureConstraintSet extends MediaTrackConstraintSet {
  torch?: boolean;
  focusMode?: string;
  pointsOfInterest?: { x: number; y: number }[];
}

/**
 * Opens a camera. Without a chosen device the rear camera is a preference, never `exact`: the fake
 * camera of tests and some real webcams report no facing mode, and `exact` would fail on them.
 */
export async function openCamera(deviceId: string | null): Promise<MediaStream> {
  const video: MediaTrackConstraints = {
    width: { ideal: 1280 },
    height: { ideal: 720 },
    ...(deviceId ? { deviceId: { exact: deviceId } } : { facingMode: "environment" }),
  };
  try {
    return await navigator.mediaDevices.getUserMedia({ video, audio: false });
  } catch (e) {
    // A remembered camera that was unplugged: fall back to the default instead of failing.
    if (deviceId && e instanceof DOMException && (e.name === "OverconstrainedError" || e.name === "NotFoundError")) return openCamera(null);
    throw e;
  }
}

export function stopStream(stream: MediaStream | null | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/** Video inputs (labels are only filled once a camera permission was granted). */
export async function listCameras(): Promise<MediaDeviceInfo[]> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices.filter((d) => d.kind === "videoinput");
}

function capabilities(track: MediaStreamTrack): ImageCaptureCapabilities {
  return typeof track.getCapabilities === "function" ? (track.getCapabilities() as ImageCaptureCapabilities) : {};
}

export function supportsTorch(track: MediaStreamTrack): boolean {
  return capabilities(track).torch === true;
}

export async function setTorch(track: MediaStreamTrack, on: boolean): Promise<void> {
  await track.applyConstraints({ advanced: [{ torch: on } as ImageCaptureConstraintSet] });
}

export function supportsTapToFocus(track: MediaStreamTrack): boolean {
  const modes = capabilities(track).focusMode ?? [];
  return modes.includes("single-shot") || modes.includes("manual");
}

/** Continuous autofocus where the camera offers it (many default to fixed focus, blurring small codes). */
export async function preferContinuousFocus(track: MediaStreamTrack): Promise<void> {
  if ((capabilities(track).focusMode ?? []).includes("continuous")) {
    await track.applyConstraints({ advanced: [{ focusMode: "continuous" } as ImageCaptureConstraintSet] }).catch(() => undefined);
  }
}

/** Focuses once on a point of the picture, given as fractions (0..1) of its width and height. */
export async function focusAt(track: MediaStreamTrack, x: number, y: number): Promise<void> {
  await track.applyConstraints({ advanced: [{ focusMode: "single-shot", pointsOfInterest: [{ x, y }] } as ImageCaptureConstraintSet] });
}
