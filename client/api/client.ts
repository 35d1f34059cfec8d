import { createApiClient, type ApiClient } from "./http.js";

/** The app-wide API client (same origin, global fetch). Tests build their own with createApiClient. */
export const api: ApiClient = createApiClient();
