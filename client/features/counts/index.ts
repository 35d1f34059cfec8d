/** What other features use of counts: the dashboard's accuracy figure. */
export { CountAccuracyFigure } from "./CountAccuracy.js";
