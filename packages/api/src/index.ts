export { appRouter, type AppRouter } from './root.ts';
export {
  createContext,
  type ApiServices,
  type Context,
  type CreateContextInput,
  type RequestPrincipal,
} from './context.ts';
export { createCallerFactory } from './trpc.ts';
