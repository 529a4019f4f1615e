import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';

/**
 * The page a form submission without JavaScript lands on before going on to the IdP (the response's
 * `Refresh` header goes there at once; the link is for a browser that does not).
 */
export function HandOffCard({
  title,
  description,
  to,
  label,
}: {
  title: string;
  description: string;
  to: string;
  label: string;
}) {
  return (
    <Card className="mx-auto w-full max-w-md">
      <CardHeader>
        <CardTitle asLevel="h1" size="lg">
          {title}
        </CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent>
        <Button asChild>
          <a href={to}>{label}</a>
        </Button>
      </CardContent>
    </Card>
  );
}
