import type { TaskList } from 'graphile-worker';
import type { TaskDefinition } from './define-task.ts';

/** graphile-worker's task list from definitions; a duplicate name is a programming error. */
export function toTaskList(definitions: readonly TaskDefinition[]): TaskList {
  const list: TaskList = {};
  for (const d of definitions) {
    if (list[d.name]) throw new Error(`Task "${d.name}" is defined twice`);
    list[d.name] = d.task;
  }
  return list;
}

/**
 * Every task the worker runs. Add a definition from `tasks/<area>.<action>.ts` here. Keep a task's
 * name and payload shape compatible while jobs for it may be queued (see CONVENTIONS.md, Jobs).
 */
export const definitions: readonly TaskDefinition[] = [];

export const taskList: TaskList = toTaskList(definitions);
