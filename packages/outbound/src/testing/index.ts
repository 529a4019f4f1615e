export * from './post-large-body.ts';
export * from './rogue-servers.ts';
