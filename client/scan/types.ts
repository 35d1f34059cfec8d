/** What a decoder read from one camera frame. */
export interface Decoded {
  /** The data as the decoder delivers it, without the symbology identifier (GS1 separators as GS). */
  text: string;
  /** The symbol's format as the decoder names it (e.g. "DataMatrix", "Code128", "EAN13"). */
  format: string;
  /** AIM symbology identifier (`]d2` GS1 DataMatrix, `]C1` GS1-128, `]E0` EAN-13, `]Q1` QR ...), when known. */
  symbologyIdentifier?: string;
  /** The decoder's content type ("GS1", "Text", "ISO15434", ...), when it reports one. */
  contentType?: string;
}

/**
 * One barcode decoder. Both implementations (zxing-wasm, and @zxing/browser as the fallback) read the
 * same ImageData, so the camera loop and the bench treat them alike.
 */
export interface Decoder {
  readonly name: "zxing-wasm" | "zxing-browser";
  /** The first symbol found in the frame, or null. Never throws for "nothing found". */
  decode(frame: ImageData): Promise<Decoded | null>;
}

/** A read ready for the parser: the text with its symbology identifier in front, as a scanner sends it. */
export function scanText(decoded: Decoded): string {
  const aim = decoded.symbologyIdentifier ?? "";
  return decoded.text.startsWith(aim) ? decoded.text : aim + decoded.text;
}
