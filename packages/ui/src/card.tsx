import { type HTMLAttributes, forwardRef } from 'react';
import { cn } from './cn.ts';

// Components are `/* @__PURE__ */ forwardRef(function Name ...)`: named for React devtools, and
// dropped from bundles of pages that don't use them.

type DivProps = HTMLAttributes<HTMLDivElement>;

export const Card = /* @__PURE__ */ forwardRef<HTMLDivElement, DivProps>(function Card({ className, ...props }, ref) {
  return (
    <div ref={ref} className={cn('rounded-lg border border-slate-200 bg-white shadow-sm', className)} {...props} />
  );
});

export const CardHeader = /* @__PURE__ */ forwardRef<HTMLDivElement, DivProps>(function CardHeader(
  { className, ...props },
  ref,
) {
  return <div ref={ref} className={cn('flex flex-col gap-1.5 p-6', className)} {...props} />;
});

const titleSizes = { sm: 'text-base', md: 'text-lg', lg: 'text-2xl' } as const;

/** A heading: pass `asLevel` to fit the page outline (h2 by default). */
export const CardTitle = /* @__PURE__ */ forwardRef<
  HTMLHeadingElement,
  HTMLAttributes<HTMLHeadingElement> & { asLevel?: 'h1' | 'h2' | 'h3'; size?: keyof typeof titleSizes }
>(function CardTitle({ className, asLevel: Heading = 'h2', size = 'md', ...props }, ref) {
  return (
    <Heading
      ref={ref}
      className={cn('font-semibold leading-tight text-slate-900', titleSizes[size], className)}
      {...props}
    />
  );
});

export const CardDescription = /* @__PURE__ */ forwardRef<HTMLParagraphElement, HTMLAttributes<HTMLParagraphElement>>(
  function CardDescription({ className, ...props }, ref) {
    return <p ref={ref} className={cn('text-sm text-slate-600', className)} {...props} />;
  },
);

export const CardContent = /* @__PURE__ */ forwardRef<HTMLDivElement, DivProps>(function CardContent(
  { className, ...props },
  ref,
) {
  return <div ref={ref} className={cn('p-6 pt-0', className)} {...props} />;
});

export const CardFooter = /* @__PURE__ */ forwardRef<HTMLDivElement, DivProps>(function CardFooter(
  { className, ...props },
  ref,
) {
  return <div ref={ref} className={cn('flex items-center gap-2 p-6 pt-0', className)} {...props} />;
});
