import { cn } from '@butterfly/ui';
import type { HTMLAttributes } from 'react';

const tones = {
  info: 'border-indigo-200 bg-indigo-50 text-indigo-900',
  success: 'border-green-200 bg-green-50 text-green-900',
  warning: 'border-amber-300 bg-amber-50 text-amber-950',
  danger: 'border-red-300 bg-red-50 text-red-900',
} as const;

export interface NoticeProps extends HTMLAttributes<HTMLDivElement> {
  tone?: keyof typeof tones;
  title?: string;
}

/**
 * A boxed message. Results of an action use role="status" (announced politely), failures
 * role="alert"; the caller picks, since only the caller knows whether it just appeared.
 */
export function Notice({ tone = 'info', title, className, children, ...props }: NoticeProps) {
  return (
    <div className={cn('rounded-md border px-4 py-3 text-sm', tones[tone], className)} {...props}>
      {title && <p className="font-semibold">{title}</p>}
      {children}
    </div>
  );
}
