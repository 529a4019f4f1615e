/** A text field of a submitted form, trimmed; '' when absent. */
export const formText = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
