/**
 * The scanner: its own lazy chunk (screens that scan import it with `import()` or a lazy route), with
 * the decoders as further chunks inside it. Screens use `Scanner` and the ScanEvent it emits.
 */
export { Scanner, type ScannerProps } from "./Scanner.js";
export type { ScanEvent } from "./scanEvent.js";
export { useKeyboardWedge } from "./useKeyboardWedge.js";
