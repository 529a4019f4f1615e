import * as DialogPrimitive from '@radix-ui/react-dialog';
import { type ComponentPropsWithoutRef, type ElementRef, type HTMLAttributes, forwardRef } from 'react';
import { cn } from './cn.ts';

// Radix handles focus trapping, Escape, aria-modal and returning focus to the trigger.
export const Dialog = DialogPrimitive.Root;
export const DialogTrigger = DialogPrimitive.Trigger;
export const DialogClose = DialogPrimitive.Close;

type Primitive<T extends keyof typeof DialogPrimitive & ('Content' | 'Title' | 'Description')> = [
  ElementRef<(typeof DialogPrimitive)[T]>,
  ComponentPropsWithoutRef<(typeof DialogPrimitive)[T]>,
];

/** The dialog panel with its overlay and a labelled close button; give it a DialogTitle. */
export const DialogContent = /* @__PURE__ */ forwardRef<Primitive<'Content'>[0], Primitive<'Content'>[1]>(
  function DialogContent({ className, children, ...props }, ref) {
    return (
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-slate-900/50" />
        <DialogPrimitive.Content
          ref={ref}
          className={cn(
            'fixed top-1/2 left-1/2 z-50 grid w-full max-w-lg -translate-x-1/2 -translate-y-1/2 gap-4',
            'rounded-lg border border-slate-200 bg-white p-6 shadow-lg focus-visible:outline-none',
            className,
          )}
          {...props}
        >
          {children}
          <DialogPrimitive.Close
            className={cn(
              'absolute top-4 right-4 rounded-sm px-1 text-slate-500 hover:text-slate-900',
              'focus-visible:outline-2 focus-visible:outline-indigo-600',
            )}
          >
            <span aria-hidden="true">×</span>
            <span className="sr-only">Close</span>
          </DialogPrimitive.Close>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    );
  },
);

export function DialogHeader({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn('flex flex-col gap-1.5', className)} {...props} />;
}

export function DialogFooter({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn('flex justify-end gap-2', className)} {...props} />;
}

export const DialogTitle = /* @__PURE__ */ forwardRef<Primitive<'Title'>[0], Primitive<'Title'>[1]>(
  function DialogTitle({ className, ...props }, ref) {
    return (
      <DialogPrimitive.Title ref={ref} className={cn('text-lg font-semibold text-slate-900', className)} {...props} />
    );
  },
);

export const DialogDescription = /* @__PURE__ */ forwardRef<Primitive<'Description'>[0], Primitive<'Description'>[1]>(
  function DialogDescription({ className, ...props }, ref) {
    return <DialogPrimitive.Description ref={ref} className={cn('text-sm text-slate-600', className)} {...props} />;
  },
);
