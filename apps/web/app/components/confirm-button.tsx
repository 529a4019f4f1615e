import { Button, Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@butterfly/ui';
import { Form } from '@remix-run/react';

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

/** A destructive action on a table row, asked again in a dialog before the form posts. */
export function ConfirmButton({ label, intent, subject, field, title, description }: Props) {
  return (
    <Dialog>
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
        <Form method="post">
          <input type="hidden" name={field.name} value={field.value} />
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="outline">Cancel</Button>
            </DialogClose>
            <Button type="submit" name="intent" value={intent} variant="destructive">
              {label}
            </Button>
          </DialogFooter>
        </Form>
      </DialogContent>
    </Dialog>
  );
}
