/** @butterfly/domain/directory-sync: Google directory sync (decision 064). */
export { DEFAULT_GROUP_LOCAL_PARTS, type RoleGroups } from './directory-sync.fns.ts';
export { enqueueDueDirectorySyncs } from './enqueue-due-directory-syncs.ts';
export { type DirectorySyncStatus, getDirectorySyncStatus } from './get-directory-sync-status.ts';
export { directorySyncJobKey, requestDirectorySync } from './request-directory-sync.ts';
export { runDirectorySync } from './run-directory-sync.ts';
export { setDirectorySync, type TSetDirectorySyncInput, ZSetDirectorySyncInput } from './set-directory-sync.ts';
export { acceptDirectoryWatch, type WatchOutcome } from './accept-directory-watch.ts';
export { directoryWatchPath, renewDirectoryWatch, watchDirectory } from './watch-directory.ts';
