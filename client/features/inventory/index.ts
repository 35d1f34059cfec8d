/** What other features may use from inventory (features meet only through data.ts/index.ts). */
export { ItemLevels } from "./ItemLevels.js";
