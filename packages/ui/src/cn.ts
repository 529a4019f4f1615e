export type ClassValue = string | false | null | undefined | 0;

/**
 * Joins class names, skipping falsy ones. Unlike shadcn's `cn` it does not merge conflicting Tailwind
 * utilities (no tailwind-merge): a caller's `className` is appended, so pass additions, not overrides.
 */
export function cn(...classes: ClassValue[]): string {
  return classes.filter(Boolean).join(' ');
}
