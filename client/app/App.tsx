import { RouterProvider } from "@tanstack/react-router";
import { router } from "./routes.js";

/** The app: every screen is a route (client/app/routes.tsx). */
export function App() {
  return <RouterProvider router={router} />;
}
