import type { HTMLAttributes } from 'react';
import { cn } from './cn.ts';

const variants = {
  neutral: 'bg-slate-100 text-slate-800 ring-slate-300',
  info: 'bg-indigo-50 text-indigo-800 ring-indigo-200',
  success: 'bg-green-50 text-green-800 ring-green-200',
  warning: 'bg-amber-50 text-amber-900 ring-amber-200',
  danger: 'bg-red-50 text-red-800 ring-red-200',
} as const;

export interface BadgeProps extends HTMLAttributes<HTMLSpanElement> {
  variant?: keyof typeof variants;
}

/** A short status label. Colours are paired with text, never the only signal. */
export function Badge({ className, variant = 'neutral', ...props }: BadgeProps) {
  return (
    <span
      className={cn(
        'inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset',
        variants[variant],
        className,
      )}
      {...props}
    />
  );
}
