import { type HTMLAttributes, type TdHTMLAttributes, type ThHTMLAttributes, forwardRef } from 'react';
import { cn } from './cn.ts';

type SectionProps = HTMLAttributes<HTMLTableSectionElement>;

/**
 * A table in a horizontally scrollable, focusable region, so wide tables work with the keyboard.
 * `relative`: absolutely positioned content in cells (`sr-only` labels) is then clipped by the region
 * too; otherwise it would stick out at its place in the wide table and widen the whole page.
 */
export const Table = /* @__PURE__ */ forwardRef<HTMLTableElement, HTMLAttributes<HTMLTableElement>>(function Table(
  { className, ...props },
  ref,
) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <div className="relative w-full overflow-x-auto" tabIndex={0}>
      <table ref={ref} className={cn('w-full caption-bottom border-collapse text-sm', className)} {...props} />
    </div>
  );
});

export const TableHeader = /* @__PURE__ */ forwardRef<HTMLTableSectionElement, SectionProps>(function TableHeader(
  { className, ...props },
  ref,
) {
  return <thead ref={ref} className={cn('border-b border-slate-200', className)} {...props} />;
});

export const TableBody = /* @__PURE__ */ forwardRef<HTMLTableSectionElement, SectionProps>(function TableBody(
  { className, ...props },
  ref,
) {
  return <tbody ref={ref} className={cn('divide-y divide-slate-100', className)} {...props} />;
});

export const TableRow = /* @__PURE__ */ forwardRef<HTMLTableRowElement, HTMLAttributes<HTMLTableRowElement>>(
  function TableRow({ className, ...props }, ref) {
    return <tr ref={ref} className={cn('hover:bg-slate-50', className)} {...props} />;
  },
);

export const TableHead = /* @__PURE__ */ forwardRef<HTMLTableCellElement, ThHTMLAttributes<HTMLTableCellElement>>(
  function TableHead({ className, scope = 'col', ...props }, ref) {
    return (
      <th
        ref={ref}
        scope={scope}
        className={cn('h-10 px-3 text-left align-middle font-medium text-slate-600', className)}
        {...props}
      />
    );
  },
);

export const TableCell = /* @__PURE__ */ forwardRef<HTMLTableCellElement, TdHTMLAttributes<HTMLTableCellElement>>(
  function TableCell({ className, ...props }, ref) {
    return <td ref={ref} className={cn('px-3 py-2 align-middle', className)} {...props} />;
  },
);

export const TableCaption = /* @__PURE__ */ forwardRef<
  HTMLTableCaptionElement,
  HTMLAttributes<HTMLTableCaptionElement>
>(function TableCaption({ className, ...props }, ref) {
  return <caption ref={ref} className={cn('mt-3 text-sm text-slate-600', className)} {...props} />;
});
