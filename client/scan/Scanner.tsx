/**
 * The camera scanner with its two companions: a hardware scanner typing anywhere on the screen, and a
 * field to type a code by hand (always one tap away). Every read is parsed and handed to `onScan`.
 * The camera is released when the component unmounts or the app is hidden, and reopened when it
 * comes back if it was on.
 */
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type MouseEvent } from "react";
import {
  focusAt,
  listCameras,
  openCamera,
  preferContinuousFocus,
  setTorch,
  stopStream,
  supportsTapToFocus,
  supportsTorch,
} from "./camera.js";
import { createDecoder } from "./decoders/index.js";
import { createDeduper } from "./dedupe.js";
import { primeFeedback, readFeedback } from "./feedback.js";
import { toScanEvent, type ScanEvent } from "./scanEvent.js";
import { gsSubstitute, savedCameraId } from "./settings.js";
import { scanText, type Decoder } from "./types.js";
import { useKeyboardWedge } from "./useKeyboardWedge.js";
import "./scanner.css";

type CameraState = "off" | "starting" | "on" | "error";

// Between decode attempts: leaves the main thread room for the UI while still reading several frames a second.
const FRAME_PAUSE_MS = 50;

function cameraError(e: unknown): string {
  const name = e instanceof DOMException ? e.name : "";
  if (name === "NotAllowedError") return "The camera was not allowed. Allow it in the browser's site settings, or type the code below.";
  if (name === "NotFoundError" || name === "OverconstrainedError") return "No camera found. Type the code below or use a hardware scanner.";
  if (name === "NotReadableError") return "The camera is in use by another app.";
  return `The camera could not start${e instanceof Error && e.message ? `: ${e.message}` : ""}.`;
}

function useDocumentVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState !== "hidden");
  useEffect(() => {
    const update = () => setVisible(document.visibilityState !== "hidden");
    document.addEventListener("visibilitychange", update);
    return () => document.removeEventListener("visibilitychange", update);
  }, []);
  return visible;
}

export interface ScannerProps {
  onScan: (scan: ScanEvent) => void;
  /** Open the camera as the screen opens (default); false waits for "Start camera". */
  autoStart?: boolean;
  /** Label of the typed-entry field. */
  manualLabel?: string;
}

export function Scanner({ onScan, autoStart = true, manualLabel = "Type or scan a code" }: ScannerProps) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [wanted, setWanted] = useState(autoStart);
  // Bumped by "Start camera" / "Try the camera again" so a failed session can be retried.
  const [attempt, setAttempt] = useState(0);
  const visible = useDocumentVisible();
  // The phase of the current camera session; the camera is "off" whenever it is not wanted or the app is hidden.
  const [phase, setPhase] = useState<Exclude<CameraState, "off">>("starting");
  const [error, setError] = useState<string | null>(null);
  const [decoder, setDecoder] = useState<Decoder | null>(null);
  const [cameras, setCameras] = useState<MediaDeviceInfo[]>([]);
  const [cameraId, setCameraId] = useState(savedCameraId.get);
  const [track, setTrack] = useState<MediaStreamTrack | null>(null);
  const [torchOn, setTorchOn] = useState(false);
  const [manual, setManual] = useState("");
  const [substitute, setSubstitute] = useState(gsSubstitute.get);
  const manualId = useId();
  // Read by the frame loop, so a decoder that finishes loading after the camera opened is used at once.
  const decoderRef = useRef<Decoder | null>(null);
  const onScanRef = useRef(onScan);
  useEffect(() => {
    onScanRef.current = onScan;
  });

  useEffect(() => {
    let live = true;
    createDecoder().then(
      (d) => {
        decoderRef.current = d;
        if (live) setDecoder(d);
      },
      (e: unknown) => live && setError(`No barcode decoder could be loaded: ${String(e)}`),
    );
    return () => {
      live = false;
    };
  }, []);

  // The camera runs while wanted and visible; any change (device, hidden app, leaving) stops its tracks.
  const running = wanted && visible;
  const state: CameraState = running ? phase : "off";
  useEffect(() => {
    const video = videoRef.current;
    if (!running || !video) return;
    let cancelled = false;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const canvas = document.createElement("canvas");
    const context = canvas.getContext("2d", { willReadFrequently: true });
    const deduper = createDeduper(1500);

    const tick = async () => {
      if (cancelled || !context) return;
      const decoder = decoderRef.current;
      if (decoder && video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0) {
        if (canvas.width !== video.videoWidth || canvas.height !== video.videoHeight) {
          canvas.width = video.videoWidth;
          canvas.height = video.videoHeight;
        }
        context.drawImage(video, 0, 0);
        const hit = await decoder.decode(context.getImageData(0, 0, canvas.width, canvas.height)).catch(() => null);
        if (hit && !cancelled) {
          const text = scanText(hit);
          if (deduper.accept(text, performance.now())) {
            readFeedback();
            onScanRef.current(toScanEvent(text, "camera", hit));
          }
        }
      }
      if (!cancelled) timer = setTimeout(() => void tick(), FRAME_PAUSE_MS);
    };

    void (async () => {
      try {
        stream = await openCamera(cameraId || null);
        if (cancelled) return stopStream(stream);
        video.srcObject = stream;
        await video.play();
        if (cancelled) return;
        const videoTrack = stream.getVideoTracks()[0] ?? null;
        if (videoTrack) await preferContinuousFocus(videoTrack);
        setTrack(videoTrack);
        setTorchOn(false);
        setPhase("on");
        setCameras(await listCameras().catch(() => []));
        void tick();
      } catch (e) {
        if (cancelled) return;
        stopStream(stream);
        setError(cameraError(e));
        setPhase("error");
      }
    })();

    return () => {
      cancelled = true;
      clearTimeout(timer);
      stopStream(stream);
      video.srcObject = null;
      // The next session starts afresh.
      setTrack(null);
      setPhase("starting");
      setError(null);
    };
  }, [running, cameraId, attempt]);

  const emitTyped = useCallback((text: string, source: "scanner" | "typed") => {
    if (!text.trim()) return;
    readFeedback();
    onScanRef.current(toScanEvent(text, source));
  }, []);

  useKeyboardWedge((text) => {
    setManual("");
    emitTyped(text, "scanner");
  });

  const submitManual = (e: FormEvent) => {
    e.preventDefault();
    emitTyped(manual, "typed");
    setManual("");
  };

  const tapToFocus = (e: MouseEvent<HTMLDivElement>) => {
    if (!track || !supportsTapToFocus(track)) return;
    const box = e.currentTarget.getBoundingClientRect();
    void focusAt(track, (e.clientX - box.left) / box.width, (e.clientY - box.top) / box.height).catch(() => undefined);
  };

  const toggleTorch = () => {
    if (!track) return;
    const next = !torchOn;
    setTorch(track, next).then(
      () => setTorchOn(next),
      () => setTorchOn(false),
    );
  };

  const pickCamera = (id: string) => {
    savedCameraId.set(id);
    setCameraId(id);
  };

  const start = () => {
    primeFeedback();
    setWanted(true);
    setAttempt((n) => n + 1);
  };

  return (
    <section className="scanner" aria-label="Scanner" data-camera={state} data-decoder={decoder?.name ?? ""}>
      <div className={`scanner-view scanner-${state}`} onClick={tapToFocus}>
        <video ref={videoRef} muted playsInline aria-label="Camera picture" />
        {state === "on" && <div className="viewfinder" aria-hidden="true" />}
        {state !== "on" && (
          <div className="scanner-overlay">
            {state === "starting" && <p>Opening the camera…</p>}
            {state === "error" && <p role="alert">{error}</p>}
            {state === "off" && <p>Camera off.</p>}
            {state !== "starting" && (
              <button type="button" onClick={start}>
                {state === "error" ? "Try the camera again" : "Start camera"}
              </button>
            )}
          </div>
        )}
      </div>
      <div className="scanner-controls">
        {state === "on" && (
          <button type="button" className="secondary" onClick={() => setWanted(false)}>
            Stop camera
          </button>
        )}
        {cameras.length > 1 && (
          <label className="scanner-camera">
            <span className="visually-hidden">Camera</span>
            <select aria-label="Camera" value={cameraId} onChange={(e) => pickCamera(e.target.value)}>
              <option value="">Rear camera (default)</option>
              {cameras.map((c, i) => (
                <option key={c.deviceId} value={c.deviceId}>
                  {c.label || `Camera ${i + 1}`}
                </option>
              ))}
            </select>
          </label>
        )}
        {track && supportsTorch(track) && (
          <button type="button" className="secondary" aria-pressed={torchOn} onClick={toggleTorch}>
            Torch {torchOn ? "on" : "off"}
          </button>
        )}
        <span className="muted scanner-decoder">{decoder ? `Decoder: ${decoder.name}` : "Loading decoder…"}</span>
      </div>
      <form className="inline-form scanner-manual" onSubmit={submitManual}>
        <label htmlFor={manualId} className="visually-hidden">
          {manualLabel}
        </label>
        <input
          id={manualId}
          data-scan-field=""
          placeholder={manualLabel}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          value={manual}
          onChange={(e) => setManual(e.target.value)}
        />
        <button type="submit">Look up</button>
      </form>
      <details className="scanner-settings">
        <summary>Hardware scanner settings</summary>
        <label>
          Character the scanner sends for GS (FNC1), if not GS itself
          <input
            maxLength={3}
            value={substitute}
            onChange={(e) => {
              setSubstitute(e.target.value);
              gsSubstitute.set(e.target.value);
            }}
            placeholder="e.g. ~ or |"
          />
        </label>
      </details>
    </section>
  );
}
