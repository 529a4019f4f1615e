/** The key the form carries: the chosen file, else the pasted text. */
export async function serviceAccountKeyOf(form: FormData): Promise<string> {
  const file = form.get('serviceAccountKeyFile');
  if (file && typeof file !== 'string' && file.size > 0) return await file.text();
  return String(form.get('serviceAccountKey') ?? '');
}
