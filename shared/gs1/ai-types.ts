/** Shapes of the generated AI table (ai-table.ts), one entry per line of GS1's Barcode Syntax Dictionary. */

/** Character sets of the dictionary: N digits, X GS1 CSET 82, Y CSET 39, Z base64url (CSET 64). */
export type AiCharset = "N" | "X" | "Y" | "Z";

/** One component of an AI's data field, e.g. `N6,yymmd0` or `[X..17]`. */
export interface AiComponent {
  charset: AiCharset;
  /** Fixed components have min === max; only the last component may vary in length. */
  min: number;
  max: number;
  /** `[...]` in the dictionary: may be left out once the data is exhausted. */
  optional: boolean;
  /** Names of GS1's reference "linter" checks for this component (csum, yymmd0, iso3166, ...). */
  linters: string[];
}

export interface AiEntry {
  /** First AI of the entry; `last` is set for ranges such as 3100-3105. */
  ai: string;
  last?: string;
  /** The dictionary's short title (data title), "" where the dictionary gives none. */
  title: string;
  /** `*` flag: predefined length, so no FNC1/GS separator is needed after the field. */
  predefinedLength: boolean;
  /** `?` flag: permitted as a GS1 Digital Link data attribute (query parameter). */
  dlAttribute: boolean;
  /** `dlpkey` attribute: a GS1 Digital Link primary key; `dlQualifiers` lists its qualifier paths. */
  dlPrimaryKey: boolean;
  dlQualifiers?: string[][];
  components: AiComponent[];
  /** `req=` and `ex=` attributes as written (associations over all carriers of an item). */
  req?: string[];
  ex?: string[];
}
