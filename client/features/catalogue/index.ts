export { ItemsScreen } from "./ItemsScreen.js";
export { ItemEditor } from "./ItemEditor.js";
