/**
 * Scanner settings of this device (a scanner is set up per device, not per practice or user), kept in
 * localStorage.
 */
const GS_KEY = "venzory.scan.gsSubstitute";
const CAMERA_KEY = "venzory.scan.cameraId";

function read(key: string): string {
  try {
    return localStorage.getItem(key) ?? "";
  } catch {
    return ""; // storage blocked: defaults
  }
}

function write(key: string, value: string): void {
  try {
    if (value) localStorage.setItem(key, value);
    else localStorage.removeItem(key);
  } catch {
    // storage blocked: the choice lasts for this screen only
  }
}

/** What this device's keyboard-wedge scanner types for GS (FNC1), e.g. "~" or "|"; "" when it sends GS itself. */
export const gsSubstitute = { get: () => read(GS_KEY), set: (v: string) => write(GS_KEY, v) };
/** The camera picked last, by deviceId; "" for the default (rear camera preferred). */
export const savedCameraId = { get: () => read(CAMERA_KEY), set: (v: string) => write(CAMERA_KEY, v) };
