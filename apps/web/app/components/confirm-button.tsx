import {
  Button,
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@butterfly/ui';
import { Form, Link, useLocation } from '@remix-run/react';
import { useEffect, useState } from 'react';

type Props = {
  /** On the button in the row and on the one that confirms, which posts `intent`. */
  label: string;
  intent: string;
  /** What the row is, read after the label by screen readers, so that each row's button has its own name. */
  subject: string;
  /** The hidden field that tells the action which row, e.g. `{ name: 'memberId', value: id }`. */
  field: { name: string; value: string };
  title: string;
  description: string;
};

/** The query parameter that opens a confirmation as part of the page (without JavaScript). */
export const CONFIRM_PARAM = 'confirm';

/** True once React has hydrated the page, i.e. JavaScript runs; false in the server's HTML. */
function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/**
 * A destructive action on a table row, asked again before the form posts: in a dialog when
 * JavaScript runs; without it, the trigger is a link to this page with `?confirm=<intent>&<field>=<id>`,
 * which renders the same confirmation inline in the row (the server renders it: no script needed).
 * The confirming form posts to the page without those parameters, so after the action the page shows
 * its result, not the question again.
 */
export function ConfirmButton({ label, intent, subject, field, title, description }: Props) {
  const hydrated = useHydrated();
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const asked = params.get(CONFIRM_PARAM) === intent && params.get(field.name) === field.value;
  params.delete(CONFIRM_PARAM);
  params.delete(field.name);
  const rest = params.size ? `?${params}` : '';
  const back = `${location.pathname}${rest}`;
  const anchor = `confirm-${intent}-${field.value}`.replace(/[^A-Za-z0-9_-]/g, '-');

  const form = (footer: (submit: JSX.Element) => JSX.Element) => (
    <Form method="post" action={back}>
      <input type="hidden" name={field.name} value={field.value} />
      {footer(
        <Button type="submit" name="intent" value={intent} variant="destructive">
          {label}
        </Button>,
      )}
    </Form>
  );

  if (asked && !hydrated) {
    return (
      <section
        id={anchor}
        aria-labelledby={`${anchor}-title`}
        className="flex max-w-sm flex-col gap-2 rounded-md border border-red-200 bg-red-50 p-3"
      >
        <h2 id={`${anchor}-title`} className="text-sm font-semibold text-slate-900">
          {title}
        </h2>
        <p className="text-sm text-slate-700">{description}</p>
        {form((submit) => (
          <div className="flex flex-wrap gap-2">
            <Button asChild variant="outline" size="sm">
              <Link to={back}>Cancel</Link>
            </Button>
            {submit}
          </div>
        ))}
      </section>
    );
  }

  if (!hydrated) {
    const ask = new URLSearchParams(rest);
    ask.set(CONFIRM_PARAM, intent);
    ask.set(field.name, field.value);
    return (
      <Button asChild variant="outline" size="sm">
        <a href={`${location.pathname}?${ask}#${anchor}`}>
          {label}
          <span className="sr-only"> {subject}</span>
        </a>
      </Button>
    );
  }

  return (
    <Dialog defaultOpen={asked}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          {label}
          <span className="sr-only"> {subject}</span>
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        {form((submit) => (
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="outline">Cancel</Button>
            </DialogClose>
            {submit}
          </DialogFooter>
        ))}
      </DialogContent>
    </Dialog>
  );
}
