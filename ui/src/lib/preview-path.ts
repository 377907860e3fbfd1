/**
 * Where the development server answers the browser preview's calls
 * (dev/preview-api.ts). Imported only by development-only code, so the
 * production build holds no trace of it (src/bundle.test.ts checks).
 */
export const PREVIEW_API_PATH = "/__tasking_vault_preview/api";
