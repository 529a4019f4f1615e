// What the database globalSetup hands to test files through vitest's provide/inject.
declare module 'vitest' {
  export interface ProvidedContext {
    bfyAdminUrl: string;
    bfyTemplate: string;
  }
}
export {};
