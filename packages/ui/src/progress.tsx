import * as ProgressPrimitive from '@radix-ui/react-progress';
import { type ComponentPropsWithoutRef, type ElementRef, forwardRef } from 'react';
import { cn } from './cn.ts';

type Props = Omit<ComponentPropsWithoutRef<typeof ProgressPrimitive.Root>, 'value' | 'max'> & {
  /** Done so far; null when the total is unknown (an indeterminate bar that still announces its text). */
  value: number | null;
  max: number;
  /** What a screen reader says (aria-valuetext), e.g. "1,200 of about 3,000 objects". */
  valueText: string;
};

/**
 * A progress bar (Radix: role="progressbar" with aria-valuenow/min/max). Give it an accessible name
 * with aria-label or aria-labelledby. The value is clamped, since an estimate of the total can be
 * exceeded (an org that grew since the last backup) and Radix treats value > max as invalid.
 */
export const Progress = /* @__PURE__ */ forwardRef<ElementRef<typeof ProgressPrimitive.Root>, Props>(function Progress(
  { className, value, max, valueText, ...props },
  ref,
) {
  const clamped = value === null ? null : Math.max(0, Math.min(value, max));
  const percent = clamped === null ? null : max > 0 ? (clamped / max) * 100 : 0;
  return (
    <ProgressPrimitive.Root
      ref={ref}
      value={clamped}
      max={max}
      getValueLabel={() => valueText}
      className={cn('relative h-3 w-full overflow-hidden rounded-full bg-slate-200', className)}
      {...props}
    >
      <ProgressPrimitive.Indicator
        className={cn(
          'h-full bg-indigo-600 transition-[width] duration-500',
          percent === null && 'w-1/3 animate-pulse',
        )}
        style={percent === null ? undefined : { width: `${percent}%` }}
      />
    </ProgressPrimitive.Root>
  );
});
